import 'reflect-metadata';
import { z } from 'zod';
import { loadConfigOrExit, env } from '@nexara/kit';
import { migrateAll } from './database/migrate-all';
import { createDatabase, ensureRoles } from './database/provision';

/**
 * Deployment step (docker-compose's `migrate` service): with an admin URL,
 * create the roles and the database if missing, then run every subgraph's
 * migrations as the owner role. Services start after it succeeds.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit(
    {
      DATABASE_URL: env.postgresUrl(),
      DATABASE_NAME: z
        .string()
        .regex(/^[a-z_][a-z0-9_]*$/)
        .default('nexara'),
      DATABASE_ROLE_PASSWORD: env.secret(16),
    },
    'migrate',
  );
  await ensureRoles(config.DATABASE_URL, config.DATABASE_ROLE_PASSWORD);
  const database = await createDatabase(config.DATABASE_URL, config.DATABASE_NAME, config.DATABASE_ROLE_PASSWORD);
  const applied = await migrateAll(database);
  console.log(applied.length ? `Applied ${applied.join(', ')}` : 'Database schema is up to date.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
