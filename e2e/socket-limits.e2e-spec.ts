import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@nexara/stack';
import { eventually } from '@nexara/test-support';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startGateway } from './support/gateway';
import { placeOrder, signIn, startTestPlatform, subscribersListening, type TestPlatform } from './support/platform';
import { collect, wsClient } from './support/ws-client';

/**
 * graphql-ws meets the same rules as HTTP, through the real gateway: the
 * query limits, a message-size cap, subscription caps, persisted documents
 * for browsers in production, and one tenant's events per subscriber.
 */
let platform: TestPlatform;
let bistro: Awaited<ReturnType<typeof signIn>>;
let admin: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 1 });
  bistro = await signIn(platform, 'owner@demo-bistro.test');
  admin = await signIn(platform, 'admin@nexara.test');
});

afterAll(async () => {
  await platform?.stop();
});

const ORDER_CHANGED = `subscription { orderChanged { id status } }`;
type Refusal = { extensions?: { code?: string } };

/** The error codes a subscription was refused with (graphql-ws `error`, or a `next` carrying only errors). */
function codesOf(errors: unknown[]): string[] {
  return errors
    .flatMap((entry) => (Array.isArray(entry) ? (entry as Refusal[]) : [entry as Refusal]))
    .map((error) => String(error.extensions?.code));
}

