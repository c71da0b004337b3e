import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDatabase, dropDatabase, type ProvisionedDatabase, type RolePasswords } from '@nexara/kit';

export const TEST_DATABASE_PREFIX = 'nexara_test_';

/**
 * Names carry the pid of the jest run that owns them (`nexara_test_<pid>_...`),
 * so two runs can share one server: each drops only its own databases and
 * those of runs that are no longer alive.
 */
export const runDatabasePrefix = (pid: number): string => `${TEST_DATABASE_PREFIX}${pid}_`;
export const templateDatabaseFor = (pid: number): string => `${runDatabasePrefix(pid)}template`;

export function ownerPidOf(database: string): number | null {
  const match = /^nexara_test_(\d+)_/.exec(database);
  return match ? Number(match[1]) : null;
}

export type TestDatabase = ProvisionedDatabase & {
  /** Runs SQL as the owner role (RLS still applies: it is forced), for assertions about raw rows. */
  queryAsOwner: <R extends Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<R[]>;
  /** Runs SQL as a superuser: sees every tenant's rows, for fixtures and assertions only. */
  queryAsAdmin: <R extends Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<R[]>;
  drop: () => Promise<void>;
};

function testServer(): { adminUrl: string; passwords: RolePasswords; template: string } {
  const adminUrl = process.env['NEXARA_TEST_ADMIN_URL'];
  const passwords = process.env['NEXARA_TEST_ROLE_PASSWORDS'];
  const template = process.env['NEXARA_TEST_TEMPLATE'];
  if (!adminUrl || !passwords || !template) {
    throw new Error(
      'No test database server: run integration tests through jest (npm test), whose global setup starts one.',
    );
  }
  return { adminUrl, passwords: JSON.parse(passwords) as RolePasswords, template };
}

async function query<R extends Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database for one test file, cloned from the template the global setup built. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { adminUrl, passwords, template } = testServer();
  const name = `${template.replace(/template$/, '')}${process.pid}_${randomBytes(4).toString('hex')}`;
  let database: ProvisionedDatabase | undefined;
  for (let attempt = 0; !database; attempt += 1) {
    try {
      database = await createDatabase(adminUrl, name, passwords, { template });
    } catch (error) {
      // Two workers cloning the template at the same instant: PostgreSQL refuses the second; try again.
      if (attempt > 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
  const adminDbUrl = new URL(adminUrl);
  adminDbUrl.pathname = `/${name}`;
  const created = database;
  return {
    ...created,
    queryAsOwner: (sql, params) => query(created.ownerUrl, sql, params),
    queryAsAdmin: (sql, params) => query(adminDbUrl.toString(), sql, params),
    drop: () => dropDatabase(adminUrl, name),
  };
}
