import { eventually } from '@nexara/test-support';
import { startGateway, startSubgraphProbe } from './support/gateway';
import {
  placeOrder,
  rawPost,
  signIn,
  startTestPlatform,
  subscribersListening,
  type TestPlatform,
} from './support/platform';
import { collect, wsClient } from './support/ws-client';

/**
 * Revocable sessions through the real gateway and database: disabling a
 * user, changing their role or password, or signing out ends their sessions
 * everywhere within 5 s (HTTP: UNAUTHENTICATED; sockets: closed with 4401).
 */
let platform: TestPlatform;
let owner: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 2 });
  owner = await signIn(platform, 'owner@demo-bistro.test');
});

afterAll(async () => {
  await platform?.stop();
});

/** What the design promises: an ended session is refused on HTTP and its sockets closed within this. */
const WITHIN_MS = 5_000;
const PASSWORD = 'session-test-password';
/** How a socket of an ended session is closed, wherever it was: the dashboard tells this from an expiry (4401 too). */
const ENDED = { code: 4401, reason: 'Session ended' };
const ORDER_CHANGED = `subscription { orderChanged { id status } }`;
let sequence = 0;

async function aUser(role: 'TENANT_ADMIN' | 'MANAGER' | 'STAFF'): Promise<{ id: string; email: string }> {
  const email = `session-${role.toLowerCase()}-${(sequence += 1)}@demo-bistro.test`;
  const { createUser } = await owner.query<{ createUser: { id: string } }>(
    `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    { input: { email, name: `Session ${role}`, role, password: PASSWORD } },
  );
  return { id: createUser.id, email };
}

/** The error code and reason a request with `token` gets now (null: it worked). */
async function answerTo(
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
  url = platform.graphqlUrl,
): Promise<{ status: number; code: unknown; reason: unknown }> {
  const response = await rawPost(url, { query, variables }, { authorization: `Bearer ${token}` });
  const extensions = response.body.errors?.[0]?.extensions ?? {};
  return { status: response.status, code: extensions['code'] ?? null, reason: extensions['reason'] ?? null };
}

const refused = async (token: string, url = platform.graphqlUrl): Promise<true | undefined> => {
  const answer = await answerTo(token, '{ me { id } }', {}, url);
  return answer.status === 401 && answer.code === 'UNAUTHENTICATED' && answer.reason === 'SESSION_ENDED'
    ? true
    : undefined;
};

/** Another gateway that never hears the bus: LISTEN/NOTIFY is per database, and it listens on another one. */
function startDeafGateway(): ReturnType<typeof startGateway> {
  const deaf = new URL(platform.settings.database.gatewayUrl);
  deaf.pathname = '/postgres';
  return startGateway(platform, { EVENT_BUS_DATABASE_URL: deaf.toString() });
}

/** A signed-in socket with one subscription open, what it received, and its closing code once it closes. */
async function openSocket(token: string, url = platform.graphqlUrl, active = platform.activeSubscriptions) {
  const before = active();
  const socket = wsClient(url, token);
  let closedWith: { code: number; reason: string } | null = null;
  void socket.closedWith.then((close) => (closedWith = close));
  const subscription = collect(socket.client, ORDER_CHANGED);
  await subscribersListening(active, before + 1);
  return {
    closedWith: () => closedWith ?? undefined,
    received: subscription.values,
    dispose: async () => {
      subscription.dispose();
      await socket.client.dispose();
    },
  };
}

describe('sessions', () => {
  it("a disabled user's token is refused within 5 s and their open socket is closed with 4401", async () => {
    const user = await aUser('STAFF');
    const staff = await signIn(platform, user.email, PASSWORD);
    const socket = await openSocket(staff.token);
    try {
      expect(await answerTo(staff.token, '{ me { id } }')).toMatchObject({ status: 200, code: null });
      await owner.query(`mutation($id: ID!) { disableUser(id: $id) { id } }`, { id: user.id });
      await eventually(() => refused(staff.token), WITHIN_MS, 'the token refused');
      expect(await eventually(async () => socket.closedWith(), WITHIN_MS, 'the socket closed')).toEqual(ENDED);
      // A fresh socket with the same token is refused at once, saying why.
      const again = wsClient(platform.graphqlUrl, staff.token);
      expect(await again.closedWith).toEqual(ENDED);
      expect(again.acknowledged()).toBe(false);
      await again.client.dispose();
    } finally {
      await socket.dispose();
    }
  });

  it('a demoted manager loses manager rights within 5 s, and signs in again as what they are now', async () => {
    const user = await aUser('MANAGER');
    const manager = await signIn(platform, user.email, PASSWORD);
    const USERS = '{ users { id } }';
    expect(await answerTo(manager.token, USERS)).toMatchObject({ status: 200, code: null });
    await owner.query(`mutation($id: ID!) { setUserRole(id: $id, role: STAFF) { id role } }`, { id: user.id });
    await eventually(
      async () => ((await answerTo(manager.token, USERS)).code === 'UNAUTHENTICATED' ? true : undefined),
      WITHIN_MS,
      'the manager token refused',
    );
    const staff = await signIn(platform, user.email, PASSWORD);
    expect(await answerTo(staff.token, USERS)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a disabled admin cannot enable themselves (nor can any admin)', async () => {
    const user = await aUser('TENANT_ADMIN');
    const admin = await signIn(platform, user.email, PASSWORD);
    const ENABLE = `mutation($id: ID!) { enableUser(id: $id) { id disabled } }`;
    // Not even while signed in and enabled.
    expect(await answerTo(admin.token, ENABLE, { id: user.id })).toMatchObject({ code: 'FORBIDDEN' });
    await owner.query(`mutation($id: ID!) { disableUser(id: $id) { id } }`, { id: user.id });
    await eventually(() => refused(admin.token), WITHIN_MS, 'the admin token refused');
    expect(await answerTo(admin.token, ENABLE, { id: user.id })).toMatchObject({ code: 'UNAUTHENTICATED' });
    const { users } = await owner.query<{ users: { id: string; disabled: boolean }[] }>('{ users { id disabled } }');
    expect(users.find((u) => u.id === user.id)?.disabled).toBe(true);
    const login = await rawPost(platform.graphqlUrl, {
      query: `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`,
      variables: { email: user.email, password: PASSWORD },
    });
    expect(login.body.errors?.[0]?.extensions?.['code']).toBe('INVALID_CREDENTIALS');
  });

  it('logout ends only that session: its token and socket stop, another sign-in of the same user goes on', async () => {
    const user = await aUser('STAFF');
    const phone = await signIn(platform, user.email, PASSWORD);
    const tablet = await signIn(platform, user.email, PASSWORD);
    const socket = await openSocket(phone.token);
    try {
      expect(await phone.query<{ logout: boolean }>('mutation { logout }')).toEqual({ logout: true });
      await eventually(() => refused(phone.token), WITHIN_MS, 'the signed-out token refused');
      expect(await eventually(async () => socket.closedWith(), WITHIN_MS, 'the socket closed')).toEqual(ENDED);
      expect(await answerTo(tablet.token, '{ me { id } }')).toMatchObject({ status: 200, code: null });
      // A socket that only connects now (a dashboard whose socket was slower than the sign-out) hears the same.
      const late = wsClient(platform.graphqlUrl, phone.token);
      expect(await late.closedWith).toEqual(ENDED);
      expect(late.acknowledged()).toBe(false);
      await late.client.dispose();
    } finally {
      await socket.dispose();
    }
  });

  it('a socket whose session ends while it is being signed in is never acknowledged, and hears that it ended', async () => {
    const probe = await startSubgraphProbe(platform.urls.tenants);
    // No session cache: the new socket's check goes to the tenants service, through the probe, where it is held.
    const gateway = await startGateway(platform, { TENANTS_URL: probe.url, SESSION_CACHE_MS: '0' });
    const url = `${gateway.url}/graphql`;
    try {
      const user = await aUser('STAFF');
      const staff = await signIn(platform, user.email, PASSWORD);
      // An open socket of the same session on this gateway: its closing shows this gateway heard the event.
      const open = await openSocket(staff.token, url, () => gateway.activeSubscriptions('/graphql'));
      const answers = probe.holdAnswers();
      const connecting = wsClient(url, staff.token);
      try {
        // The tenants service has said the session is open; the gateway has not heard it yet.
        await eventually(async () => answers.waiting() > 0 || undefined, WITHIN_MS, 'the session check answered');
        expect(await staff.query<{ logout: boolean }>('mutation { logout }')).toEqual({ logout: true });
        expect(await eventually(async () => open.closedWith(), WITHIN_MS, 'the open socket closed')).toEqual(ENDED);
        answers.release();
        expect(await connecting.closedWith).toEqual(ENDED);
        expect(connecting.acknowledged()).toBe(false);
      } finally {
        answers.release();
        await connecting.client.dispose();
        await open.dispose();
      }
    } finally {
      await gateway.stop();
      await probe.stop();
    }
  });

  it('changing the password ends every session of the user and hands this client a new one', async () => {
    const user = await aUser('STAFF');
    const first = await signIn(platform, user.email, PASSWORD);
    const second = await signIn(platform, user.email, PASSWORD);
    const CHANGE = `mutation($current: String!, $next: String!) {
      changePassword(currentPassword: $current, newPassword: $next) { token user { id } }
    }`;
    expect(await answerTo(first.token, CHANGE, { current: 'not-the-password', next: 'x'.repeat(12) })).toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    const { changePassword } = await first.query<{ changePassword: { token: string; user: { id: string } } }>(CHANGE, {
      current: PASSWORD,
      next: 'a-new-password-1',
    });
    expect(changePassword.user.id).toBe(user.id);
    await eventually(() => refused(first.token), WITHIN_MS, 'the first token refused');
    await eventually(() => refused(second.token), WITHIN_MS, 'the second token refused');
    expect(await answerTo(changePassword.token, '{ me { id } }')).toMatchObject({ status: 200, code: null });
    await expect(signIn(platform, user.email, PASSWORD)).rejects.toThrow(/INVALID_CREDENTIALS|wrong/i);
    await expect(signIn(platform, user.email, 'a-new-password-1')).resolves.toHaveProperty('token');
  });

  it('a gateway that never hears the event still refuses the token and closes the socket within 5 s', async () => {
    const gateway = await startDeafGateway();
    const url = `${gateway.url}/graphql`;
    try {
      const user = await aUser('STAFF');
      const staff = await signIn(platform, user.email, PASSWORD);
      const socket = await openSocket(staff.token, url, () => gateway.activeSubscriptions('/graphql'));
      try {
        expect(await answerTo(staff.token, '{ me { id } }', {}, url)).toMatchObject({ status: 200, code: null });
        await owner.query(`mutation($id: ID!) { disableUser(id: $id) { id } }`, { id: user.id });
        await eventually(() => refused(staff.token, url), WITHIN_MS, 'the token refused by the deaf gateway');
        expect(await eventually(async () => socket.closedWith(), WITHIN_MS, 'the socket closed')).toEqual(ENDED);
      } finally {
        await socket.dispose();
      }
    } finally {
      await gateway.stop();
    }
  });

  it('the gateway that served the sign-out refuses the next operation on the socket as an ended session, before any event', async () => {
    // Only its own record of the logout it served tells this gateway the session ended.
    const gateway = await startDeafGateway();
    const url = `${gateway.url}/graphql`;
    try {
      const user = await aUser('STAFF');
      const staff = await signIn(platform, user.email, PASSWORD);
      const socket = wsClient(url, staff.token);
      try {
        await eventually(async () => socket.acknowledged() || undefined, WITHIN_MS, 'the socket acknowledged');
        const logout = await rawPost(url, { query: 'mutation { logout }' }, { authorization: `Bearer ${staff.token}` });
        expect(logout.body.data).toEqual({ logout: true });
        const me = collect(socket.client, '{ me { id } }');
        expect(await socket.closedWith).toEqual(ENDED);
        expect(me.values).toEqual([]);
      } finally {
        await socket.client.dispose();
      }
    } finally {
      await gateway.stop();
    }
  });

  it('a delivery whose session cannot be checked closes the socket for a reconnect (1013): never sent unchecked, never dropped unsaid', async () => {
    const probe = await startSubgraphProbe(platform.urls.tenants);
    // No session cache: every delivery asks the tenants service, through the probe.
    const gateway = await startGateway(platform, { TENANTS_URL: probe.url, SESSION_CACHE_MS: '0' });
    const url = `${gateway.url}/graphql`;
    try {
      const socket = await openSocket(owner.token, url, () => gateway.activeSubscriptions('/graphql'));
      try {
        probe.failWith(503);
        await placeOrder(platform, 'demo-bistro');
        expect(await eventually(async () => socket.closedWith(), 15_000, 'the socket closed')).toMatchObject({
          code: 1013,
        });
        expect(socket.received).toEqual([]);
      } finally {
        await socket.dispose();
      }
    } finally {
      await gateway.stop();
      await probe.stop();
    }
  });
});
