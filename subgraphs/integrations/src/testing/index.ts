/**
 * `@nexara/integrations/testing`: this subgraph's test support, for the tests
 * that run it beside other services and so live in e2e/ (docs/architecture.md,
 * "Workspaces and which way they point": no subgraph imports another). Not
 * part of the built package (tsconfig.build.json leaves src/testing out).
 */
export { aPartner, aService, aUser, tenantAdmin } from './identities';
export { errorCodes, graphqlClient, type GraphQLClient } from './graphql-client';
export { queuedJobs, type QueuedJob } from './job-queue';
export { aDelivery, backdateConnection } from './health-fixtures';
export {
  WEBHOOK_SHIM,
  eventInStatus,
  eventually,
  startWebhookPipeline,
  storedEvents,
  type PipelineConnection,
  type StoredEvent,
  type WebhookPipeline,
  type WebhookPipelineOptions,
} from './webhook-pipeline';

// The parts those tests drive directly, below the GraphQL API: the alert evaluator and what it is given.
export { evaluateTenantAlerts, tenantsToEvaluate, type AlertEvaluatorDependencies } from '../alerts/alert-evaluator';
export type { AlertRule } from '../alerts/alert-rules';
export { integrationEventsOn, type IntegrationEvents } from '../events/integration-events';
export { insertCallbackOutcome } from '../health/connection-health.repository';
export { createOrdersClient } from '../orders-client/orders-client';
