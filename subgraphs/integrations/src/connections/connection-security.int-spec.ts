import { randomBytes, randomUUID } from 'node:crypto';
import { inTenantTransaction, withSession } from '@nexara/kit';
import { createTestDatabase, testSecrets, type TestDatabase } from '@nexara/test-support';
import type { Client } from 'pg';
import { secretBoxFromConfig, SecretDecryptionError } from '../secrets/secret-box';
import { aConnectProviderInput } from '../testing/connection-factory';
import { tenantAdmin } from '../testing/identities';
import { startIntegrations, type RunningIntegrations } from '../testing/integrations-test-server';
import type { ConnectionService, ConnectionView } from './connection.service';

const count = async (client: Client, table: string): Promise<number> =>
  Number((await client.query<{ count: string }>(`select count(*) from integrations.${table}`)).rows[0]!.count);

describe('connection storage security (real PostgreSQL)', () => {
  let db: TestDatabase;
  let integrations: RunningIntegrations;
  let service: ConnectionService;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  let connectionOfA: ConnectionView;
  let connectionOfB: ConnectionView;
  let secretOfA: string;
  const keyOf = (connection: ConnectionView): string => connection.webhookUrl.split('/').pop()!;

  beforeAll(async () => {
    db = await createTestDatabase();
    integrations = await startIntegrations({
      databaseUrl: db.serviceUrls.integrations,
      internalTokenSecret: testSecrets.internalTokenSecret,
      encryptionKeys: testSecrets.secretsEncryptionKey,
    });
    service = integrations.server.services.connections;
    const ofA = await service.connectProvider(tenantAdmin(tenantA), aConnectProviderInput({ provider: 'CAREEM' }));
    connectionOfA = ofA.connection;
    secretOfA = ofA.secret;
    connectionOfB = (await service.connectProvider(tenantAdmin(tenantB), aConnectProviderInput({ provider: 'JAHEZ' })))
      .connection;
  });

  afterAll(async () => {
    await integrations?.server.close();
    await db?.drop();
  });

  describe('row-level security for the application role', () => {
    it('shows no rows of either table when no tenant is set', async () => {
      const asSuperuser = await db.queryAsAdmin<{ connections: string; secrets: string }>(
        `select (select count(*) from integrations.connections) as connections,
                (select count(*) from integrations.connection_secrets) as secrets`,
      );
      expect(Number(asSuperuser[0]!.connections)).toBeGreaterThanOrEqual(2);
      expect(Number(asSuperuser[0]!.secrets)).toBeGreaterThanOrEqual(2);

      await withSession(db.serviceUrls.integrations, async (client) => {
        expect(await count(client, 'connections')).toBe(0);
        expect(await count(client, 'connection_secrets')).toBe(0);
      });
      const viaPool = await inTenantTransaction(integrations.server.dataSource, { tenantId: null }, async (manager) => [
        Number((await manager.query('select count(*) from integrations.connections'))[0].count),
        Number((await manager.query('select count(*) from integrations.connection_secrets'))[0].count),
      ]);
      expect(viaPool).toEqual([0, 0]);
    });

    it("shows only the set tenant's rows and refuses to write another tenant's", async () => {
      await withSession(db.serviceUrls.integrations, async (client) => {
        await client.query('begin');
        await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantA]);
        const rows = await client.query<{ tenant_id: string; id: string }>(
          'select tenant_id, id from integrations.connections',
        );
        expect(rows.rows.map((row) => row.id)).toContain(connectionOfA.id);
        expect(rows.rows.every((row) => row.tenant_id === tenantA)).toBe(true);

        await expect(
          client.query(
            `insert into integrations.connections
               (tenant_id, provider, name, branch_id, external_store_id, currency, api_base_url, connection_key)
             values ($1, 'CAREEM', 'smuggled', $2, 'x-1', 'SAR', 'https://x.test', $3)`,
            [tenantB, randomUUID(), randomBytes(32).toString('base64url')],
          ),
        ).rejects.toThrow(/row-level security/);
        await client.query('rollback');
      });
    });

    it("gives platform scope in the service role no tenant's connections, nor their secrets", async () => {
      const seen = await inTenantTransaction(
        integrations.server.dataSource,
        { tenantId: null, platform: true },
        async (manager) => ({
          connections: (await manager.query<{ id: string }[]>('select id from integrations.connections')).map(
            (r) => r.id,
          ),
          secrets: Number((await manager.query('select count(*) from integrations.connection_secrets'))[0].count),
        }),
      );

      // Only the security definer functions (as their owner) read across tenants, and only what they return.
      expect(seen.connections).toEqual([]);
      expect(seen.secrets).toBe(0);
    });

    it('connects as a role that owns nothing and has neither superuser nor BYPASSRLS', async () => {
      await withSession(db.serviceUrls.integrations, async (client) => {
        const role = await client.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
          'select rolsuper, rolbypassrls from pg_roles where rolname = current_user',
        );
        const owned = await client.query(
          `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'integrations' and pg_get_userbyid(c.relowner) = current_user`,
        );
        expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
        expect(owned.rows).toEqual([]);
      });
    });
  });

  describe('findConnectionByKey', () => {
    it('finds the connection of any tenant by its key, with no tenant set', async () => {
      await expect(service.findConnectionByKey(keyOf(connectionOfA))).resolves.toEqual({
        tenantId: tenantA,
        connectionId: connectionOfA.id,
        provider: 'CAREEM',
        status: 'ACTIVE',
      });
      await expect(service.findConnectionByKey(keyOf(connectionOfB))).resolves.toEqual({
        tenantId: tenantB,
        connectionId: connectionOfB.id,
        provider: 'JAHEZ',
        status: 'ACTIVE',
      });
    });

    it.each([
      ['an unknown key', randomBytes(32).toString('base64url')],
      ['a malformed key', "' or 1=1 --"],
      ['an empty key', ''],
      ['a prefix of a real key', 'PREFIX'],
    ])('finds nothing for %s', async (_case, key) => {
      const lookedUp = key === 'PREFIX' ? keyOf(connectionOfA).slice(0, 40) : key;
      await expect(service.findConnectionByKey(lookedUp)).resolves.toBeNull();
    });

    it('returns only tenant, id, provider and status, and leaves the caller without platform access', async () => {
      await withSession(db.serviceUrls.integrations, async (client) => {
        await client.query('begin');
        const found = await client.query('select * from integrations.connection_for_key($1)', [keyOf(connectionOfB)]);
        expect(found.fields.map((field) => field.name)).toEqual(['tenant_id', 'id', 'provider', 'status']);
        expect(found.rows).toEqual([{ tenant_id: tenantB, id: connectionOfB.id, provider: 'JAHEZ', status: 'ACTIVE' }]);

        const after = await client.query<{ platform: string | null }>(
          `select current_setting('app.platform', true) as platform`,
        );
        expect(after.rows[0]!.platform ?? '').not.toBe('on');
        expect(await count(client, 'connections')).toBe(0);
        await client.query('rollback');
      });
    });

    it("gives the service role nothing for setting app.platform itself: the platform policies are the owner's", async () => {
      const events = async (client: Client) =>
        Number(
          (await client.query<{ count: string }>(`select count(*) from integrations.webhook_events`)).rows[0]!.count,
        );
      await withSession(db.serviceUrls.integrations, async (client) => {
        await client.query('begin');
        await client.query(`select set_config('app.platform', 'on', true)`);
        expect(await count(client, 'connections')).toBe(0);
        expect(await events(client)).toBe(0);
        await client.query('rollback');
      });
      const policies = await db.queryAsAdmin<{ policyname: string; roles: string }>(
        `select policyname, roles::text as roles from pg_policies
          where schemaname = 'integrations' and policyname like '%platform%' order by policyname`,
      );
      expect(policies).toEqual([
        { policyname: 'connections_platform_read', roles: '{nexara_owner}' },
        { policyname: 'webhook_events_platform_read', roles: '{nexara_owner}' },
      ]);
    });

    it('is not executable by the other services', async () => {
      await withSession(db.serviceUrls.orders, async (client) => {
        await expect(
          client.query('select * from integrations.connection_for_key($1)', [keyOf(connectionOfA)]),
        ).rejects.toThrow(/permission denied/);
      });
      const grants = await db.queryAsAdmin<{
        owner: string;
        public_can_execute: boolean;
        service_can_execute: boolean;
      }>(
        `select pg_get_userbyid(p.proowner) as owner,
                has_function_privilege('public', p.oid, 'execute') as public_can_execute,
                has_function_privilege('nexara_integrations', p.oid, 'execute') as service_can_execute
           from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where n.nspname = 'integrations' and p.proname = 'connection_for_key'`,
      );
      expect(grants).toEqual([{ owner: 'nexara_owner', public_can_execute: false, service_can_execute: true }]);
    });
  });

  describe('connectionSecrets', () => {
    const sealer = secretBoxFromConfig(testSecrets.secretsEncryptionKey);

    async function insertSecret(
      tenantId: string,
      connectionId: string,
      plaintext: string,
      ages: { createdSecondsAgo: number; expiresInSeconds: number },
    ): Promise<void> {
      const sealed = sealer.seal(plaintext, { tenantId, connectionId });
      await db.queryAsAdmin(
        `insert into integrations.connection_secrets
           (tenant_id, connection_id, key_id, iv, ciphertext, auth_tag, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, now() - make_interval(secs => $7), now() + make_interval(secs => $8))`,
        [
          tenantId,
          connectionId,
          sealed.keyId,
          sealed.iv,
          sealed.ciphertext,
          sealed.authTag,
          ages.createdSecondsAgo,
          ages.expiresInSeconds,
        ],
      );
    }

    it('returns the current and the not-yet-expired rotated secrets, newest first, and skips expired ones', async () => {
      const { connection, secret: current } = await service.connectProvider(
        tenantAdmin(tenantA),
        aConnectProviderInput(),
      );
      await insertSecret(tenantA, connection.id, 'rotated-out-secret-still-valid', {
        createdSecondsAgo: 3_600,
        expiresInSeconds: 23 * 3_600,
      });
      await insertSecret(tenantA, connection.id, 'rotated-out-secret-long-expired', {
        createdSecondsAgo: 7 * 86_400,
        expiresInSeconds: -86_400,
      });

      const secrets = await service.connectionSecrets(tenantA, connection.id);

      expect(secrets.map((s) => s.value)).toEqual([current, 'rotated-out-secret-still-valid']);
      expect(secrets[0]!.expiresAt).toBeNull();
      expect(secrets[1]!.expiresAt!.getTime()).toBeGreaterThan(Date.now());
    });

    it("returns nothing for another tenant's connection or a malformed id", async () => {
      await expect(service.connectionSecrets(tenantB, connectionOfA.id)).resolves.toEqual([]);
      await expect(service.connectionSecrets(tenantA, 'nope')).resolves.toEqual([]);
      await expect(service.connectionSecrets(tenantA, connectionOfA.id)).resolves.toEqual([
        expect.objectContaining({ value: secretOfA }),
      ]);
    });

    it('refuses a ciphertext copied from another connection (bound by tenant and connection)', async () => {
      const { connection: target } = await service.connectProvider(tenantAdmin(tenantA), aConnectProviderInput());
      await db.queryAsAdmin(
        `update integrations.connection_secrets t
            set key_id = s.key_id, iv = s.iv, ciphertext = s.ciphertext, auth_tag = s.auth_tag
           from integrations.connection_secrets s
          where s.connection_id = $1 and t.connection_id = $2`,
        [connectionOfA.id, target.id],
      );

      await expect(service.connectionSecrets(tenantA, target.id)).rejects.toThrow(SecretDecryptionError);
    });
  });

  describe('key rotation across restarts', () => {
    it('opens secrets sealed under the old key after a new active key is added, and seals new ones under the new key', async () => {
      const newEntry = `rotated2:${randomBytes(32).toString('base64')}`;
      const rotated = await startIntegrations({
        databaseUrl: db.serviceUrls.integrations,
        internalTokenSecret: testSecrets.internalTokenSecret,
        encryptionKeys: `${newEntry},${testSecrets.secretsEncryptionKey}`,
      });
      try {
        const rotatedService = rotated.server.services.connections;
        await expect(rotatedService.connectionSecrets(tenantA, connectionOfA.id)).resolves.toEqual([
          expect.objectContaining({ value: secretOfA, keyId: testSecrets.secretsEncryptionKey.split(':')[0] }),
        ]);

        const { connection, secret } = await rotatedService.connectProvider(
          tenantAdmin(tenantB),
          aConnectProviderInput(),
        );
        await expect(rotatedService.connectionSecrets(tenantB, connection.id)).resolves.toEqual([
          expect.objectContaining({ value: secret, keyId: 'rotated2' }),
        ]);
        // The old configuration no longer has the key that sealed it: a clear error, not garbage.
        await expect(service.connectionSecrets(tenantB, connection.id)).rejects.toThrow(/No encryption key "rotated2"/);
      } finally {
        await rotated.server.close();
      }
    });
  });
});
