import { eventually } from '@nexara/test-support';
import WebSocket from 'ws';
import { startGateway } from './support/gateway';
import { placeOrder, signIn, startTestPlatform, subscribersListening, type TestPlatform } from './support/platform';
import { collect, wsClient } from './support/ws-client';

/**
 * Partners over graphql-ws on `/partner/graphql`, beside dashboard users on
 * `/graphql`, on one real gateway (the checked-in public contract), with
 * keys created and revoked through the dashboard API.
 */
let platform: TestPlatform;
let gateway: Awaited<ReturnType<typeof startGateway>>;
let admin: Awaited<ReturnType<typeof signIn>>;

type Scope = 'ORDERS_READ' | 'ORDERS_WRITE' | 'CONNECTIONS_READ';

async function createKey(scopes: Scope[]): Promise<{ id: string; secret: string }> {
  const { createApiKey } = await admin.query<{ createApiKey: { apiKey: { id: string }; secret: string } }>(
    'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } secret } }',
    { input: { name: `ws ${scopes.join(' ')}`, scopes } },
  );
  return { id: createApiKey.apiKey.id, secret: createApiKey.secret };
}

const partnerUrl = () => `${gateway.url}/partner/graphql`;
/** Until the server holds this many subscriptions on each path (graphql-ws does not acknowledge one). */
const settle = async (onPartnerPath = 1, onUserPath = 0): Promise<void> => {
  await subscribersListening(() => gateway.activeSubscriptions('/partner/graphql'), onPartnerPath);
  await subscribersListening(() => gateway.activeSubscriptions('/graphql'), onUserPath);
};

const FOLLOW = 'subscription { orderChanged { id status displayCode tenant { name } total { amount currency } } }';
type Followed = { orderChanged: { id: string; status: string; displayCode: string; tenant: { name: string } } };

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 2 });
  gateway = await startGateway(platform);
  admin = await signIn(platform, 'owner@demo-bistro.test');
});

afterAll(async () => {
  await gateway?.stop();
  await platform?.stop();
});

describe('orderChanged for a partner key', () => {
  it("delivers its own tenant's orders with public fields only, nothing of another tenant", async () => {
    const key = await createKey(['ORDERS_READ']);
    const socket = wsClient(partnerUrl(), key.secret);
    const followed = collect<Followed>(socket.client, FOLLOW);
    try {
      await settle();
      const foreign = await placeOrder(platform, 'harbor-grill');
      const own = await placeOrder(platform, 'demo-bistro');
      const received = await eventually(
        async () => followed.values.find((v) => v.orderChanged.id === own),
        10_000,
        'own order',
      );
      expect(received.orderChanged).toMatchObject({ id: own, status: 'RECEIVED', tenant: { name: 'Demo Bistro' } });
      expect(Object.keys(received.orderChanged).sort()).toEqual(['displayCode', 'id', 'status', 'tenant', 'total']);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(followed.values.some((v) => v.orderChanged.id === foreign)).toBe(false);
      expect(followed.errors).toEqual([]);
    } finally {
      followed.dispose();
      await socket.client.dispose();
    }
  });

  it('refuses a selection of a field that is not public: it fails validation', async () => {
    const key = await createKey(['ORDERS_READ']);
    const socket = wsClient(partnerUrl(), key.secret);
    const internal = collect(socket.client, 'subscription { orderChanged { id warnings } }');
    try {
      const [errors] = (await eventually(
        async () => (internal.errors.length ? internal.errors : undefined),
        5_000,
      )) as { message: string }[][];
      expect(errors![0]!.message).toMatch(/Cannot query field "warnings" on type "Order"/);
      expect(internal.values).toEqual([]);
    } finally {
      internal.dispose();
      await socket.client.dispose();
    }
  });

  it('refuses orderChanged to a key without orders:read', async () => {
    const key = await createKey(['CONNECTIONS_READ']);
    const socket = wsClient(partnerUrl(), key.secret);
    const refused = collect(socket.client, FOLLOW);
    try {
      const [errors] = (await eventually(async () => (refused.errors.length ? refused.errors : undefined), 5_000)) as {
        message: string;
        extensions: { code: string };
      }[][];
      expect(errors![0]).toMatchObject({
        message: 'This API key lacks the orders:read scope.',
        extensions: { code: 'FORBIDDEN' },
      });
    } finally {
      refused.dispose();
      await socket.client.dispose();
    }
  });

  it('stops a revoked key at its next event: the socket closes with 4401', async () => {
    const key = await createKey(['ORDERS_READ']);
    const socket = wsClient(partnerUrl(), key.secret);
    const followed = collect<Followed>(socket.client, FOLLOW);
    try {
      await settle();
      const before = await placeOrder(platform, 'demo-bistro');
      await eventually(
        async () => followed.values.find((v) => v.orderChanged.id === before),
        10_000,
        'before revocation',
      );
      await admin.query('mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', { id: key.id });
      const after = await placeOrder(platform, 'demo-bistro');
      await expect(socket.closed).resolves.toBe(4401);
      expect(followed.values.some((v) => v.orderChanged.id === after)).toBe(false);
    } finally {
      followed.dispose();
      await socket.client.dispose();
    }
  });

  it('closes a socket with no key, a dashboard token or an unknown key with 4401', async () => {
    for (const token of [undefined, admin.token, `nxk_${'A'.repeat(43)}`]) {
      const socket = wsClient(partnerUrl(), token);
      socket.client.subscribe(
        { query: FOLLOW },
        { next: () => undefined, error: () => undefined, complete: () => undefined },
      );
      await expect(socket.closed).resolves.toBe(4401);
      await socket.client.dispose();
    }
  });
});

