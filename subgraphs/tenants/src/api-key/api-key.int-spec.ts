import { createHash } from 'node:crypto';
import { inTenantTransaction, type Identity } from '@nexara/kit';
import { generateApiKeySecret } from './api-key-secret';
import {
  API_KEYS,
  AUTHENTICATE_API_KEY,
  CREATE_API_KEY,
  REVOKE_API_KEY,
  anApiKey,
  authenticate,
  gatewayIdentity,
  type ApiKeyView,
} from '../testing/api-keys';
import { errorCodes, graphql, graphqlOk } from '../testing/graphql-client';
import {
  aPlatformAdmin,
  aTenant,
  aUser,
  startTenantsForTest,
  stopTenantsForTest,
  type TenantFixture,
  type TenantsTestContext,
  type UserFixture,
} from '../testing/tenants-test-server';

// Every user fixture costs ~100 ms of scrypt; on a busy machine jest's default 5 s per hook is too tight.
jest.setTimeout(60_000);

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { __typename ... on ApiKey { id name prefix } }
}`;

const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();

describe('partner API keys', () => {
  let context: TenantsTestContext;
  let url: string;
  let a: TenantFixture;
  let b: TenantFixture;
  let platformAdmin: UserFixture;
  let aManager: UserFixture;
  let aStaff: UserFixture;

  beforeAll(async () => {
    context = await startTenantsForTest();
    url = context.url;
    platformAdmin = await aPlatformAdmin(url);
    a = await aTenant(url);
    b = await aTenant(url);
    aManager = await aUser(url, a.owner.identity, 'MANAGER');
    aStaff = await aUser(url, a.owner.identity, 'STAFF');
  });

  afterAll(async () => {
    await stopTenantsForTest(context);
  });

  type KeyRow = {
    tenant_id: string;
    created_by: string;
    prefix: string;
    scopes: string[];
    row: string;
    hash_matches: boolean;
  };
  const rowOf = async (id: string, secret: string): Promise<KeyRow | undefined> =>
    (
      await context.db.queryAsAdmin<KeyRow>(
        `select k.tenant_id, k.created_by, k.prefix, k.scopes, row_to_json(k)::text as row,
                k.secret_hash = sha256(convert_to($2, 'UTF8')) as hash_matches
         from tenants.api_keys k where k.id = $1`,
        [id, secret],
      )
    )[0];
  const lastUsedAt = async (id: string): Promise<Date | null> =>
    (
      await context.db.queryAsAdmin<{ last_used_at: Date | null }>(
        'select last_used_at from tenants.api_keys where id = $1',
        [id],
      )
    )[0]!.last_used_at;
  const keyCount = async () =>
    Number((await context.db.queryAsAdmin<{ n: string }>('select count(*) as n from tenants.api_keys'))[0]!.n);

  describe('createApiKey', () => {
    it('returns the secret once and stores only its SHA-256', async () => {
      const { apiKey, secret } = await anApiKey(url, a.owner.identity, {
        name: '  POS integration ',
        scopes: ['CONNECTIONS_READ', 'ORDERS_READ'],
      });
      expect(secret).toMatch(/^nxk_[A-Za-z0-9_-]{43}$/);
      expect(apiKey).toMatchObject({
        name: 'POS integration',
        prefix: secret.slice(4, 16),
        scopes: ['ORDERS_READ', 'CONNECTIONS_READ'],
        expiresAt: null,
        revokedAt: null,
        lastUsedAt: null,
        active: true,
      });

      const row = await rowOf(apiKey.id, secret);
      expect(row).toMatchObject({
        tenant_id: a.tenantId,
        created_by: a.owner.id,
        prefix: secret.slice(4, 16),
        scopes: ['orders:read', 'connections:read'],
        hash_matches: true,
      });
      // Neither the secret nor the part of it after the display prefix is anywhere in the row.
      expect(row!.row).not.toContain(secret);
      expect(row!.row).not.toContain(secret.slice(16));
      expect(row!.row).not.toContain(Buffer.from(secret).toString('hex'));
    });

    it('gives a new secret every time, even for the same name', async () => {
      const first = await anApiKey(url, a.owner.identity, { name: 'Twin' });
      const second = await anApiKey(url, a.owner.identity, { name: 'Twin' });
      expect(first.secret).not.toBe(second.secret);
      expect(first.apiKey.id).not.toBe(second.apiKey.id);
    });

    it('keeps an expiry in the future', async () => {
      const expiresAt = inAnHour();
      const { apiKey } = await anApiKey(url, a.owner.identity, { expiresAt });
      expect(new Date(apiKey.expiresAt!).getTime()).toBe(new Date(expiresAt).getTime());
      expect(apiKey.active).toBe(true);
    });

    it.each([
      ['no scopes', { scopes: [] }, 'scopes'],
      ['an expiry in the past', { expiresAt: new Date(Date.now() - 1000).toISOString() }, 'expiresAt'],
      ['a blank name', { name: '   ' }, 'name'],
      ['a name that is too long', { name: 'x'.repeat(201) }, 'name'],
    ])('rejects %s with BAD_USER_INPUT and stores nothing', async (_case, overrides, field) => {
      const before = await keyCount();
      const result = await graphql(
        url,
        CREATE_API_KEY,
        { input: { name: 'Bad', scopes: ['ORDERS_READ'], ...overrides } },
        a.owner.identity,
      );
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors[0]!.message).toMatch(new RegExp(`^${field}: `));
      expect(await keyCount()).toBe(before);
    });

    it('rejects a scope that does not exist before it reaches the service', async () => {
      const result = await graphql(
        url,
        CREATE_API_KEY,
        { input: { name: 'Bad', scopes: ['ORDERS_DELETE'] } },
        a.owner.identity,
      );
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]!.message).toMatch(/ORDERS_DELETE/);
    });

    it('lets a platform admin acting in the tenant create one there', async () => {
      const acting = { ...platformAdmin.identity, tenantId: a.tenantId };
      const { apiKey, secret } = await anApiKey(url, acting);
      expect(await rowOf(apiKey.id, secret)).toMatchObject({ tenant_id: a.tenantId, created_by: platformAdmin.id });
    });
  });

  describe('apiKeys', () => {
    it('lists the prefix and never the secret', async () => {
      const { apiKey, secret } = await anApiKey(url, a.owner.identity, { name: 'Listed' });
      const response = await graphql<{ apiKeys: ApiKeyView[] }>(url, API_KEYS, {}, a.owner.identity);
      expect(response.errors).toEqual([]);
      const listed = response.data!.apiKeys.find((key) => key.id === apiKey.id);
      expect(listed).toEqual(apiKey);
      expect(listed!.prefix).toBe(secret.slice(4, 16));
      expect(JSON.stringify(response)).not.toContain(secret.slice(16));
    });

    it('has no field that could give the secret or its hash back', async () => {
      for (const field of ['secret', 'secretHash', 'hash']) {
        const result = await graphql(url, `{ apiKeys { id ${field} } }`, {}, a.owner.identity);
        expect(errorCodes(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      }
    });
  });

  describe('authenticateApiKey (the partner gateway)', () => {
    it('answers a valid key with its tenant and scopes as the kit strings', async () => {
      const { apiKey, secret } = await anApiKey(url, a.owner.identity, { scopes: ['ORDERS_WRITE', 'ORDERS_READ'] });
      expect(await authenticate(url, secret)).toEqual({
        apiKeyId: apiKey.id,
        tenantId: a.tenantId,
        scopes: ['orders:read', 'orders:write'],
      });
    });

    it('also works for a service acting in some tenant (the caller is trusted, the key decides the tenant)', async () => {
      const { secret } = await anApiKey(url, a.owner.identity);
      const service: Identity = { kind: 'service', service: 'worker', tenantId: b.tenantId };
      const { authenticateApiKey } = await graphqlOk<{ authenticateApiKey: { tenantId: string } }>(
        url,
        AUTHENTICATE_API_KEY,
        { secret },
        service,
      );
      expect(authenticateApiKey.tenantId).toBe(a.tenantId);
    });

    it('records last use at most once a minute', async () => {
      const { apiKey, secret } = await anApiKey(url, a.owner.identity);
      expect(await lastUsedAt(apiKey.id)).toBeNull();

      await authenticate(url, secret);
      const first = await lastUsedAt(apiKey.id);
      expect(first).not.toBeNull();
      expect(Math.abs(first!.getTime() - Date.now())).toBeLessThan(60_000);

      await authenticate(url, secret);
      expect(await lastUsedAt(apiKey.id)).toEqual(first);

      await context.db.queryAsAdmin(
        `update tenants.api_keys set last_used_at = now() - interval '61 seconds' where id = $1`,
        [apiKey.id],
      );
      const stale = await lastUsedAt(apiKey.id);
      await authenticate(url, secret);
      const touched = await lastUsedAt(apiKey.id);
      expect(touched!.getTime()).toBeGreaterThan(stale!.getTime());

      const { apiKeys } = await graphqlOk<{ apiKeys: ApiKeyView[] }>(url, API_KEYS, {}, a.owner.identity);
      expect(new Date(apiKeys.find((key) => key.id === apiKey.id)!.lastUsedAt!).getTime()).toBe(touched!.getTime());
    });

    it('gives null at once after the key is revoked', async () => {
      const { apiKey, secret } = await anApiKey(url, a.owner.identity);
      expect(await authenticate(url, secret)).not.toBeNull();

      const { revokeApiKey } = await graphqlOk<{ revokeApiKey: ApiKeyView }>(
        url,
        REVOKE_API_KEY,
        { id: apiKey.id },
        a.owner.identity,
      );
      expect(revokeApiKey).toMatchObject({ id: apiKey.id, active: false });
      expect(revokeApiKey.revokedAt).not.toBeNull();
      expect(await authenticate(url, secret)).toBeNull();
    });

    it('gives null once the key has expired', async () => {
      const { apiKey, secret } = await anApiKey(url, a.owner.identity, { expiresAt: inAnHour() });
      expect(await authenticate(url, secret)).not.toBeNull();

      await context.db.queryAsAdmin(
        `update tenants.api_keys set expires_at = now() - interval '1 second' where id = $1`,
        [apiKey.id],
      );
      expect(await authenticate(url, secret)).toBeNull();
      const { apiKeys } = await graphqlOk<{ apiKeys: ApiKeyView[] }>(url, API_KEYS, {}, a.owner.identity);
      expect(apiKeys.find((key) => key.id === apiKey.id)).toMatchObject({ active: false, revokedAt: null });
    });

    describe('gives the same null for unknown and malformed keys', () => {
      let secret: string;
      beforeAll(async () => {
        secret = (await anApiKey(url, a.owner.identity)).secret;
      });

      const flipLast = (value: string) => value.slice(0, -1) + (value.endsWith('A') ? 'B' : 'A');
      it.each([
        ['a well-formed key that was never issued', () => generateApiKeySecret().secret],
        ['a real key with its last character changed', () => flipLast(secret)],
        ['a real key with a trailing space', () => `${secret} `],
        ['a real key with the Bearer scheme left on', () => `Bearer ${secret}`],
        ['a real key in upper case', () => secret.toUpperCase()],
        ['the display prefix alone', () => secret.slice(0, 16)],
        ['the hash of a real key', () => createHash('sha256').update(secret).digest('hex')],
        ['nxk_ alone', () => 'nxk_'],
        ['an empty string', () => ''],
        ['a user token', () => 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'],
        ['SQL', () => "nxk_' or 1=1 --"],
      ])('%s', async (_case, presented) => {
        expect(await authenticate(url, presented())).toBeNull();
      });

      it('while the real key still works (so the nulls mean something)', async () => {
        expect(await authenticate(url, secret)).not.toBeNull();
      });
    });

    it.each<[string, () => Identity]>([
      ['a tenant admin', () => a.owner.identity],
      ['a platform admin', () => platformAdmin.identity],
      [
        'a partner',
        () => ({
          kind: 'partner',
          apiKeyId: '00000000-0000-4000-8000-000000000000',
          tenantId: a.tenantId,
          scopes: ['orders:read'],
        }),
      ],
      ['an anonymous caller', () => ({ kind: 'anonymous' })],
    ])('is FORBIDDEN to %s and records nothing', async (_case, identity) => {
      const { apiKey, secret } = await anApiKey(url, a.owner.identity);
      const result = await graphql(url, AUTHENTICATE_API_KEY, { secret }, identity());
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      expect(result.data).toEqual({ authenticateApiKey: null });
      expect(await lastUsedAt(apiKey.id)).toBeNull();
    });
  });

  describe('revokeApiKey', () => {
    it('is idempotent: revoking again keeps the first revocation time', async () => {
      const { apiKey } = await anApiKey(url, a.owner.identity);
      const first = (
        await graphqlOk<{ revokeApiKey: ApiKeyView }>(url, REVOKE_API_KEY, { id: apiKey.id }, a.owner.identity)
      ).revokeApiKey;
      const second = (
        await graphqlOk<{ revokeApiKey: ApiKeyView }>(url, REVOKE_API_KEY, { id: apiKey.id }, a.owner.identity)
      ).revokeApiKey;
      expect(second).toEqual(first);
      expect(second.revokedAt).not.toBeNull();
    });

    it.each(['00000000-0000-4000-8000-000000000000', 'not-a-uuid'])('is NOT_FOUND for an unknown id %p', async (id) => {
      expect(errorCodes(await graphql(url, REVOKE_API_KEY, { id }, a.owner.identity))).toEqual(['NOT_FOUND']);
    });
  });

  describe('roles', () => {
    let key: { apiKey: ApiKeyView; secret: string };
    beforeAll(async () => {
      key = await anApiKey(url, a.owner.identity);
    });

    const others: [string, () => Identity, string][] = [
      ['MANAGER', () => aManager.identity, 'FORBIDDEN'],
      ['STAFF', () => aStaff.identity, 'FORBIDDEN'],
      [
        'a partner',
        () => ({ kind: 'partner', apiKeyId: key.apiKey.id, tenantId: a.tenantId, scopes: ['orders:read'] }),
        'UNAUTHENTICATED',
      ],
      ['a service', () => ({ kind: 'service', service: 'worker', tenantId: a.tenantId }), 'UNAUTHENTICATED'],
      ['an anonymous caller', () => ({ kind: 'anonymous' }), 'UNAUTHENTICATED'],
    ];

    it.each(others)('%s cannot create a key', async (_case, identity, code) => {
      const before = await keyCount();
      const result = await graphql(
        url,
        CREATE_API_KEY,
        { input: { name: 'Nope', scopes: ['ORDERS_READ'] } },
        identity(),
      );
      expect(errorCodes(result)).toEqual([code]);
      expect(await keyCount()).toBe(before);
    });

    it.each(others)('%s cannot revoke a key', async (_case, identity, code) => {
      const result = await graphql(url, REVOKE_API_KEY, { id: key.apiKey.id }, identity());
      expect(errorCodes(result)).toEqual([code]);
      expect(await authenticate(url, key.secret)).not.toBeNull();
    });

    it.each(others)('%s cannot list keys', async (_case, identity, code) => {
      expect(errorCodes(await graphql(url, API_KEYS, {}, identity()))).toEqual([code]);
    });

    it('a platform admin acting in the tenant lists and revokes its keys', async () => {
      const acting = { ...platformAdmin.identity, tenantId: a.tenantId };
      const { apiKey, secret } = await anApiKey(url, a.owner.identity);
      const { apiKeys } = await graphqlOk<{ apiKeys: ApiKeyView[] }>(url, API_KEYS, {}, acting);
      expect(apiKeys.map((listed) => listed.id)).toContain(apiKey.id);
      await graphqlOk(url, REVOKE_API_KEY, { id: apiKey.id }, acting);
      expect(await authenticate(url, secret)).toBeNull();
    });
  });

  describe('tenant isolation', () => {
    let aKey: { apiKey: ApiKeyView; secret: string };
    let bKey: { apiKey: ApiKeyView; secret: string };
    beforeAll(async () => {
      aKey = await anApiKey(url, a.owner.identity, { name: 'A key' });
      bKey = await anApiKey(url, b.owner.identity, { name: 'B key' });
    });

    it("B's list holds only B's keys", async () => {
      const { apiKeys } = await graphqlOk<{ apiKeys: ApiKeyView[] }>(url, API_KEYS, {}, b.owner.identity);
      expect(apiKeys.map((key) => key.id)).toEqual([bKey.apiKey.id]);
    });

    it("B cannot revoke A's key: NOT_FOUND, and the key still works", async () => {
      const result = await graphql(url, REVOKE_API_KEY, { id: aKey.apiKey.id }, b.owner.identity);
      expect(errorCodes(result)).toEqual(['NOT_FOUND']);
      expect(await authenticate(url, aKey.secret)).toMatchObject({ apiKeyId: aKey.apiKey.id, tenantId: a.tenantId });
      expect(
        (
          await context.db.queryAsAdmin<{ revoked_at: Date | null }>(
            'select revoked_at from tenants.api_keys where id = $1',
            [aKey.apiKey.id],
          )
        )[0],
      ).toEqual({ revoked_at: null });
    });

    it('each key authenticates as its own tenant', async () => {
      expect((await authenticate(url, bKey.secret))?.tenantId).toBe(b.tenantId);
    });

    describe('_entities', () => {
      const resolve = async (identity: Identity, id: string) =>
        (
          await graphqlOk<{ _entities: unknown[] }>(
            url,
            ENTITIES,
            { representations: [{ __typename: 'ApiKey', id }] },
            identity,
          )
        )._entities[0];

      it("resolves A's key for A's tenant admin (so the nulls below mean something)", async () => {
        expect(await resolve(a.owner.identity, aKey.apiKey.id)).toEqual({
          __typename: 'ApiKey',
          id: aKey.apiKey.id,
          name: 'A key',
          prefix: aKey.apiKey.prefix,
        });
      });

      it('resolves a partner key for itself only', async () => {
        const self: Identity = {
          kind: 'partner',
          apiKeyId: aKey.apiKey.id,
          tenantId: a.tenantId,
          scopes: ['orders:read'],
        };
        const other: Identity = {
          kind: 'partner',
          apiKeyId: bKey.apiKey.id,
          tenantId: a.tenantId,
          scopes: ['orders:read'],
        };
        expect(await resolve(self, aKey.apiKey.id)).toMatchObject({ id: aKey.apiKey.id });
        expect(await resolve(other, aKey.apiKey.id)).toBeNull();
      });

      it.each<[string, () => Identity]>([
        ["B's tenant admin", () => b.owner.identity],
        ["A's STAFF", () => aStaff.identity],
        ["A's MANAGER", () => aManager.identity],
        ['a service of B', () => ({ kind: 'service', service: 'worker', tenantId: b.tenantId })],
        ['a service with no tenant', () => gatewayIdentity],
        ['an anonymous caller', () => ({ kind: 'anonymous' })],
      ])("gives %s null for A's key", async (_case, identity) => {
        expect(await resolve(identity(), aKey.apiKey.id)).toBeNull();
      });
    });
  });

  describe('Row-Level Security alone (the service role)', () => {
    const count = async (manager: { query: (sql: string) => Promise<unknown> }) =>
      Number(((await manager.query('select count(*) as n from tenants.api_keys')) as { n: string }[])[0]!.n);

    it('sees 0 api_keys rows with no tenant set, and with platform scope, although rows exist', async () => {
      expect(await keyCount()).toBeGreaterThan(0);
      expect(await count(context.server.dataSource)).toBe(0);
      expect(await inTenantTransaction(context.server.dataSource, { tenantId: null }, count)).toBe(0);
      expect(await inTenantTransaction(context.server.dataSource, { tenantId: null, platform: true }, count)).toBe(0);
    });

    it("sees only its tenant's rows with a tenant set", async () => {
      const inB = await inTenantTransaction(
        context.server.dataSource,
        { tenantId: b.tenantId },
        async (manager) =>
          (await manager.query('select distinct tenant_id from tenants.api_keys')) as { tenant_id: string }[],
      );
      expect(inB).toEqual([{ tenant_id: b.tenantId }]);
    });

    it('cannot insert a key into another tenant', async () => {
      const { prefix, hash } = generateApiKeySecret();
      await expect(
        inTenantTransaction(context.server.dataSource, { tenantId: a.tenantId }, (manager) =>
          manager.query(
            `insert into tenants.api_keys (tenant_id, name, prefix, secret_hash, scopes, created_by)
             values ($1, 'Sneaky', $2, $3, array['orders:read'], $4)`,
            [b.tenantId, prefix, hash, a.owner.id],
          ),
        ),
      ).rejects.toThrow(/row-level security/);
    });

    it('the key lookup finds a key by hash and leaves no platform scope behind', async () => {
      const { apiKey, secret } = await anApiKey(url, a.owner.identity);
      const hash = createHash('sha256').update(secret).digest();
      const result = await inTenantTransaction(context.server.dataSource, { tenantId: null }, async (manager) => {
        const rows = (await manager.query('select id, tenant_id, scopes from tenants.api_key_for_secret_hash($1)', [
          hash,
        ])) as unknown[];
        const after = (await manager.query(
          `select current_setting('app.platform', true) as platform,
                  (select count(*) from tenants.tenants) as tenants,
                  (select count(*) from tenants.api_keys) as keys`,
        )) as { platform: string; tenants: string; keys: string }[];
        return { rows, after: after[0]! };
      });
      expect(result.rows).toEqual([{ id: apiKey.id, tenant_id: a.tenantId, scopes: ['orders:read'] }]);
      expect(result.after).toEqual({ platform: 'off', tenants: '0', keys: '0' });
    });
  });
});
