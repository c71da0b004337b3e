import { CreateCatalogTables1796500000000 } from './migrations/1796500000000-CreateCatalogTables';
import { UntilScheduler1796800000000 } from './migrations/1796800000000-UntilScheduler';
import { ProviderCodesFromRegistry1796810000000 } from './migrations/1796810000000-ProviderCodesFromRegistry';

/**
 * What the platform migrates (as the owner) and what the service connects to
 * (as `nexara_catalog`). The service speaks SQL directly: no mapped entities.
 */
export const catalogDatabase = {
  schema: 'catalog',
  entities: [] as Function[],
  migrations: [
    CreateCatalogTables1796500000000,
    UntilScheduler1796800000000,
    ProviderCodesFromRegistry1796810000000,
  ] as Function[],
};
