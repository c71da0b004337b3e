import { graphql } from '../../gql';

graphql(`
  fragment WebhookEventRow on WebhookEvent {
    id
    provider
    idempotencyKey
    status
    attempts
    replayCount
    lastError
    receivedAt
    processedAt
    processingMs
    nextAttemptAt
    connection {
      id
      name
    }
  }
`);

export const WEBHOOK_EVENTS = graphql(`
  query WebhookEvents($filter: WebhookEventFilterInput, $first: Int!, $after: String) {
    webhookEvents(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        node {
          ...WebhookEventRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const WEBHOOK_EVENT_DETAIL = graphql(`
  query WebhookEventDetail($id: ID!) {
    webhookEvent(id: $id) {
      ...WebhookEventRow
      firstAttemptAt
      lastAttemptAt
      headers
      payload
      orders {
        id
        displayCode
        status
      }
    }
  }
`);

export const REPLAY_WEBHOOK_EVENT = graphql(`
  mutation ReplayWebhookEvent($id: ID!) {
    replayWebhookEvent(id: $id) {
      ...WebhookEventRow
    }
  }
`);

export const REPLAY_DEAD_WEBHOOK_EVENTS = graphql(`
  mutation ReplayDeadWebhookEvents($connectionId: ID!) {
    replayDeadWebhookEvents(connectionId: $connectionId)
  }
`);
