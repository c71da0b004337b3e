import { catalogDatabase } from '@nexara/catalog';
import { integrationsDatabase, JOB_QUEUE_SCHEMA, migrateJobQueue } from '@nexara/integrations';
import { migrate } from '@nexara/kit';
import { ordersDatabase } from '@nexara/orders';
import { tenantsDatabase } from '@nexara/tenants';
import { Client } from 'pg';
import { serviceRole, type ProvisionedDatabase } from '@nexara/kit';

/** Each subgraph's checked-in migrations, run as the schema owner. */
export const SERVICE_DATABASES = [tenantsDatabase, ordersDatabase, integrationsDatabase, catalogDatabase];

export async function migrateAll(database: ProvisionedDatabase): Promise<string[]> {
  const applied: string[] = [];
  for (const service of SERVICE_DATABASES) {
    applied.push(...(await migrate({ url: database.ownerUrl, ...service })));
  }
  await migrateJobQueue(database.ownerUrl);
  await grantJobQueue(database.ownerUrl);
  return applied;
}

/**
 * The job queue is shared infrastructure, not a subgraph's schema: integrations
 * (webhook processing, callbacks) and orders (enqueueing callbacks in the same
 * transaction as a status change) and catalog (enqueueing sync jobs in the
 * same transaction as a catalog change) use it.
 */
async function grantJobQueue(ownerUrl: string): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    for (const role of [serviceRole('integrations'), serviceRole('orders'), serviceRole('catalog')]) {
      await client.query(`grant usage on schema ${JOB_QUEUE_SCHEMA} to ${role}`);
      await client.query(`grant select, insert, update, delete on all tables in schema ${JOB_QUEUE_SCHEMA} to ${role}`);
      await client.query(`grant usage, select on all sequences in schema ${JOB_QUEUE_SCHEMA} to ${role}`);
      await client.query(`grant execute on all functions in schema ${JOB_QUEUE_SCHEMA} to ${role}`);
      // graphile-worker enables row-level security on its private tables without policies, so a
      // role that is not their owner sees and inserts nothing. Jobs are not tenant rows: the
      // payload carries ids only, and each task re-reads under the job's tenant.
      const { rows } = await client.query<{ tablename: string }>(
        `select tablename from pg_tables where schemaname = $1 and rowsecurity`,
        [JOB_QUEUE_SCHEMA],
      );
      for (const { tablename } of rows) {
        const policy = `${role}_queue_access`;
        const exists = await client.query(
          'select 1 from pg_policies where schemaname = $1 and tablename = $2 and policyname = $3',
          [JOB_QUEUE_SCHEMA, tablename, policy],
        );
        if (exists.rowCount === 0) {
          await client.query(
            `create policy ${policy} on ${JOB_QUEUE_SCHEMA}.${tablename} for all to ${role} using (true) with check (true)`,
          );
        }
      }
    }
  } finally {
    await client.end();
  }
}
