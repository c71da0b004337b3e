import type { Identity, Role } from '@nexara/kit';
import { createTestDatabase, testSecrets, type TestDatabase } from '@nexara/test-support';
import type { TenantsConfig } from '../config';
import { createTenantsServer, type TenantsServer } from '../server';
import { graphqlOk } from './graphql-client';

export type TenantsTestContext = { db: TestDatabase; server: TenantsServer; url: string };

/** A fresh migrated database and the tenants subgraph on a free port, configured as in production (but for sign-in limits). */
export async function startTenantsForTest(overrides: Partial<TenantsConfig> = {}): Promise<TenantsTestContext> {
  const db = await createTestDatabase();
  const server = await createTenantsServer({
    DATABASE_URL: db.serviceUrls.tenants,
    INTERNAL_TOKEN_SECRET: testSecrets.internalTokenSecret,
    AUTH_TOKEN_SECRET: testSecrets.authTokenSecret,
    AUTH_TOKEN_TTL_SECONDS: 3600,
    PORT: 0,
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    // Tests sign in (and fail to) far more often than people; login-throttle tests set their own limits.
    LOGIN_ACCOUNT_ATTEMPTS: 1_000,
    LOGIN_ACCOUNT_WINDOW_SECONDS: 60,
    LOGIN_ADDRESS_ATTEMPTS: 1_000,
    LOGIN_ADDRESS_WINDOW_SECONDS: 60,
    ...overrides,
  });
  const url = await server.listen(0);
  return { db, server, url };
}

export async function stopTenantsForTest(context: TenantsTestContext | undefined): Promise<void> {
  await context?.server.close();
  await context?.db.drop();
}

/** The internal identity the demo seeder and other services use. */
export const seederIdentity: Identity = { kind: 'service', service: 'seed', tenantId: null };

export const TEST_PASSWORD = 'correct-horse-battery';

export type TenantFixture = {
  tenantId: string;
  slug: string;
  branchId: string;
  owner: UserFixture;
};

export type UserIdentity = Extract<Identity, { kind: 'user' }>;

export type UserFixture = {
  id: string;
  email: string;
  password: string;
  role: Role;
  tenantId: string;
  identity: UserIdentity;
};

let sequence = 0;
const unique = (prefix: string): string => `${prefix}-${process.pid}-${(sequence += 1)}`;

export function identityOf(user: { id: string; tenantId: string; role: Role }): UserIdentity {
  return { kind: 'user', userId: user.id, tenantId: user.tenantId, role: user.role };
}

/** A tenant created the way the seeder does it (createTenant as a service), with its owner. */
export async function aTenant(
  url: string,
  overrides: { slug?: string; currency?: string } = {},
): Promise<TenantFixture> {
  const slug = overrides.slug ?? unique('tenant');
  const ownerEmail = `owner@${slug}.test`;
  const created = await graphqlOk<{ createTenant: { id: string } }>(
    url,
    `mutation ($input: CreateTenantInput!) { createTenant(input: $input) { id } }`,
    {
      input: {
        slug,
        name: `Tenant ${slug}`,
        currency: overrides.currency ?? 'AED',
        timeZone: 'Asia/Dubai',
        ownerEmail,
        ownerName: 'Owner',
        ownerPassword: TEST_PASSWORD,
        branchName: 'Main branch',
      },
    },
    seederIdentity,
  );
  const tenantId = created.createTenant.id;
  const login = await graphqlOk<{ login: { user: { id: string } } }>(
    url,
    `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { user { id } } }`,
    { email: ownerEmail, password: TEST_PASSWORD },
  );
  const owner = {
    id: login.login.user.id,
    email: ownerEmail,
    password: TEST_PASSWORD,
    role: 'TENANT_ADMIN' as const,
    tenantId,
  };
  const branches = await graphqlOk<{ branches: { id: string }[] }>(url, `{ branches { id } }`, {}, identityOf(owner));
  return { tenantId, slug, branchId: branches.branches[0]!.id, owner: { ...owner, identity: identityOf(owner) } };
}

/** A user of `tenant` with `role`, created by the tenant's owner (or by a platform admin for PLATFORM_ADMIN). */
export async function aUser(url: string, creator: UserIdentity, role: Role): Promise<UserFixture> {
  const email = `${unique(role.toLowerCase())}@example.test`;
  const created = await graphqlOk<{ createUser: { id: string } }>(
    url,
    `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    { input: { email, name: `A ${role}`, role, password: TEST_PASSWORD } },
    creator,
  );
  const user = { id: created.createUser.id, email, password: TEST_PASSWORD, role, tenantId: creator.tenantId };
  return { ...user, identity: identityOf(user) };
}

/** The operator tenant and its first platform admin, as `npm start` bootstraps them. */
export async function aPlatformAdmin(url: string, email = 'admin@nexara.test'): Promise<UserFixture> {
  const result = await graphqlOk<{ bootstrapPlatform: { id: string; tenant: { id: string } } }>(
    url,
    `mutation ($input: BootstrapPlatformInput!) { bootstrapPlatform(input: $input) { id tenant { id } } }`,
    { input: { adminEmail: email, adminName: 'Platform Admin', adminPassword: TEST_PASSWORD } },
    seederIdentity,
  );
  const user = {
    id: result.bootstrapPlatform.id,
    email,
    password: TEST_PASSWORD,
    role: 'PLATFORM_ADMIN' as const,
    tenantId: result.bootstrapPlatform.tenant.id,
  };
  return { ...user, identity: identityOf(user) };
}
