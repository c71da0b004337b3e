import crypto, { type ScryptOptions } from 'node:crypto';
import { signUserToken, verifyUserToken } from '@nexara/kit';
import { testSecrets } from '@nexara/test-support';
import { GraphQLError } from 'graphql';
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

// Every user fixture and login costs ~100 ms of scrypt; on a busy machine jest's default 5 s per hook is too tight.
jest.setTimeout(60_000);

const LOGIN = `mutation ($email: String!, $password: String!) {
  login(email: $email, password: $password) { token expiresAt user { id email role disabled lastLoginAt tenant { id slug } } }
}`;

type LoginData = {
  login: {
    token: string;
    expiresAt: string;
    user: {
      id: string;
      email: string;
      role: string;
      disabled: boolean;
      lastLoginAt: string | null;
      tenant: { id: string; slug: string };
    };
  };
};

async function rejectionOf(promise: Promise<unknown>): Promise<GraphQLError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  throw new Error('expected the token to be rejected');
}

describe('login', () => {
  let context: TenantsTestContext;
  let url: string;
  let tenant: TenantFixture;
  let staff: UserFixture;

  beforeAll(async () => {
    context = await startTenantsForTest();
    url = context.url;
    tenant = await aTenant(url);
    staff = await aUser(url, tenant.owner.identity, 'STAFF');
  });

  afterAll(async () => {
    await stopTenantsForTest(context);
  });

  it('returns a token the gateway accepts, carrying the user, tenant and role', async () => {
    const before = Date.now();
    const { login } = await graphqlOk<LoginData>(url, LOGIN, { email: staff.email, password: staff.password });

    const claims = await verifyUserToken(login.token, testSecrets.authTokenSecret);
    expect(claims).toMatchObject({ userId: staff.id, tenantId: tenant.tenantId, role: 'STAFF' });
    const expiresAt = new Date(login.expiresAt).getTime();
    expect(claims.expiresAt.getTime()).toBe(expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 3600_000 - 2000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 3600_000 + 1000);
    expect(login.user).toMatchObject({
      id: staff.id,
      email: staff.email,
      role: 'STAFF',
      disabled: false,
      tenant: { id: tenant.tenantId, slug: tenant.slug },
    });
    expect(new Date(login.user.lastLoginAt ?? 0).getTime()).toBeGreaterThanOrEqual(before - 2000);
  });

  it('is not fooled by the case or padding of the email', async () => {
    const { login } = await graphqlOk<LoginData>(url, LOGIN, {
      email: `  ${staff.email.toUpperCase()} `,
      password: staff.password,
    });
    expect(login.user.id).toBe(staff.id);
  });

  it('the token is rejected with another secret', async () => {
    const { login } = await graphqlOk<LoginData>(url, LOGIN, { email: staff.email, password: staff.password });
    const error = await rejectionOf(verifyUserToken(login.token, 'another-secret-of-at-least-32-characters'));
    expect(error.extensions['code']).toBe('UNAUTHENTICATED');
  });

  it('wrong password and unknown email fail identically', async () => {
    const wrongPassword = await graphql(url, LOGIN, { email: staff.email, password: 'not-the-password' });
    const unknownEmail = await graphql(url, LOGIN, { email: 'nobody@example.test', password: staff.password });

    expect(errorCodes(wrongPassword)).toEqual(['INVALID_CREDENTIALS']);
    expect(errorCodes(unknownEmail)).toEqual(['INVALID_CREDENTIALS']);
    expect(unknownEmail.errors[0]!.message).toBe(wrongPassword.errors[0]!.message);
    expect(unknownEmail.status).toBe(wrongPassword.status);
    expect(unknownEmail.data).toBeNull();
    expect(wrongPassword.data).toBeNull();
  });

  it('an unknown email costs as much scrypt work as a wrong password', async () => {
    // Counted, not timed: a login with a wrong password and one with an unknown email each run scrypt once, with the
    // same cost parameters (the unknown email is checked against a dummy hash made with the current ones), so their
    // timing cannot tell them apart. Without the dummy verification the unknown email would run none.
    const scrypt = jest.spyOn(crypto, 'scrypt');
    const costs = () => scrypt.mock.calls.map((call) => pick((call as unknown[])[3] as ScryptOptions));
    const pick = ({ N, r, p }: ScryptOptions) => ({ N, r, p });
    try {
      // The dummy hash is made once per process, on the first unknown email: not part of a login's cost after that.
      await graphql(url, LOGIN, { email: 'nobody-first@example.test', password: 'not-the-password' });
      scrypt.mockClear();
      await graphql(url, LOGIN, { email: staff.email, password: 'not-the-password' });
      const wrongPassword = costs();
      scrypt.mockClear();
      await graphql(url, LOGIN, { email: 'nobody@example.test', password: 'not-the-password' });
      expect(wrongPassword).toEqual([{ N: 2 ** 15, r: 8, p: 1 }]);
      expect(costs()).toEqual(wrongPassword);
    } finally {
      scrypt.mockRestore();
    }
  });

  it('a disabled user cannot sign in, with the same error, until enabled again', async () => {
    const user = await aUser(url, tenant.owner.identity, 'MANAGER');
    await graphqlOk(
      url,
      `mutation ($id: ID!) { disableUser(id: $id) { id disabled } }`,
      { id: user.id },
      tenant.owner.identity,
    );

    const disabled = await graphql(url, LOGIN, { email: user.email, password: user.password });
    const wrongPassword = await graphql(url, LOGIN, { email: user.email, password: 'not-the-password' });
    expect(errorCodes(disabled)).toEqual(['INVALID_CREDENTIALS']);
    expect(disabled.errors[0]!.message).toBe(wrongPassword.errors[0]!.message);

    await graphqlOk(url, `mutation ($id: ID!) { enableUser(id: $id) { id } }`, { id: user.id }, tenant.owner.identity);
    const enabled = await graphqlOk<LoginData>(url, LOGIN, { email: user.email, password: user.password });
    expect(enabled.login.user.id).toBe(user.id);
  });

  it('an expired token is rejected as UNAUTHENTICATED (TOKEN_EXPIRED)', async () => {
    const { token } = await signUserToken(
      { userId: staff.id, tenantId: tenant.tenantId, role: 'STAFF', sessionId: '00000000-0000-4000-8000-000000000000' },
      testSecrets.authTokenSecret,
      3600,
      new Date(Date.now() - 2 * 3600_000),
    );
    const error = await rejectionOf(verifyUserToken(token, testSecrets.authTokenSecret));
    expect(error.extensions['code']).toBe('UNAUTHENTICATED');
    expect(error.extensions['reason']).toBe('TOKEN_EXPIRED');
  });

  describe('me', () => {
    const ME = `{ me { id email name role disabled tenant { id slug currency timeZone } } }`;

    it('is the signed-in user with its tenant', async () => {
      const { me } = await graphqlOk<{ me: Record<string, unknown> }>(url, ME, {}, staff.identity);
      expect(me).toEqual({
        id: staff.id,
        email: staff.email,
        name: 'A STAFF',
        role: 'STAFF',
        disabled: false,
        tenant: { id: tenant.tenantId, slug: tenant.slug, currency: 'AED', timeZone: 'Asia/Dubai' },
      });
    });

    it('is null for an anonymous caller or a service', async () => {
      expect((await graphqlOk<{ me: unknown }>(url, ME, {}, { kind: 'anonymous' })).me).toBeNull();
      expect(
        (
          await graphqlOk<{ me: unknown }>(
            url,
            ME,
            {},
            { kind: 'service', service: 'worker', tenantId: tenant.tenantId },
          )
        ).me,
      ).toBeNull();
    });

    it('is the platform admin, in the operator tenant, even while acting in a customer tenant', async () => {
      const admin = await aPlatformAdmin(url);
      const { login } = await graphqlOk<LoginData>(url, LOGIN, { email: admin.email, password: admin.password });
      expect(login.user.tenant.slug).toBe('nexara');
      expect((await verifyUserToken(login.token, testSecrets.authTokenSecret)).role).toBe('PLATFORM_ADMIN');

      const acting = {
        kind: 'user' as const,
        userId: admin.id,
        tenantId: tenant.tenantId,
        role: 'PLATFORM_ADMIN' as const,
      };
      const { me } = await graphqlOk<{ me: { id: string; tenant: { slug: string } } }>(url, ME, {}, acting);
      expect(me).toMatchObject({ id: admin.id, role: 'PLATFORM_ADMIN', tenant: { slug: 'nexara' } });
    });
  });
});
