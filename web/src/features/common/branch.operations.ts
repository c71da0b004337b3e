import { graphql } from '../../gql';

/** The tenant's branches, for the branch pickers of the availability and store-status pages. */
export const BRANCH_CHOICES = graphql(`
  query BranchChoices {
    branches {
      id
      name
      timeZone
    }
  }
`);

graphql(`
  fragment BranchSyncJobFields on CatalogSyncJob {
    id
    kind
    status
    reason
    attempts
    provider
    branchId
    request
    createdAt
    updatedAt
    connection {
      id
      name
      provider
    }
  }
`);

/** A sync job of the branch was queued or changed state (docs/control-plane.md). */
export const BRANCH_SYNC_CHANGED = graphql(`
  subscription BranchCatalogSyncChanged($branchId: ID) {
    catalogSyncChanged(branchId: $branchId) {
      ...BranchSyncJobFields
    }
  }
`);

/** The branch's status, busy mode or hours changed (a person, an API key or the until scheduler). */
export const BRANCH_STATE_CHANGED = graphql(`
  subscription BranchStoreStatusChanged($branchId: ID) {
    storeStatusChanged(branchId: $branchId) {
      branchId
      status
      until
    }
  }
`);

/** The newest sync jobs of some kinds at a branch: each connection's answer to the last changes. */
export const BRANCH_SYNC_JOBS = graphql(`
  query BranchSyncJobs($branchId: ID!, $kinds: [CatalogSyncKind!]!, $first: Int!) {
    catalogSyncJobs(filter: { branchId: $branchId, kind: $kinds }, first: $first) {
      edges {
        node {
          ...BranchSyncJobFields
        }
      }
    }
  }
`);
