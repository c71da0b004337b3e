import { CONTEXT_TOKEN_HEADER, inTenantTransaction, signContextToken } from '@nexara/kit';
import { testSecrets } from '@nexara/test-support';
import { errorCodes, graphql, graphqlOk } from './testing/graphql-client';
import {
  TEST_PASSWORD,
  aPlatformAdmin,
  aTenant,
  aUser,
  startTenantsForTest,
  stopTenantsForTest,
  type TenantFixture,
  type TenantsTestContext,
  type UserFixture,
} from './testing/tenants-test-server';

// Every user fixture and login costs ~100 ms of scrypt; on a busy machine jest's default 5 s per hook is too tight.
jest.setTimeout(60_000);

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Tenant { id slug }
    ... on Branch { id name tenant { id } }
    ... on User { id email tenant { id } }
  }
}`;

/**
 * Two tenants, A and B. Everything B's TENANT_ADMIN can reach must be B's;
 * A's rows must be untouched by anything B does.
 */
describe('tenant isolation', () => {
  let context: TenantsTestContext;
  let url: string;
  let a: TenantFixture;
  let b: TenantFixture;
  let aStaff: UserFixture;

  beforeAll(async () => {
    context = await startTenantsForTest();
    url = context.url;
    await aPlatformAdmin(url);
    a = await aTenant(url);
    b = await aTenant(url);
    aStaff = await aUser(url, a.owner.identity, 'STAFF');
    await aUser(url, b.owner.identity, 'STAFF');
  });

  afterAll(async () => {
    await stopTenantsForTest(context);
  });

  const aUserIds = () => [a.owner.id, aStaff.id];

  describe("B's TENANT_ADMIN through queries", () => {
    it('users lists only B', async () => {
      const { users } = await graphqlOk<{ users: { id: string; tenant: { id: string } }[] }>(
        url,
        `{ users { id tenant { id } } }`,
        {},
        b.owner.identity,
      );
      expect(users.length).toBe(2);
      expect(users.every((user) => user.tenant.id === b.tenantId)).toBe(true);
      const ids = users.map((user) => user.id);
      for (const id of aUserIds()) expect(ids).not.toContain(id);
    });

    it('branches lists only B', async () => {
      const { branches } = await graphqlOk<{ branches: { id: string }[] }>(
        url,
        `{ branches { id } }`,
        {},
        b.owner.identity,
      );
      expect(branches.map((branch) => branch.id)).toEqual([b.branchId]);
    });

    it('tenant is B', async () => {
      const { tenant } = await graphqlOk<{ tenant: { id: string } }>(url, `{ tenant { id } }`, {}, b.owner.identity);
      expect(tenant.id).toBe(b.tenantId);
    });

    it('me with a (forged) identity naming an A user in B finds nothing', async () => {
      const forged = { ...b.owner.identity, userId: a.owner.id };
      expect((await graphqlOk<{ me: unknown }>(url, `{ me { id } }`, {}, forged)).me).toBeNull();
    });
  });

  describe('_entities', () => {
    const representationsOfA = () => [
      { __typename: 'Tenant', id: a.tenantId },
      { __typename: 'Branch', id: a.branchId },
      { __typename: 'User', id: a.owner.id },
      { __typename: 'User', id: aStaff.id },
    ];

    it("resolves A's records for A (so the nulls below mean something)", async () => {
      const { _entities } = await graphqlOk<{ _entities: ({ id: string } | null)[] }>(
        url,
        ENTITIES,
        { representations: representationsOfA() },
        a.owner.identity,
      );
      expect(_entities.map((entity) => entity?.id)).toEqual([a.tenantId, a.branchId, a.owner.id, aStaff.id]);
    });

    it("gives B null for every one of A's records", async () => {
      const { _entities } = await graphqlOk<{ _entities: unknown[] }>(
        url,
        ENTITIES,
        { representations: representationsOfA() },
        b.owner.identity,
      );
      expect(_entities).toEqual([null, null, null, null]);
    });

    it('gives a MANAGER, a STAFF and a partner of B null too', async () => {
      const manager = await aUser(url, b.owner.identity, 'MANAGER');
      const partner = { kind: 'partner' as const, apiKeyId: 'key', tenantId: b.tenantId, scopes: [] };
      const service = { kind: 'service' as const, service: 'worker', tenantId: b.tenantId };
      for (const identity of [manager.identity, partner, service]) {
        const { _entities } = await graphqlOk<{ _entities: unknown[] }>(
          url,
          ENTITIES,
          { representations: representationsOfA() },
          identity,
        );
        expect(_entities).toEqual([null, null, null, null]);
      }
    });
  });

  describe("B's TENANT_ADMIN through mutations", () => {
    it.each(['disableUser', 'enableUser'])("%s on A's user is NOT_FOUND and changes nothing", async (mutation) => {
      const before = await context.db.queryAsAdmin('select disabled_at from tenants.users where id = $1', [aStaff.id]);
      const result = await graphql(
        url,
        `mutation ($id: ID!) { ${mutation}(id: $id) { id } }`,
        { id: aStaff.id },
        b.owner.identity,
      );
      expect(errorCodes(result)).toEqual(['NOT_FOUND']);
      expect(await context.db.queryAsAdmin('select disabled_at from tenants.users where id = $1', [aStaff.id])).toEqual(
        before,
      );
    });

    it('createUser and createBranch land in B, never A', async () => {
      const user = await aUser(url, b.owner.identity, 'STAFF');
      const { createBranch } = await graphqlOk<{ createBranch: { id: string } }>(
        url,
        `mutation { createBranch(input: { name: "B2" }) { id } }`,
        {},
        b.owner.identity,
      );
      const rows = await context.db.queryAsAdmin(
        `select tenant_id from tenants.users where id = $1 union all select tenant_id from tenants.branches where id = $2`,
        [user.id, createBranch.id],
      );
      expect(rows).toEqual([{ tenant_id: b.tenantId }, { tenant_id: b.tenantId }]);
    });

    it("A's users can still sign in and A's data is intact", async () => {
      await graphqlOk(url, `mutation { login(email: "${aStaff.email}", password: "${TEST_PASSWORD}") { token } }`);
      const { users } = await graphqlOk<{ users: unknown[] }>(url, `{ users { id } }`, {}, a.owner.identity);
      expect(users).toHaveLength(2);
    });
  });

  describe('requests without a valid context token', () => {
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });

    it.each([
      ['a query', { query: '{ tenant { id } }' }],
      ['login', { query: 'mutation { login(email: "x@example.test", password: "whatever-long") { token } }' }],
      [
        '_entities',
        {
          query: ENTITIES,
          variables: { representations: [{ __typename: 'Tenant', id: '00000000-0000-4000-8000-000000000000' }] },
        },
      ],
      ['_service', { query: '{ _service { sdl } }' }],
    ])('%s without a token gets HTTP 401', async (_case, body) => {
      const response = await post(body);
      expect(response.status).toBe(401);
      const json = (await response.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
      expect(json.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
      expect(json.data ?? null).toBeNull();
    });

    it('a token signed with another key gets HTTP 401', async () => {
      const forged = await signContextToken(b.owner.identity, 'not-the-internal-secret-but-long-enough');
      expect((await post({ query: '{ tenant { id } }' }, { [CONTEXT_TOKEN_HEADER]: forged })).status).toBe(401);
    });

    it('an expired token gets HTTP 401', async () => {
      const expired = await signContextToken(b.owner.identity, testSecrets.internalTokenSecret, { ttlSeconds: -10 });
      expect((await post({ query: '{ tenant { id } }' }, { [CONTEXT_TOKEN_HEADER]: expired })).status).toBe(401);
    });

    it('the graph works with a valid token (so the 401s mean something)', async () => {
      expect((await graphql(url, '{ tenant { id } }', {}, b.owner.identity)).status).toBe(200);
    });
  });

  describe('Row-Level Security alone (the service role, no tenant set)', () => {
    const count = async (sql: string) =>
      Number(((await context.server.dataSource.query(sql)) as { n: string }[])[0]!.n);

    it('sees 0 rows in every table, although the rows exist', async () => {
      for (const table of ['tenants', 'branches', 'users']) {
        const all = await context.db.queryAsAdmin<{ n: string }>(`select count(*) as n from tenants.${table}`);
        expect(Number(all[0]!.n)).toBeGreaterThan(0);
        expect(await count(`select count(*) as n from tenants.${table}`)).toBe(0);
        const inTransaction = await inTenantTransaction(context.server.dataSource, { tenantId: null }, (manager) =>
          manager.query(`select count(*) as n from tenants.${table}`),
        );
        expect(Number((inTransaction as { n: string }[])[0]!.n)).toBe(0);
      }
    });

    it('platform scope shows the service role tenants, but still no users or branches', async () => {
      const counts = await inTenantTransaction(
        context.server.dataSource,
        { tenantId: null, platform: true },
        async (manager) => {
          const one = async (table: string) =>
            Number(((await manager.query(`select count(*) as n from tenants.${table}`)) as { n: string }[])[0]!.n);
          return { tenants: await one('tenants'), branches: await one('branches'), users: await one('users') };
        },
      );
      expect(counts.tenants).toBeGreaterThanOrEqual(3);
      expect(counts).toMatchObject({ branches: 0, users: 0 });
    });

    it('the login lookup returns one user by email and leaves no platform scope behind', async () => {
      const result = await inTenantTransaction(context.server.dataSource, { tenantId: null }, async (manager) => {
        const rows = (await manager.query('select id, tenant_id from tenants.user_for_login($1)', [
          aStaff.email,
        ])) as unknown[];
        const after = (await manager.query(
          `select current_setting('app.platform', true) as platform, (select count(*) from tenants.tenants) as tenants`,
        )) as { platform: string; tenants: string }[];
        return { rows, after: after[0]! };
      });
      expect(result.rows).toEqual([{ id: aStaff.id, tenant_id: a.tenantId }]);
      expect(result.after).toEqual({ platform: 'off', tenants: '0' });
    });

    it('tenant A scope cannot insert a row for tenant B', async () => {
      await expect(
        inTenantTransaction(context.server.dataSource, { tenantId: a.tenantId }, (manager) =>
          manager.query(`insert into tenants.branches (tenant_id, name, time_zone) values ($1, 'Sneaky', 'UTC')`, [
            b.tenantId,
          ]),
        ),
      ).rejects.toThrow(/row-level security/);
    });
  });
});
