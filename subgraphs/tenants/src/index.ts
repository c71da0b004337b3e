export { tenantsDatabase } from './database';
export { tenantsConfigShape, type TenantsConfig } from './config';
export { createTenantsServer, type TenantsServer } from './server';
export { buildTenantsSchema, tenantsSdl, type TenantsServices } from './schema';
export { PLATFORM_TENANT } from './tenant/tenant.service';
export { API_KEY_SECRET_PREFIX, looksLikeApiKeySecret } from './api-key/api-key-secret';
