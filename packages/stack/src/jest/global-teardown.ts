import type { DatabaseServer } from '../database/database-server';
import { dropDatabase, listDatabases } from '@nexara/kit';
import { processAlive } from './global-setup';
import { ownerPidOf, runDatabasePrefix, TEST_DATABASE_PREFIX } from '@nexara/test-support';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __nexaraTestDatabaseServer?: DatabaseServer }).__nexaraTestDatabaseServer;
  if (!server) return;
  // Leave nothing of ours behind (a shared server given by DATABASE_URL included).
  for (const name of await listDatabases(server.adminUrl, runDatabasePrefix(process.pid)))
    await dropDatabase(server.adminUrl, name);
  // Another live run may still be using the embedded server we started: leave it to that run.
  const othersRunning = (await listDatabases(server.adminUrl, TEST_DATABASE_PREFIX)).some((name) => {
    const owner = ownerPidOf(name);
    return owner !== null && owner !== process.pid && processAlive(owner);
  });
  if (othersRunning) server.detach();
  else await server.stop();
}
