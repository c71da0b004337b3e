import { errorCodes, graphql, graphqlOk } from '../testing/graphql-client';
import {
  TEST_PASSWORD,
  aPlatformAdmin,
  aTenant,
  aUser,
  seederIdentity,
  startTenantsForTest,
  stopTenantsForTest,
  type TenantFixture,
  type TenantsTestContext,
  type UserFixture,
} from '../testing/tenants-test-server';

// Every user fixture and login costs ~100 ms of scrypt; on a busy machine jest's default 5 s per hook is too tight.
jest.setTimeout(60_000);

const TENANTS = `{ tenants { id slug name currency timeZone } }`;
const CREATE_TENANT = `mutation ($input: CreateTenantInput!) { createTenant(input: $input) { id slug name currency timeZone createdAt } }`;
const BOOTSTRAP = `mutation ($input: BootstrapPlatformInput!) { bootstrapPlatform(input: $input) { id email role tenant { id slug } } }`;

let sequence = 0;
const tenantInput = (overrides: Record<string, unknown> = {}) => {
  const slug = `new-tenant-${(sequence += 1)}`;
  return {
    slug,
    name: 'New Tenant',
    currency: 'GBP',
    timeZone: 'Europe/London',
    ownerEmail: `owner@${slug}.test`,
    ownerName: 'Owner',
    ownerPassword: TEST_PASSWORD,
    branchName: 'Soho',
    ...overrides,
  };
};

