import { graphql } from '../../gql';

graphql(`
  fragment ConnectionFields on ProviderConnection {
    id
    provider
    name
    status
    webhookUrl
    externalStoreId
    currency
    apiBaseUrl
    autoAccept
    createdAt
    archivedAt
    securityEventsLastHour
    branch {
      id
      name
    }
    health {
      ...HealthFields
    }
  }
`);

export const CONNECTIONS = graphql(`
  query Connections($includeArchived: Boolean) {
    connections(includeArchived: $includeArchived) {
      ...ConnectionFields
    }
    branches {
      id
      name
    }
  }
`);

export const CONNECT_PROVIDER = graphql(`
  mutation ConnectProvider($input: ConnectProviderInput!) {
    connectProvider(input: $input) {
      secret
      connection {
        ...ConnectionFields
      }
    }
  }
`);

export const ROTATE_SECRET = graphql(`
  mutation RotateConnectionSecret($id: ID!) {
    rotateConnectionSecret(id: $id) {
      secret
      connection {
        id
        updatedAt
      }
    }
  }
`);

export const PAUSE_CONNECTION = graphql(`
  mutation PauseConnection($id: ID!) {
    pauseConnection(id: $id) {
      id
      status
    }
  }
`);

export const RESUME_CONNECTION = graphql(`
  mutation ResumeConnection($id: ID!) {
    resumeConnection(id: $id) {
      id
      status
    }
  }
`);

export const ARCHIVE_CONNECTION = graphql(`
  mutation ArchiveConnection($id: ID!) {
    archiveConnection(id: $id) {
      id
      archivedAt
    }
  }
`);

export const UNARCHIVE_CONNECTION = graphql(`
  mutation UnarchiveConnection($id: ID!) {
    unarchiveConnection(id: $id) {
      id
      archivedAt
    }
  }
`);

export const SET_AUTO_ACCEPT = graphql(`
  mutation SetAutoAccept($id: ID!, $autoAccept: Boolean!) {
    updateConnection(input: { id: $id, autoAccept: $autoAccept }) {
      id
      autoAccept
    }
  }
`);

export const SEND_TEST_WEBHOOK = graphql(`
  mutation SendTestWebhook($connectionId: ID!, $kind: TestWebhookKind!) {
    sendTestWebhook(connectionId: $connectionId, kind: $kind) {
      httpStatus
      delivered
      idempotencyKey
      externalId
      error
    }
  }
`);

export const CONNECTION_ORDER_CHANGED = graphql(`
  subscription ConnectionOrderChanged($connectionId: ID!) {
    orderChanged(filter: { connectionId: $connectionId }) {
      id
      externalId
      displayCode
      status
    }
  }
`);

export const SAMPLE_ORDER = graphql(`
  query SampleOrder($connectionId: ID!, $search: String!) {
    orders(first: 5, filter: { connectionId: $connectionId, search: $search }) {
      edges {
        node {
          id
          externalId
          displayCode
          status
        }
      }
    }
  }
`);