describe('socket limits', () => {
  it('holds 100 subscriptions on one socket and refuses the next 50 with TOO_MANY_SUBSCRIPTIONS', async () => {
    const socket = wsClient(platform.graphqlUrl, bistro.token);
    const subscriptions = Array.from({ length: 150 }, () => collect(socket.client, ORDER_CHANGED));
    try {
      await subscribersListening(platform.activeSubscriptions, 100);
      const refused = await eventually(
        async () => {
          const codes = subscriptions.flatMap((s) => codesOf(s.errors));
          return codes.length === 50 ? codes : undefined;
        },
        10_000,
        '50 refusals',
      );
      expect(new Set(refused)).toEqual(new Set(['TOO_MANY_SUBSCRIPTIONS']));
      expect(platform.activeSubscriptions()).toBe(100);
    } finally {
      for (const subscription of subscriptions) subscription.dispose();
      await socket.client.dispose();
      await subscribersListening(platform.activeSubscriptions, 0);
    }
  });

  it('caps one user over all their sockets (MAX_SUBSCRIPTIONS_PER_USER)', async () => {
    const gateway = await startGateway(platform, {
      MAX_SUBSCRIPTIONS_PER_SOCKET: '2',
      MAX_SUBSCRIPTIONS_PER_USER: '3',
    });
    const active = () => gateway.activeSubscriptions('/graphql');
    const sockets = [
      wsClient(`${gateway.url}/graphql`, bistro.token),
      wsClient(`${gateway.url}/graphql`, bistro.token),
    ];
    const first = [collect(sockets[0]!.client, ORDER_CHANGED), collect(sockets[0]!.client, ORDER_CHANGED)];
    try {
      await subscribersListening(active, 2);
      const second = [collect(sockets[1]!.client, ORDER_CHANGED), collect(sockets[1]!.client, ORDER_CHANGED)];
      await subscribersListening(active, 3);
      const codes = await eventually(async () => {
        const all = second.flatMap((s) => codesOf(s.errors));
        return all.length === 1 ? all : undefined;
      });
      expect(codes).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
      // A closed subscription gives its place back.
      first[0]!.dispose();
      await subscribersListening(active, 2);
      const third = collect(sockets[1]!.client, ORDER_CHANGED);
      await subscribersListening(active, 3);
      third.dispose();
      for (const s of second) s.dispose();
    } finally {
      for (const s of first) s.dispose();
      for (const socket of sockets) await socket.client.dispose();
      await gateway.stop();
    }
  });

  it.each([
    [
      'a 60-alias subscription',
      `subscription { orderChanged { ${Array.from({ length: 60 }, (_, i) => `a${i}: id`).join(' ')} } }`,
      'TOO_MANY_ALIASES',
    ],
    [
      'a subscription over the token limit',
      `subscription { orderChanged { id ${'__typename '.repeat(2100)} } }`,
      'TOO_MANY_TOKENS',
    ],
    [
      'a query nested past the depth limit',
      `{ orders(first: 0) { edges { node { items { ${'modifiers { '.repeat(8)}name${' }'.repeat(8)} } } } } }`,
      'QUERY_TOO_DEEP',
    ],
  ])('refuses %s, as HTTP does', async (_case, query, code) => {
    const socket = wsClient(platform.graphqlUrl, bistro.token);
    const subscription = collect(socket.client, query);
    try {
      const codes = await eventually(async () =>
        subscription.errors.length ? codesOf(subscription.errors) : undefined,
      );
      expect(codes).toEqual([code]);
      expect(platform.activeSubscriptions()).toBe(0);
    } finally {
      subscription.dispose();
      await socket.client.dispose();
    }
  });

  it('closes the socket (1009) on a 2 MiB message, before reading it as GraphQL', async () => {
    const url = platform.graphqlUrl.replace(/^http/, 'ws');
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const acknowledged = new Promise<void>((resolve) =>
      socket.on('message', (data) => {
        if ((JSON.parse(String(data)) as { type: string }).type === 'connection_ack') resolve();
      }),
    );
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${bistro.token}` } }));
    await acknowledged;
    const huge = `subscription { orderChanged { id } } # ${'x'.repeat(2 * 1024 * 1024)}`;
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: huge } }));
    expect(await closed).toBe(1009);
    expect(platform.activeSubscriptions()).toBe(0);
  });

  it("runs only the dashboard's persisted documents for a browser's socket in production", async () => {
    const gateway = await startGateway(platform, { NODE_ENV: 'production' });
    const manifest = JSON.parse(
      fs.readFileSync(path.join(REPO_ROOT, 'web', 'persisted-documents.json'), 'utf8'),
    ) as Record<string, string>;
    const own = Object.values(manifest).find((text) => text.startsWith('subscription TodayMetricsChanged'))!;
    class BrowserWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { origin: 'http://localhost:3000' } });
      }
    }
    const client = createClient({
      url: `${gateway.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: BrowserWebSocket,
      connectionParams: { authorization: `Bearer ${bistro.token}` },
      retryAttempts: 0,
    });
    const foreign = collect(client, ORDER_CHANGED);
    const dashboard = collect(client, own);
    try {
      const codes = await eventually(async () => (foreign.errors.length ? codesOf(foreign.errors) : undefined));
      expect(codes).toEqual(['PERSISTED_QUERY_NOT_ALLOWED']);
      await subscribersListening(() => gateway.activeSubscriptions('/graphql'), 1);
      expect(dashboard.errors).toEqual([]);
    } finally {
      foreign.dispose();
      dashboard.dispose();
      await client.dispose();
      await gateway.stop();
    }
  });
});

describe('platform admin scoping', () => {
  const METRICS = `subscription { metricsChanged { openOrders } }`;

  it('an admin acting in one tenant receives none of another tenant’s order or KPI events', async () => {
    const bistroId = platform.seed.tenants.find((t) => t.slug === 'demo-bistro')!.tenantId;
    // Acting in its own tenant ("Nexara"): no acting tenant named, as the dashboard connects.
    const own = wsClient(platform.graphqlUrl, admin.token);
    // The control: the same admin acting in Demo Bistro, which must hear every event.
    const acting = wsClient(platform.graphqlUrl, admin.token, { 'x-nexara-tenant': bistroId });
    const ownOrders = collect<{ orderChanged: { id: string } }>(own.client, ORDER_CHANGED);
    const ownMetrics = collect(own.client, METRICS);
    const actingOrders = collect<{ orderChanged: { id: string } }>(acting.client, ORDER_CHANGED);
    const actingMetrics = collect(acting.client, METRICS);
    try {
      await subscribersListening(platform.activeSubscriptions, 4);
      const first = await placeOrder(platform, 'demo-bistro');
      const second = await placeOrder(platform, 'demo-bistro');
      // Both events went out to every subscriber before the control got the second one.
      await eventually(async () =>
        actingOrders.values.some((v) => v.orderChanged.id === first) &&
        actingOrders.values.some((v) => v.orderChanged.id === second) &&
        actingMetrics.values.length > 0
          ? true
          : undefined,
      );
      expect(ownOrders.values).toEqual([]);
      expect(ownMetrics.values).toEqual([]);
      expect([...ownOrders.errors, ...ownMetrics.errors]).toEqual([]);
    } finally {
      for (const subscription of [ownOrders, ownMetrics, actingOrders, actingMetrics]) subscription.dispose();
      await Promise.all([own.client.dispose(), acting.client.dispose()]);
    }
  });

  it('refuses a socket naming an acting tenant that is not a tenant id, or for someone not a platform admin', async () => {
    const bad = wsClient(platform.graphqlUrl, admin.token, { 'x-nexara-tenant': 'everything' });
    const notAdmin = wsClient(platform.graphqlUrl, bistro.token, {
      'x-nexara-tenant': platform.seed.tenants.find((t) => t.slug === 'harbor-grill')!.tenantId,
    });
    expect(await bad.closed).toBe(4401);
    expect(await notAdmin.closed).toBe(4401);
    await Promise.all([bad.client.dispose(), notAdmin.client.dispose()]);
  });
});