describe('tenants', () => {
  let context: TenantsTestContext;
  let url: string;
  let tenant: TenantFixture;
  let admin: UserFixture;

  beforeAll(async () => {
    context = await startTenantsForTest();
    url = context.url;
    admin = await aPlatformAdmin(url);
    tenant = await aTenant(url);
  });

  afterAll(async () => {
    await stopTenantsForTest(context);
  });

  const countRows = async (sql: string, params: unknown[]) =>
    Number((await context.db.queryAsAdmin<{ n: string }>(sql, params))[0]!.n);

  describe('tenants (the list)', () => {
    it('a platform admin sees every tenant, the operator tenant included', async () => {
      const { tenants } = await graphqlOk<{ tenants: { id: string; slug: string }[] }>(
        url,
        TENANTS,
        {},
        admin.identity,
      );
      expect(tenants.map((t) => t.slug)).toEqual(expect.arrayContaining(['nexara', tenant.slug]));
      expect(tenants).toHaveLength(await countRows('select count(*) as n from tenants.tenants', []));
    });

    it('the same while acting in a customer tenant', async () => {
      const { tenants } = await graphqlOk<{ tenants: unknown[] }>(
        url,
        TENANTS,
        {},
        { ...admin.identity, tenantId: tenant.tenantId },
      );
      expect(tenants.length).toBeGreaterThanOrEqual(2);
    });

    it.each(['TENANT_ADMIN', 'MANAGER', 'STAFF'] as const)('%s is FORBIDDEN', async (role) => {
      const user = role === 'TENANT_ADMIN' ? tenant.owner : await aUser(url, tenant.owner.identity, role);
      const result = await graphql(url, TENANTS, {}, user.identity);
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      expect(result.data).toBeNull();
    });

    it('a service or partner is refused too', async () => {
      expect(errorCodes(await graphql(url, TENANTS, {}, seederIdentity))).toEqual(['UNAUTHENTICATED']);
      const partner = { kind: 'partner' as const, apiKeyId: 'k', tenantId: tenant.tenantId, scopes: [] };
      expect(errorCodes(await graphql(url, TENANTS, {}, partner))).toEqual(['UNAUTHENTICATED']);
    });
  });

  it('tenant is the tenant the caller acts in', async () => {
    const { tenant: own } = await graphqlOk<{ tenant: { id: string; slug: string } }>(
      url,
      `{ tenant { id slug currency timeZone } }`,
      {},
      tenant.owner.identity,
    );
    expect(own).toEqual({ id: tenant.tenantId, slug: tenant.slug, currency: 'AED', timeZone: 'Asia/Dubai' });
  });

  describe('createTenant', () => {
    it('a platform admin creates a tenant with its first branch and owner', async () => {
      const input = tenantInput({ currency: 'kwd', timeZone: 'asia/kuwait' });
      const { createTenant } = await graphqlOk<{ createTenant: { id: string; createdAt: string } }>(
        url,
        CREATE_TENANT,
        { input },
        admin.identity,
      );
      expect(createTenant).toMatchObject({ slug: input.slug, currency: 'KWD', timeZone: 'Asia/Kuwait' });
      expect(Date.now() - new Date(createTenant.createdAt).getTime()).toBeLessThan(60_000);

      const owner = await graphqlOk<{ login: { user: { role: string; tenant: { id: string } } } }>(
        url,
        `mutation { login(email: "${input.ownerEmail}", password: "${TEST_PASSWORD}") { user { role tenant { id } } } }`,
      );
      expect(owner.login.user).toEqual({ role: 'TENANT_ADMIN', tenant: { id: createTenant.id } });
      const branches = await context.db.queryAsAdmin(
        'select name, time_zone from tenants.branches where tenant_id = $1',
        [createTenant.id],
      );
      expect(branches).toEqual([{ name: 'Soho', time_zone: 'Asia/Kuwait' }]);
    });

    it.each(['TENANT_ADMIN', 'MANAGER'] as const)('%s is FORBIDDEN', async (role) => {
      const user = role === 'TENANT_ADMIN' ? tenant.owner : await aUser(url, tenant.owner.identity, role);
      const input = tenantInput();
      expect(errorCodes(await graphql(url, CREATE_TENANT, { input }, user.identity))).toEqual(['FORBIDDEN']);
      expect(await countRows('select count(*) as n from tenants.tenants where slug = $1', [input.slug])).toBe(0);
    });

    it('is atomic: a duplicate owner email halfway leaves no tenant and no branch', async () => {
      const tenantsBefore = await countRows('select count(*) as n from tenants.tenants', []);
      const branchesBefore = await countRows('select count(*) as n from tenants.branches', []);
      const input = tenantInput({ ownerEmail: tenant.owner.email });

      const result = await graphql(url, CREATE_TENANT, { input }, admin.identity);

      expect(errorCodes(result)).toEqual(['CONFLICT']);
      expect(await countRows('select count(*) as n from tenants.tenants where slug = $1', [input.slug])).toBe(0);
      expect(await countRows('select count(*) as n from tenants.tenants', [])).toBe(tenantsBefore);
      expect(await countRows('select count(*) as n from tenants.branches', [])).toBe(branchesBefore);
    });

    it('a taken slug is a CONFLICT', async () => {
      const result = await graphql(url, CREATE_TENANT, { input: tenantInput({ slug: tenant.slug }) }, admin.identity);
      expect(errorCodes(result)).toEqual(['CONFLICT']);
      expect(result.errors[0]!.message).toContain(tenant.slug);
    });

    it.each([
      ['slug', { slug: 'Not A Slug' }, /^slug: /],
      ['reserved slug', { slug: 'nexara' }, /^slug: "nexara" is reserved/],
      ['currency', { currency: 'XXY' }, /^currency: .*ISO 4217/],
      ['time zone', { timeZone: 'Mars/Base' }, /^timeZone: .*IANA/],
      ['owner email', { ownerEmail: 'nope' }, /^ownerEmail: /],
      ['owner password', { ownerPassword: 'short' }, /^ownerPassword: must be at least 10/],
      ['branch name', { branchName: ' ' }, /^branchName: must not be empty/],
    ])('a bad %s is BAD_USER_INPUT', async (_case, overrides, message) => {
      const input = tenantInput(overrides);
      const result = await graphql(url, CREATE_TENANT, { input }, admin.identity);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors[0]!.message).toMatch(message);
    });
  });

  describe('bootstrapPlatform', () => {
    it('is idempotent: the same admin and the one operator tenant', async () => {
      const input = { adminEmail: admin.email, adminName: 'Someone Else', adminPassword: 'a-different-password' };
      const { bootstrapPlatform } = await graphqlOk<{ bootstrapPlatform: { id: string; tenant: { id: string } } }>(
        url,
        BOOTSTRAP,
        { input },
        seederIdentity,
      );
      expect(bootstrapPlatform).toMatchObject({
        id: admin.id,
        role: 'PLATFORM_ADMIN',
        tenant: { id: admin.tenantId, slug: 'nexara' },
      });
      expect(await countRows('select count(*) as n from tenants.tenants where is_platform', [])).toBe(1);
      // The existing admin's password is left alone.
      await graphqlOk(url, `mutation { login(email: "${admin.email}", password: "${TEST_PASSWORD}") { token } }`);
    });

    it('adds another platform admin to the existing operator tenant', async () => {
      const input = { adminEmail: 'second-admin@nexara.test', adminName: 'Second', adminPassword: TEST_PASSWORD };
      const { bootstrapPlatform } = await graphqlOk<{ bootstrapPlatform: { id: string; tenant: { id: string } } }>(
        url,
        BOOTSTRAP,
        { input },
        seederIdentity,
      );
      expect(bootstrapPlatform.id).not.toBe(admin.id);
      expect(bootstrapPlatform.tenant.id).toBe(admin.tenantId);
    });

    it('an email of a customer tenant is a CONFLICT', async () => {
      const input = { adminEmail: tenant.owner.email, adminName: 'X', adminPassword: TEST_PASSWORD };
      expect(errorCodes(await graphql(url, BOOTSTRAP, { input }, seederIdentity))).toEqual(['CONFLICT']);
    });

    it('only a service may call it, not even a platform admin', async () => {
      const input = { adminEmail: 'sneaky@nexara.test', adminName: 'X', adminPassword: TEST_PASSWORD };
      expect(errorCodes(await graphql(url, BOOTSTRAP, { input }, admin.identity))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await graphql(url, BOOTSTRAP, { input }, { kind: 'anonymous' }))).toEqual(['FORBIDDEN']);
      expect(await countRows(`select count(*) as n from tenants.users where email = 'sneaky@nexara.test'`, [])).toBe(0);
    });
  });

  describe('branches', () => {
    const CREATE_BRANCH = `mutation ($input: CreateBranchInput!) { createBranch(input: $input) { id name timeZone address createdAt tenant { id } } }`;

    it("a TENANT_ADMIN adds a branch; its time zone defaults to the tenant's", async () => {
      const { createBranch } = await graphqlOk<{ createBranch: { id: string; createdAt: string } }>(
        url,
        CREATE_BRANCH,
        { input: { name: 'Marina', address: ' Marina Walk 1 ' } },
        tenant.owner.identity,
      );
      expect(createBranch).toMatchObject({
        name: 'Marina',
        timeZone: 'Asia/Dubai',
        address: 'Marina Walk 1',
        tenant: { id: tenant.tenantId },
      });
      expect(Date.now() - new Date(createBranch.createdAt).getTime()).toBeLessThan(60_000);
      const { branches } = await graphqlOk<{ branches: { id: string }[] }>(
        url,
        `{ branches { id } }`,
        {},
        tenant.owner.identity,
      );
      expect(branches.map((b) => b.id)).toEqual([tenant.branchId, createBranch.id]);
    });

    it('a MANAGER may not add branches but may list them', async () => {
      const manager = await aUser(url, tenant.owner.identity, 'MANAGER');
      const result = await graphql(url, CREATE_BRANCH, { input: { name: 'Nope' } }, manager.identity);
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      const { branches } = await graphqlOk<{ branches: unknown[] }>(url, `{ branches { id } }`, {}, manager.identity);
      expect(branches.length).toBeGreaterThan(0);
    });

    it('a bad time zone is BAD_USER_INPUT', async () => {
      const result = await graphql(
        url,
        CREATE_BRANCH,
        { input: { name: 'X', timeZone: 'Nowhere/Special' } },
        tenant.owner.identity,
      );
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    });
  });
});