describe('operations over the partner socket', () => {
  it('answers queries under the key’s tenant and counts them against its rate limit', async () => {
    const limited = await startGateway(platform, { PARTNER_RATE_LIMIT: '2', PARTNER_RATE_WINDOW_SECONDS: '60' });
    const key = await createKey(['ORDERS_READ']);
    const socket = wsClient(`${limited.url}/partner/graphql`, key.secret);
    const ask = () =>
      new Promise<{ data?: unknown; errors?: { extensions?: Record<string, unknown> }[] }>((resolve, reject) => {
        socket.client.subscribe(
          { query: '{ tenant { name } }' },
          {
            next: (result) => resolve(result as never),
            error: (errors) => resolve({ errors: errors as never }),
            complete: () => reject(new Error('no answer')),
          },
        );
      });
    try {
      expect(await ask()).toEqual({ data: { tenant: { name: 'Demo Bistro' } } });
      expect(await ask()).toEqual({ data: { tenant: { name: 'Demo Bistro' } } });
      const over = await ask();
      expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
      expect(over.errors?.[0]?.extensions?.['retryAfterSeconds']).toBeGreaterThan(0);
    } finally {
      await socket.client.dispose();
      await limited.stop();
    }
  });
});

describe('WebSocket paths on one port', () => {
  it('serves dashboard users on /graphql and partners on /partner/graphql side by side', async () => {
    const key = await createKey(['ORDERS_READ']);
    const user = wsClient(`${gateway.url}/graphql`, admin.token);
    const partner = wsClient(partnerUrl(), key.secret);
    const ofUser = collect<Followed>(user.client, FOLLOW);
    const ofPartner = collect<Followed>(partner.client, FOLLOW);
    try {
      await settle(1, 1);
      const order = await placeOrder(platform, 'demo-bistro');
      await eventually(async () => ofUser.values.find((v) => v.orderChanged.id === order), 10_000, 'user');
      await eventually(async () => ofPartner.values.find((v) => v.orderChanged.id === order), 10_000, 'partner');
    } finally {
      ofUser.dispose();
      ofPartner.dispose();
      await Promise.all([user.client.dispose(), partner.client.dispose()]);
    }
  });

  it('refuses an upgrade on any other path with 404', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`${gateway.url.replace(/^http/, 'ws')}/not-graphql`);
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => reject(new Error('the upgrade was accepted')));
      socket.on('error', () => undefined);
    });
    expect(status).toBe(404);
  });
});
