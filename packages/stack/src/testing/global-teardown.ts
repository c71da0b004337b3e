import type { DatabaseServer } from '../database/database-server';
import { listDatabases, dropDatabase } from '../database/provision';
import { TEST_DATABASE_PREFIX } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __nexaraTestDatabaseServer?: DatabaseServer }).__nexaraTestDatabaseServer;
  if (!server) return;
  // Leave nothing behind on a shared server given by DATABASE_URL.
  for (const name of await listDatabases(server.adminUrl, TEST_DATABASE_PREFIX)) await dropDatabase(server.adminUrl, name);
  await server.stop();
}
