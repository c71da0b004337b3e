import { DataSource, type DataSourceOptions, type EntityManager, type MixedList, type EntitySchema } from 'typeorm';
import type { Identity } from './identity';

export type TenantScope = {
  /** The tenant whose rows are visible (`app.tenant_id`); null shows no tenant rows at all. */
  tenantId: string | null;
  /** Platform-wide reads and writes that RLS policies allow explicitly (`app.platform`), e.g. listing tenants. */
  platform?: boolean;
};

type EntityList = MixedList<Function | string | EntitySchema>;

export type DataSourceSettings = {
  url: string;
  /** The PostgreSQL schema this service owns (`tenants`, `orders`, `integrations`). */
  schema: string;
  entities: EntityList;
  migrations?: Function[];
  poolSize?: number;
  applicationName?: string;
};

export function createDataSource(settings: DataSourceSettings): DataSource {
  const options: DataSourceOptions = {
    type: 'postgres',
    url: settings.url,
    schema: settings.schema,
    entities: settings.entities,
    migrations: settings.migrations ?? [],
    migrationsTableName: 'migrations',
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: settings.poolSize ?? 10,
      application_name: settings.applicationName ?? `nexara-${settings.schema}`,
      // A request must never hang forever on a lock or a lost server.
      statement_timeout: 15_000,
      connectionTimeoutMillis: 5_000,
    },
  };
  return new DataSource(options);
}

/**
 * Runs `work` in one transaction whose RLS settings are `scope`.
 * `set_config(..., true)` is transaction-local, so a pooled connection never
 * carries one request's tenant into the next.
 */
export async function inTenantTransaction<T>(
  dataSource: DataSource,
  scope: TenantScope,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`select set_config('app.tenant_id', $1, true), set_config('app.platform', $2, true)`, [
      scope.tenantId ?? '',
      scope.platform ? 'on' : 'off',
    ]);
    return work(manager);
  });
}

/** The RLS scope an identity reads and writes in: its acting tenant, never more. */
export function scopeOf(identity: Identity): TenantScope {
  return { tenantId: identity.kind === 'anonymous' ? null : identity.tenantId };
}

/** Runs a service's migrations (as the schema owner role) and closes the connection. */
export async function migrate(settings: DataSourceSettings): Promise<string[]> {
  const dataSource = createDataSource({ ...settings, poolSize: 1 });
  await dataSource.initialize();
  try {
    await dataSource.query(`set search_path to "${settings.schema}", public`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
