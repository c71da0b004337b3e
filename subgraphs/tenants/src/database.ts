import { ApiKey } from './api-key/api-key.entity';
import { Branch } from './branch/branch.entity';
import { CreateTenantTables1764385200000 } from './migrations/1764385200000-CreateTenantTables';
import { TenantRowLevelSecurity1764385200100 } from './migrations/1764385200100-TenantRowLevelSecurity';
import { CreateApiKeys1795923000000 } from './migrations/1795923000000-CreateApiKeys';
import { CreateSessions1796400000000 } from './migrations/1796400000000-CreateSessions';
import { CreateLoginAttempts1796400000100 } from './migrations/1796400000100-CreateLoginAttempts';
import { CatalogApiKeyScopes1796400000200 } from './migrations/1796400000200-CatalogApiKeyScopes';
import { UserLocale1796700000000 } from './migrations/1796700000000-UserLocale';
import { Tenant } from './common/tenant.entity';
import { User } from './user/user.entity';

/** What the platform needs to connect to and migrate the `tenants` schema. */
export const tenantsDatabase = {
  schema: 'tenants',
  entities: [Tenant, Branch, User, ApiKey] as Function[],
  migrations: [
    CreateTenantTables1764385200000,
    TenantRowLevelSecurity1764385200100,
    CreateApiKeys1795923000000,
    CreateSessions1796400000000,
    CreateLoginAttempts1796400000100,
    CatalogApiKeyScopes1796400000200,
    UserLocale1796700000000,
  ] as Function[],
};
