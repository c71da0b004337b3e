import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DEFAULT_PORTS, serviceEnvironments } from '../platform/environments';
import { createThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres';
import {
  createDatabase,
  DATABASE_ROLES,
  ensureRoles,
  freePorts,
  generateRolePasswords,
  OWNER_ROLE,
  roleName,
  type ProvisionedDatabase,
} from '@nexara/kit';

/** The role `url` logs in as, or the SQLSTATE PostgreSQL refused it with. */
async function loginAs(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ who: string }>('select current_user as who');
    return rows[0]!.who;
  } catch (error) {
    return `refused ${(error as { code?: string }).code ?? String(error)}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Who can log in as whom, on a PostgreSQL of its own that checks passwords
 * (the shared test server trusts loopback, and roles are cluster-wide).
 */
describe('database roles', () => {
  let pg: ThrowawayPostgres;
  let database: ProvisionedDatabase;
  const passwords = generateRolePasswords();

  beforeAll(async () => {
    const [port] = await freePorts(1);
    pg = createThrowawayPostgres(port!, { superuserPassword: randomBytes(18).toString('base64url') });
    await ensureRoles(pg.adminUrl, passwords);
    database = await createDatabase(pg.adminUrl, 'nexara_roles', passwords);
  });

  afterAll(() => {
    pg?.destroy();
  });

  it('gives every role a password of its own', () => {
    expect(new Set(Object.values(passwords)).size).toBe(DATABASE_ROLES.length);
    const inUrls = [database.ownerUrl, database.gatewayUrl, ...Object.values(database.serviceUrls)].map(
      (url) => new URL(url).password,
    );
    expect(new Set(inUrls).size).toBe(DATABASE_ROLES.length);
  });

  it("lets each service's environment log in as its own role and never as the owner", async () => {
    const envs = serviceEnvironments({
      database,
      secrets: { authTokenSecret: 'a'.repeat(32), internalTokenSecret: 'i'.repeat(32), secretsEncryptionKey: 'k' },
      ports: DEFAULT_PORTS,
      publicUrl: 'http://localhost:4000',
      egressAllow: '',
      nodeEnv: 'test',
      logLevel: 'silent',
    });
    // Typed over every service: a new service without its role here is a compile error, not a surprise in CI.
    const expected: Record<keyof typeof envs, string> = {
      tenants: roleName('tenants'),
      orders: roleName('orders'),
      integrations: roleName('integrations'),
      catalog: roleName('catalog'),
      worker: roleName('integrations'),
      gateway: roleName('gateway'),
    };
    for (const [service, env] of Object.entries(envs)) {
      const url = env['DATABASE_URL'] ?? env['EVENT_BUS_DATABASE_URL'];
      expect([service, url && (await loginAs(url))]).toEqual([service, expected[service as keyof typeof envs]]);

      expect(Object.values(env).join('\n')).not.toContain(passwords.owner);
      const asOwner = new URL(url!);
      asOwner.username = OWNER_ROLE;
      expect([service, await loginAs(asOwner.toString())]).toEqual([service, 'refused 28P01']);
    }
    expect(await loginAs(database.ownerUrl)).toBe(OWNER_ROLE);
  });
});
