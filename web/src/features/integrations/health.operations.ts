import { graphql } from '../../gql';

graphql(`
  fragment HealthFields on ConnectionHealth {
    connectionId
    state
    stateReason
    lastDeliveryAt
    deliveriesLastHour
    failuresLastHour
    successRate
    p95ProcessingMs
    deadCount
    failedCount
    authFailuresLastHour
    checkedAt
  }
`);

export const INTEGRATION_HEALTH = graphql(`
  query IntegrationHealth {
    integrationHealth {
      ...HealthFields
      connection {
        id
        name
        provider
        status
        archivedAt
      }
    }
  }
`);

export const INTEGRATION_HEALTH_CHANGED = graphql(`
  subscription IntegrationHealthChanged {
    integrationHealthChanged {
      ...HealthFields
    }
  }
`);
