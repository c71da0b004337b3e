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
} from './connections/connection.service';
export { webhookUrlFor, type ConnectProviderRequest } from './connections/connection.validation';
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
