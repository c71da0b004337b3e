import { CreateCatalogTables1796500000000 } from './migrations/1796500000000-CreateCatalogTables';

/**
 * What the platform migrates (as the owner) and what the service connects to
 * (as `nexara_catalog`). The service speaks SQL directly: no mapped entities.
 */
export const catalogDatabase = {
  schema: 'catalog',
  entities: [] as Function[],
  migrations: [CreateCatalogTables1796500000000] as Function[],
};
