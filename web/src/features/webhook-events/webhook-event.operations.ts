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

/** How many dead deliveries a connection has: "Replay all dead" shows only when there are some. */
export const DEAD_WEBHOOK_EVENT_COUNT = graphql(`
  query DeadWebhookEventCount($connectionId: ID!) {
    webhookEvents(filter: { connectionId: $connectionId, status: [DEAD] }, first: 0) {
      totalCount
    }
  }
`);

/**
 * Announced when a delivery of a connection arrives, is attempted, finishes,
 * dies or is refused (coalesced to about one a second per connection): the
 * Webhook events page re-reads what it shows.
 */
export const WEBHOOK_DELIVERIES_CHANGED = graphql(`
  subscription WebhookDeliveriesChanged {
    integrationHealthChanged {
      connectionId
    }
  }
`);
