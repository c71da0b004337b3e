export { integrationsDatabase } from './database';
export { integrationsConfigShape, type IntegrationsConfig } from './config';
export { createIntegrationsServer, type IntegrationsServer } from './server';
export { buildIntegrationsSchema, integrationsSdl, type IntegrationsServices } from './schema';
export {
  ConnectionService,
  type ConnectionKeyMatch,
  type ConnectionSecret,
  type ConnectionView,
  type ConnectProviderResult,
  type ConnectionWithSecret,
  type RotateConnectionSecretResult,
  CONNECTION_CHANGED_CHANNEL,
} from './connections/connection.service';
export {
  TestWebhookService,
  TEST_WEBHOOK_KINDS,
  type TestWebhookKind,
  type TestWebhookOutcome,
} from './connections/test-webhook.service';
export { AuditService, actorName, type AuditEntry, type AuditKind, type AuditLogPage } from './audit/audit.service';
export {
  webhookUrlFor,
  type ConnectProviderRequest,
  type UpdateConnectionRequest,
} from './connections/connection.validation';
export {
  createSecretBox,
  parseEncryptionKeys,
  secretBoxFromConfig,
  SECRETS_KEYS_VARIABLE,
  SecretDecryptionError,
  SecretKeyConfigError,
  type SecretBox,
  type SealedSecret,
} from './secrets/secret-box';
export { JOB_QUEUE_SCHEMA, migrateJobQueue } from './jobs/job-queue';
export { createWebhookWorker, type WebhookWorker, type WebhookWorkerOptions } from './worker/webhook-worker';
export { webhookWorkerConfigShape, type WebhookWorkerConfig } from './worker/config';
export {
  WebhookInboxService,
  type ReceiveWebhookRequest,
  type ReceiveWebhookResult,
  type WebhookVerdict,
} from './webhooks/webhook-inbox.service';
export { WebhookEventService, type WebhookEventPage } from './webhooks/webhook-event.service';
export { ConnectionDirectory, type DirectoryConnection } from './webhooks/connection-directory';
export { PROCESS_WEBHOOK_EVENT_TASK, webhookJobKey, type ProcessWebhookEventJob } from './webhooks/webhook-jobs';
export { WEBHOOK_EVENT_STATUSES, type WebhookEventStatus } from './webhooks/webhook-event.repository';
