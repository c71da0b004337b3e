import { verifyUserToken } from '@nexara/kit';
import { testSecrets } from '@nexara/test-support';
import { errorCodes, graphql, graphqlOk } from '../testing/graphql-client';
import {
  aTenant,
  aUser,
  startTenantsForTest,
  stopTenantsForTest,
  type TenantFixture,
  type TenantsTestContext,
  type UserFixture,
} from '../testing/tenants-test-server';

jest.setTimeout(60_000);

const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const ACTIVE = `query ($id: ID!) { sessionActive(id: $id) }`;

describe('sessions (tenants subgraph)', () => {
  let context: TenantsTestContext;
  let tenant: TenantFixture;

  beforeAll(async () => {
    context = await startTenantsForTest();
    tenant = await aTenant(context.url);
  });

  afterAll(async () => {
    await stopTenantsForTest(context);
  });

  async function signedIn(user: UserFixture): Promise<{ sessionId: string; tenantId: string }> {
    const { login } = await graphqlOk<{ login: { token: string } }>(context.url, LOGIN, {
      email: user.email,
      password: user.password,
    });
    return verifyUserToken(login.token, testSecrets.authTokenSecret);
  }

  const active = async (sessionId: string, tenantId: string): Promise<boolean> =>
    (
      await graphqlOk<{ sessionActive: boolean }>(
        context.url,
        ACTIVE,
        { id: sessionId },
        {
          kind: 'service',
          service: 'gateway',
          tenantId,
        },
      )
    ).sessionActive;

  it('every sign-in opens its own session, which only an internal service may ask about, in its own tenant', async () => {
    const user = await aUser(context.url, tenant.owner.identity, 'STAFF');
    const [first, second] = [await signedIn(user), await signedIn(user)];
    expect(first.sessionId).not.toBe(second.sessionId);
    expect(await active(first.sessionId, tenant.tenantId)).toBe(true);
    const other = await aTenant(context.url);
    expect(await active(first.sessionId, other.tenantId)).toBe(false);
    expect(await active('not-a-uuid', tenant.tenantId)).toBe(false);
    const asUser = await graphql(context.url, ACTIVE, { id: first.sessionId }, user.identity);
    expect(errorCodes(asUser)).toEqual(['FORBIDDEN']);
  });

  it.each([
    ['disabling', (id: string) => `mutation { disableUser(id: "${id}") { id } }`],
    ['a role change', (id: string) => `mutation { setUserRole(id: "${id}", role: MANAGER) { id } }`],
  ])('%s ends every session of the user, and only theirs', async (_case, mutation) => {
    const user = await aUser(context.url, tenant.owner.identity, 'STAFF');
    const bystander = await aUser(context.url, tenant.owner.identity, 'STAFF');
    const sessions = [await signedIn(user), await signedIn(user)];
    const theirs = await signedIn(bystander);
    await graphqlOk(context.url, mutation(user.id), {}, tenant.owner.identity);
    for (const session of sessions) expect(await active(session.sessionId, tenant.tenantId)).toBe(false);
    expect(await active(theirs.sessionId, tenant.tenantId)).toBe(true);
  });

  it('nobody enables or disables themselves', async () => {
    const admin = await aUser(context.url, tenant.owner.identity, 'TENANT_ADMIN');
    const enable = await graphql(context.url, `mutation { enableUser(id: "${admin.id}") { id } }`, {}, admin.identity);
    expect(errorCodes(enable)).toEqual(['FORBIDDEN']);
    const disable = await graphql(
      context.url,
      `mutation { disableUser(id: "${admin.id}") { id } }`,
      {},
      admin.identity,
    );
    expect(errorCodes(disable)).toEqual(['BAD_USER_INPUT']);
  });

  it('logout ends the session the identity names; without one it ends nothing', async () => {
    const user = await aUser(context.url, tenant.owner.identity, 'STAFF');
    const session = await signedIn(user);
    const kept = await signedIn(user);
    const loggedOut = await graphqlOk<{ logout: boolean }>(
      context.url,
      `mutation { logout }`,
      {},
      {
        ...user.identity,
        sessionId: session.sessionId,
      },
    );
    expect(loggedOut.logout).toBe(true);
    expect(await active(session.sessionId, tenant.tenantId)).toBe(false);
    expect(await active(kept.sessionId, tenant.tenantId)).toBe(true);
    expect((await graphqlOk<{ logout: boolean }>(context.url, `mutation { logout }`, {}, user.identity)).logout).toBe(
      false,
    );
    expect(
      errorCodes(
        await graphql(
          context.url,
          `
            mutation {
              logout
            }
          `,
        ),
      ),
    ).toEqual(['UNAUTHENTICATED']);
  });
});
