import 'reflect-metadata';
import path from 'node:path';
import { localSecrets } from '../database/local-secrets';
import { startDatabaseServer, type DatabaseServer } from '../database/database-server';
import { migrateAll } from '../database/migrate-all';
import { createDatabase, dropDatabase, ensureRoles, listDatabases } from '@nexara/kit';
import { DATA_DIR } from '../paths';
import { ownerPidOf, TEST_DATABASE_PREFIX, templateDatabaseFor } from '@nexara/test-support';

/** The embedded test server listens here; the demo's uses another port and data directory. */
export const TEST_DATABASE_PORT = 54339;

/**
 * Jest global setup for integration and end-to-end tests: one PostgreSQL
 * (DATABASE_URL, or an embedded one under .data/pg-test), a template database
 * migrated once, and each test file clones its own database from it.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export default async function globalSetup(): Promise<void> {
  const secrets = localSecrets();
  const started = Date.now();
  const server = await startDatabaseServer({
    databaseUrl: process.env['DATABASE_URL'],
    dataDir: path.join(DATA_DIR, 'pg-test'),
    port: TEST_DATABASE_PORT,
    superuserPassword: secrets.databasePassword,
  });
  (globalThis as { __nexaraTestDatabaseServer?: DatabaseServer }).__nexaraTestDatabaseServer = server;

  await ensureRoles(server.adminUrl, secrets.rolePasswords);
  // Leftovers of runs that died without cleaning up; databases of live runs are theirs.
  for (const name of await listDatabases(server.adminUrl, TEST_DATABASE_PREFIX)) {
    const owner = ownerPidOf(name);
    if (owner === null || !processAlive(owner)) await dropDatabase(server.adminUrl, name);
  }
  const templateName = templateDatabaseFor(process.pid);
  const template = await createDatabase(server.adminUrl, templateName, secrets.rolePasswords, {
    dropExisting: true,
  });
  await migrateAll(template);
  process.env['NEXARA_TEST_TEMPLATE'] = templateName;

  process.env['NEXARA_TEST_ADMIN_URL'] = server.adminUrl;
  process.env['NEXARA_TEST_ROLE_PASSWORDS'] = JSON.stringify(secrets.rolePasswords);
  process.stdout.write(
    `\n[test database] ${server.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'} ready and migrated in ${Date.now() - started} ms\n`,
  );
}
