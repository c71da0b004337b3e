import { integrationsDatabase } from '@nexara/integrations';
import { migrate } from '@nexara/kit';
import { ordersDatabase } from '@nexara/orders';
import { tenantsDatabase } from '@nexara/tenants';
import type { ProvisionedDatabase } from './provision';

/** Each subgraph's checked-in migrations, run as the schema owner. */
export const SERVICE_DATABASES = [tenantsDatabase, ordersDatabase, integrationsDatabase];

export async function migrateAll(database: ProvisionedDatabase): Promise<string[]> {
  const applied: string[] = [];
  for (const service of SERVICE_DATABASES) {
    applied.push(...(await migrate({ url: database.ownerUrl, ...service })));
  }
  return applied;
}
