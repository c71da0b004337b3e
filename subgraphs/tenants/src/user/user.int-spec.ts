import type { Role } from '@nexara/kit';
import { Client } from 'pg';
import { errorCodes, graphql, graphqlOk } from '../testing/graphql-client';
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
} from '../testing/tenants-test-server';

// Every user fixture and login costs ~100 ms of scrypt; on a busy machine jest's default 5 s per hook is too tight.
jest.setTimeout(60_000);

const CREATE_USER = `mutation ($input: CreateUserInput!) { createUser(input: $input) { id email name role disabled createdAt lastLoginAt tenant { id } } }`;
const USERS = `{ users { id email role } }`;

let sequence = 0;
const newUserInput = (role: Role, overrides: Record<string, unknown> = {}) => ({
  email: `user-${(sequence += 1)}@example.test`,
  name: 'New User',
  role,
  password: TEST_PASSWORD,
  ...overrides,
});

describe('users', () => {
  let context: TenantsTestContext;
  let url: string;
  let tenant: TenantFixture;
  let users: Record<'TENANT_ADMIN' | 'MANAGER' | 'STAFF', UserFixture>;
  let admin: UserFixture;

  beforeAll(async () => {
    context = await startTenantsForTest();
    url = context.url;
    tenant = await aTenant(url);
    users = {
      TENANT_ADMIN: tenant.owner,
      MANAGER: await aUser(url, tenant.owner.identity, 'MANAGER'),
      STAFF: await aUser(url, tenant.owner.identity, 'STAFF'),
    };
    admin = await aPlatformAdmin(url);
  });

  afterAll(async () => {
    await stopTenantsForTest(context);
  });

  describe('who may create whom', () => {
    const cases: [creator: 'TENANT_ADMIN' | 'MANAGER' | 'STAFF', role: Role, expected: 'created' | 'FORBIDDEN'][] = [
      ['TENANT_ADMIN', 'TENANT_ADMIN', 'created'],
      ['TENANT_ADMIN', 'MANAGER', 'created'],
      ['TENANT_ADMIN', 'STAFF', 'created'],
      ['TENANT_ADMIN', 'PLATFORM_ADMIN', 'FORBIDDEN'],
      ['MANAGER', 'STAFF', 'created'],
      ['MANAGER', 'MANAGER', 'FORBIDDEN'],
      ['MANAGER', 'TENANT_ADMIN', 'FORBIDDEN'],
      ['MANAGER', 'PLATFORM_ADMIN', 'FORBIDDEN'],
      ['STAFF', 'STAFF', 'FORBIDDEN'],
      ['STAFF', 'MANAGER', 'FORBIDDEN'],
    ];

    it.each(cases)('%s creating %s: %s', async (creator, role, expected) => {
      const input = newUserInput(role);
      const result = await graphql<{ createUser: { role: string; createdAt: string; tenant: { id: string } } }>(
        url,
        CREATE_USER,
        { input },
        users[creator].identity,
      );
      const stored = await context.db.queryAsAdmin('select tenant_id, role from tenants.users where email = $1', [
        input.email,
      ]);
      if (expected === 'created') {
        expect(result.errors).toEqual([]);
        expect(result.data?.createUser).toMatchObject({
          role,
          disabled: false,
          lastLoginAt: null,
          tenant: { id: tenant.tenantId },
        });
        expect(Date.now() - new Date(result.data!.createUser.createdAt).getTime()).toBeLessThan(60_000);
        expect(stored).toEqual([{ tenant_id: tenant.tenantId, role }]);
      } else {
        expect(errorCodes(result)).toEqual([expected]);
        // Resolver errors keep HTTP 200 so the gateway passes the GraphQL error through.
        expect(result.status).toBe(200);
        expect(stored).toEqual([]);
      }
    });

    it('a platform admin creates platform admins in the operator tenant only', async () => {
      const inOperator = await graphql(url, CREATE_USER, { input: newUserInput('PLATFORM_ADMIN') }, admin.identity);
      expect(inOperator.errors).toEqual([]);

      const actingInCustomer = { ...admin.identity, tenantId: tenant.tenantId };
      const inCustomer = await graphql(url, CREATE_USER, { input: newUserInput('PLATFORM_ADMIN') }, actingInCustomer);
      expect(errorCodes(inCustomer)).toEqual(['BAD_USER_INPUT']);
      const staff = await graphql(url, CREATE_USER, { input: newUserInput('STAFF') }, actingInCustomer);
      expect(staff.errors).toEqual([]);
    });
  });

  it('stores the email in lowercase and never exposes the password', async () => {
    const input = newUserInput('STAFF', { email: '  Mixed.Case@Example.TEST ' });
    const { createUser } = await graphqlOk<{ createUser: { email: string } }>(
      url,
      CREATE_USER,
      { input },
      tenant.owner.identity,
    );
    expect(createUser.email).toBe('mixed.case@example.test');
    const [row] = await context.db.queryAsAdmin<{ password_hash: string }>(
      'select password_hash from tenants.users where email = $1',
      ['mixed.case@example.test'],
    );
    expect(row!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row!.password_hash).not.toContain(TEST_PASSWORD);
  });

  describe('duplicate email is a CONFLICT', () => {
    it.each([
      ['the same tenant', (u: UserFixture) => u.email],
      ['the same tenant, other case', (u: UserFixture) => u.email.toUpperCase()],
    ])('in %s', async (_case, emailOf) => {
      const result = await graphql(
        url,
        CREATE_USER,
        { input: newUserInput('STAFF', { email: emailOf(users.STAFF) }) },
        tenant.owner.identity,
      );
      expect(errorCodes(result)).toEqual(['CONFLICT']);
      expect(result.errors[0]!.message).toContain(users.STAFF.email);
    });

    it('in another tenant (emails are unique across Nexara, since login knows no tenant)', async () => {
      const other = await aTenant(url);
      const result = await graphql(
        url,
        CREATE_USER,
        { input: newUserInput('STAFF', { email: users.STAFF.email }) },
        other.owner.identity,
      );
      expect(errorCodes(result)).toEqual(['CONFLICT']);
    });
  });

  describe('validation', () => {
    it.each([
      ['a short password', { password: 'too-short' }, /^password: must be at least 10 characters/],
      ['a malformed email', { email: 'not-an-email' }, /^email: must be an email address/],
      ['a blank name', { name: '   ' }, /^name: must not be empty/],
    ])('rejects %s with BAD_USER_INPUT', async (_case, overrides, message) => {
      const result = await graphql(
        url,
        CREATE_USER,
        { input: newUserInput('STAFF', overrides) },
        tenant.owner.identity,
      );
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors[0]!.message).toMatch(message);
      expect(result.status).toBe(200);
    });
  });

  describe('listing users', () => {
    it.each(['TENANT_ADMIN', 'MANAGER'] as const)('%s sees every user of the tenant', async (role) => {
      const { users: listed } = await graphqlOk<{ users: { id: string }[] }>(url, USERS, {}, users[role].identity);
      expect(listed.map((user) => user.id)).toEqual(
        expect.arrayContaining([users.TENANT_ADMIN.id, users.MANAGER.id, users.STAFF.id]),
      );
    });

    it('STAFF may not list users', async () => {
      const result = await graphql(url, USERS, {}, users.STAFF.identity);
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      expect(result.data).toBeNull();
    });

    it('an anonymous caller may not list users', async () => {
      expect(errorCodes(await graphql(url, USERS, {}, { kind: 'anonymous' }))).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('disabling and enabling', () => {
    const DISABLE = `mutation ($id: ID!) { disableUser(id: $id) { id disabled } }`;
    const ENABLE = `mutation ($id: ID!) { enableUser(id: $id) { id disabled } }`;

    it('a TENANT_ADMIN disables and re-enables a user', async () => {
      const user = await aUser(url, tenant.owner.identity, 'STAFF');
      const disabled = await graphqlOk<{ disableUser: { disabled: boolean } }>(
        url,
        DISABLE,
        { id: user.id },
        tenant.owner.identity,
      );
      expect(disabled.disableUser.disabled).toBe(true);
      const again = await graphqlOk<{ disableUser: { disabled: boolean } }>(
        url,
        DISABLE,
        { id: user.id },
        tenant.owner.identity,
      );
      expect(again.disableUser.disabled).toBe(true);
      const enabled = await graphqlOk<{ enableUser: { disabled: boolean } }>(
        url,
        ENABLE,
        { id: user.id },
        tenant.owner.identity,
      );
      expect(enabled.enableUser.disabled).toBe(false);
    });

    it('nobody can disable themselves', async () => {
      const result = await graphql(url, DISABLE, { id: tenant.owner.id }, tenant.owner.identity);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      const [row] = await context.db.queryAsAdmin('select disabled_at from tenants.users where id = $1', [
        tenant.owner.id,
      ]);
      expect(row).toEqual({ disabled_at: null });
    });

    it.each(['MANAGER', 'STAFF'] as const)('%s may not disable users', async (role) => {
      const result = await graphql(url, DISABLE, { id: users.STAFF.id }, users[role].identity);
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });

    it.each(['00000000-0000-4000-8000-000000000000', 'not-a-uuid'])('an unknown id %p is NOT_FOUND', async (id) => {
      expect(errorCodes(await graphql(url, DISABLE, { id }, tenant.owner.identity))).toEqual(['NOT_FOUND']);
    });
  });

  describe('changing roles', () => {
    const SET_ROLE = `mutation ($id: ID!, $role: Role!) { setUserRole(id: $id, role: $role) { id role } }`;
    const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { user { role } } }`;
    const storedRole = async (id: string) => {
      const [row] = await context.db.queryAsAdmin<{ role: string }>('select role from tenants.users where id = $1', [
        id,
      ]);
      return row?.role;
    };
    const setRole = (id: string, role: string, caller: UserFixture['identity']) =>
      graphql(url, SET_ROLE, { id, role }, caller);

    it("a TENANT_ADMIN changes another user's role; the next sign-in carries it", async () => {
      const user = await aUser(url, tenant.owner.identity, 'STAFF');
      for (const role of ['MANAGER', 'TENANT_ADMIN', 'STAFF'] as const) {
        const result = await graphqlOk<{ setUserRole: { id: string; role: string } }>(
          url,
          SET_ROLE,
          { id: user.id, role },
          tenant.owner.identity,
        );
        expect(result.setUserRole).toEqual({ id: user.id, role });
        expect(await storedRole(user.id)).toBe(role);
      }
      await graphqlOk(url, SET_ROLE, { id: user.id, role: 'MANAGER' }, tenant.owner.identity);
      const login = await graphqlOk<{ login: { user: { role: string } } }>(url, LOGIN, {
        email: user.email,
        password: user.password,
      });
      expect(login.login.user.role).toBe('MANAGER');
    });

    it('a platform admin acting in the tenant may change roles there', async () => {
      const user = await aUser(url, tenant.owner.identity, 'STAFF');
      const result = await setRole(user.id, 'MANAGER', { ...admin.identity, tenantId: tenant.tenantId });
      expect(result.errors).toEqual([]);
      expect(await storedRole(user.id)).toBe('MANAGER');
    });

    it.each(['MANAGER', 'STAFF'] as const)('%s may not change roles', async (role) => {
      const user = await aUser(url, tenant.owner.identity, 'STAFF');
      expect(errorCodes(await setRole(user.id, 'MANAGER', users[role].identity))).toEqual(['FORBIDDEN']);
      expect(await storedRole(user.id)).toBe('STAFF');
    });

    it('nobody changes their own role (no locking yourself out)', async () => {
      const result = await setRole(tenant.owner.id, 'STAFF', tenant.owner.identity);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors[0]!.message).toMatch(/your own role/);
      expect(await storedRole(tenant.owner.id)).toBe('TENANT_ADMIN');
    });

    it('PLATFORM_ADMIN cannot be granted, not even by a platform admin', async () => {
      const user = await aUser(url, tenant.owner.identity, 'STAFF');
      for (const caller of [tenant.owner.identity, { ...admin.identity, tenantId: tenant.tenantId }]) {
        const result = await setRole(user.id, 'PLATFORM_ADMIN', caller);
        expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
        expect(result.errors[0]!.extensions).toMatchObject({ field: 'role' });
      }
      expect(await storedRole(user.id)).toBe('STAFF');
    });

    it("a platform admin's role is not changed here", async () => {
      const fellow = await aUser(url, admin.identity, 'PLATFORM_ADMIN');
      expect(errorCodes(await setRole(fellow.id, 'STAFF', admin.identity))).toEqual(['FORBIDDEN']);
      expect(await storedRole(fellow.id)).toBe('PLATFORM_ADMIN');
    });

    it("another tenant's user is NOT_FOUND, and stays as it was", async () => {
      const other = await aTenant(url);
      const stranger = await aUser(url, other.owner.identity, 'STAFF');
      expect(errorCodes(await setRole(stranger.id, 'MANAGER', tenant.owner.identity))).toEqual(['NOT_FOUND']);
      expect(
        errorCodes(await setRole('00000000-0000-4000-8000-000000000000', 'MANAGER', tenant.owner.identity)),
      ).toEqual(['NOT_FOUND']);
      expect(await storedRole(stranger.id)).toBe('STAFF');
    });

    it.each([
      ['a malformed id', 'not-a-uuid', 'MANAGER'],
      ['an unknown role', null, 'OWNER'],
    ])('%s is BAD_USER_INPUT', async (_case, id, role) => {
      const result = await setRole(id ?? users.STAFF.id, role, tenant.owner.identity);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(await storedRole(users.STAFF.id)).toBe('STAFF');
    });

    describe('the last active TENANT_ADMIN', () => {
      it('cannot be demoted; a disabled TENANT_ADMIN does not count; an active one does', async () => {
        const lone = await aTenant(url);
        const actingAdmin = { ...admin.identity, tenantId: lone.tenantId };
        const demote = () => setRole(lone.owner.id, 'MANAGER', actingAdmin);

        const alone = await demote();
        expect(errorCodes(alone)).toEqual(['CONFLICT']);
        expect(alone.errors[0]!.message).toMatch(/last active TENANT_ADMIN/);

        const second = await aUser(url, lone.owner.identity, 'TENANT_ADMIN');
        await graphqlOk(
          url,
          `mutation ($id: ID!) { disableUser(id: $id) { id } }`,
          { id: second.id },
          lone.owner.identity,
        );
        expect(errorCodes(await demote())).toEqual(['CONFLICT']);
        expect(await storedRole(lone.owner.id)).toBe('TENANT_ADMIN');

        await graphqlOk(
          url,
          `mutation ($id: ID!) { enableUser(id: $id) { id } }`,
          { id: second.id },
          lone.owner.identity,
        );
        expect((await demote()).errors).toEqual([]);
        expect(await storedRole(lone.owner.id)).toBe('MANAGER');
        // Now `second` is the last one, even for a caller whose token still says TENANT_ADMIN.
        expect(errorCodes(await setRole(second.id, 'STAFF', lone.owner.identity))).toEqual(['CONFLICT']);
      });

      it('two admins demoting each other at once: one wins, one admin is left', async () => {
        const pair = await aTenant(url);
        const other = await aUser(url, pair.owner.identity, 'TENANT_ADMIN');
        // Hold both rows from another connection so both requests are in flight before either can proceed.
        const holder = new Client({ connectionString: context.db.ownerUrl });
        await holder.connect();
        let results: Awaited<ReturnType<typeof setRole>>[];
        try {
          await holder.query('begin');
          await holder.query(`select set_config('app.tenant_id', $1, true)`, [pair.tenantId]);
          await holder.query('select id from tenants.users where tenant_id = $1 for update', [pair.tenantId]);
          const pending = Promise.all([
            setRole(other.id, 'STAFF', pair.owner.identity),
            setRole(pair.owner.id, 'STAFF', other.identity),
          ]);
          await new Promise((resolve) => setTimeout(resolve, 500));
          await holder.query('commit');
          results = await pending;
        } finally {
          await holder.end();
        }
        expect(results.map(errorCodes).sort()).toEqual([[], ['CONFLICT']]);
        const admins = await context.db.queryAsAdmin(
          `select id from tenants.users where tenant_id = $1 and role = 'TENANT_ADMIN'`,
          [pair.tenantId],
        );
        expect(admins).toHaveLength(1);
      });
    });
  });
});
