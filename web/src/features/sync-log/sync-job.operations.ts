import { graphql } from '../../gql';

graphql(`
  fragment SyncJobRow on CatalogSyncJob {
    id
    kind
    status
    reason
    attempts
    provider
    branchId
    createdAt
    updatedAt
    connection {
      id
      name
    }
  }
`);

export const CATALOG_SYNC_JOBS = graphql(`
  query CatalogSyncJobs($filter: CatalogSyncJobFilter, $first: Int!, $after: String) {
    catalogSyncJobs(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          ...SyncJobRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CATALOG_SYNC_JOB_DETAIL = graphql(`
  query CatalogSyncJobDetail($id: ID!) {
    catalogSyncJob(id: $id) {
      ...SyncJobRow
      request
      answer
    }
  }
`);

export const RETRY_CATALOG_SYNC_JOB = graphql(`
  mutation RetryCatalogSyncJob($id: ID!) {
    retryCatalogSyncJob(id: $id) {
      ...SyncJobRow
    }
  }
`);

/** A sync job of the tenant was queued or changed state: the Menu and Sync log pages show it as it happens. */
export const CATALOG_SYNC_CHANGED = graphql(`
  subscription CatalogSyncChanged {
    catalogSyncChanged {
      ...SyncJobRow
    }
  }
`);
