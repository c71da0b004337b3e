import { randomUUID } from 'node:crypto';
import { createEventBus, createLogger, signUserToken, verifyUserToken, type Role } from '@nexara/kit';
import { serviceEnvironments } from '@nexara/stack';
import { eventually, testSecrets } from '@nexara/test-support';
import { startGateway } from './support/gateway';
import { placeOrder, signIn, startTestPlatform, subscribersListening, type TestPlatform } from './support/platform';
import { collect, wsClient } from './support/ws-client';

/**
 * Live operations through the gateway: subscriptions over graphql-ws, fed by
 * the event bus, each payload re-read through the supergraph as the subscriber.
 */
let platform: TestPlatform;
let bistro: Awaited<ReturnType<typeof signIn>>;
let harbor: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 8 });
  bistro = await signIn(platform, 'owner@demo-bistro.test');
  harbor = await signIn(platform, 'owner@harbor-grill.test');
});

afterAll(async () => {
  await platform?.stop();
});

const ORDER_CHANGED = `subscription($filter: OrderChangedFilterInput) {
  orderChanged(filter: $filter) { id status tenant { name } connection { name provider } total { amount currency } }
}`;

type Changed = {
  orderChanged: {
    id: string;
    status: string;
    tenant: { name: string };
    connection: { name: string; provider: string };
  };
};

type Versioned = {
  orderChanged: { id: string; status: string; version: number; timeline: { status: string }[] };
};

async function receivedOrderIds(): Promise<{ id: string }[]> {
  return [{ id: await placeOrder(platform, 'demo-bistro') }];
}

describe('orderChanged over graphql-ws', () => {
  it("delivers a tenant's change to its subscribers with federated fields, and nothing to another tenant", async () => {
    const a = wsClient(platform.graphqlUrl, bistro.token);
    const b = wsClient(platform.graphqlUrl, harbor.token);
    const ofA = collect<Changed>(a.client, ORDER_CHANGED);
    const ofB = collect<Changed>(b.client, ORDER_CHANGED);
    try {
      await subscribersListening(platform.activeSubscriptions, 2);
      const [order] = await receivedOrderIds();
      await bistro.query(`mutation($id: ID!) { acceptOrder(id: $id, prepMinutes: 10) { id } }`, { id: order!.id });

      // The order's arrival is itself a change, then the acceptance.
      await eventually(
        async () => ofA.values.find((v) => v.orderChanged.id === order!.id && v.orderChanged.status === 'RECEIVED'),
        10_000,
        'arrival',
      );
      const changed = await eventually(
        async () => ofA.values.find((v) => v.orderChanged.id === order!.id && v.orderChanged.status === 'ACCEPTED'),
        10_000,
        'acceptance',
      );
      expect(changed.orderChanged).toMatchObject({
        id: order!.id,
        status: 'ACCEPTED',
        tenant: { name: 'Demo Bistro' },
      });
      expect(changed.orderChanged.connection.name).toMatch(/Demo Bistro on/);
      expect(Object.keys(changed.orderChanged).sort()).toEqual(['connection', 'id', 'status', 'tenant', 'total']);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(ofB.values).toEqual([]);
    } finally {
      ofA.dispose();
      ofB.dispose();
      await Promise.all([a.client.dispose(), b.client.dispose()]);
    }
  });

  it('closes a socket with 4401 when its token expires while it is open', async () => {
    const { me } = await bistro.query<{ me: { id: string; role: Role; tenant: { id: string } } }>(
      '{ me { id role tenant { id } } }',
    );
    // The same session as the signed-in owner's token, only expiring in 2 s.
    const { sessionId } = await verifyUserToken(bistro.token, testSecrets.authTokenSecret);
    const { token } = await signUserToken(
      { userId: me.id, tenantId: me.tenant.id, role: me.role, sessionId },
      testSecrets.authTokenSecret,
      2,
    );
    const socket = wsClient(platform.graphqlUrl, token);
    const followed = collect<Changed>(socket.client, ORDER_CHANGED);
    try {
      await subscribersListening(platform.activeSubscriptions, 1);
      await expect(socket.closedWith).resolves.toEqual({ code: 4401, reason: 'Session expired' });
      await subscribersListening(platform.activeSubscriptions, 0);
    } finally {
      followed.dispose();
      await socket.client.dispose();
    }
  });

  it('honours the filter', async () => {
    const socket = wsClient(platform.graphqlUrl, bistro.token);
    const onlyPreparing = collect<Changed>(socket.client, ORDER_CHANGED, { filter: { status: ['PREPARING'] } });
    try {
      await subscribersListening(platform.activeSubscriptions, 1);
      const [order] = await receivedOrderIds();
      await bistro.query(`mutation($id: ID!) { acceptOrder(id: $id) { id } }`, { id: order!.id });
      await bistro.query(`mutation($id: ID!) { markPreparing(id: $id) { id } }`, { id: order!.id });
      const changed = await eventually(
        async () => onlyPreparing.values.find((v) => v.orderChanged.id === order!.id),
        10_000,
      );
      expect(changed.orderChanged.status).toBe('PREPARING');
      expect(onlyPreparing.values.every((v) => v.orderChanged.status === 'PREPARING')).toBe(true);
    } finally {
      onlyPreparing.dispose();
      await socket.client.dispose();
    }
  });

  it('counts on /metrics what became of each change a subscription heard of', async () => {
    // Its own gateway, so its counts are this test's only.
    const gateway = await startGateway(platform);
    const env = serviceEnvironments(platform.settings).gateway;
    const bus = createEventBus({
      redisUrl: env['REDIS_URL'],
      databaseUrl: env['EVENT_BUS_DATABASE_URL'] ?? '',
      logger: createLogger('subscriptions-test', 'silent'),
    });
    const socket = wsClient(`${gateway.url}/graphql`, bistro.token);
    const every = collect<Changed>(socket.client, 'subscription { orderChanged { id status } }');
    const onlyPreparing = collect<Changed>(socket.client, ORDER_CHANGED, { filter: { status: ['PREPARING'] } });
    const deliveries = async (): Promise<Record<string, number>> => {
      const text = await (await fetch(`${gateway.url}/metrics`)).text();
      return Object.fromEntries(
        [
          ...text.matchAll(
            /^nexara_subscription_deliveries_total\{[^}]*path="\/graphql",outcome="(\w+)"[^}]*\} (\d+)$/gm,
          ),
        ].map(([, outcome, count]) => [outcome!, Number(count)]),
      );
    };
    try {
      await bus.ready();
      await subscribersListening(() => gateway.activeSubscriptions('/graphql'), 2);
      const [order] = await receivedOrderIds();
      await bistro.query(`mutation($id: ID!) { acceptOrder(id: $id) { id } }`, { id: order!.id });
      await eventually(
        async () => every.values.find((v) => v.orderChanged.id === order!.id && v.orderChanged.status === 'ACCEPTED'),
        10_000,
        'the acceptance',
      );
      // An announcement of an order the tenant does not have: both subscriptions read it and find nothing to send.
      // Announced again, it is a version both have handled: skipped, not read again.
      const { me } = await bistro.query<{ me: { tenant: { id: string } } }>('{ me { tenant { id } } }');
      const nothing = { tenantId: me.tenant.id, kind: 'order.changed', id: randomUUID(), version: 1 };
      await bus.publish(nothing);
      await bus.publish(nothing);
      // Two changes of the order, each sent to one subscription and left out by the other's filter.
      expect(
        await eventually(async () => {
          const counts = await deliveries();
          return Object.values(counts).reduce((sum, count) => sum + count, 0) >= 8 ? counts : undefined;
        }, 10_000),
      ).toEqual({ sent: 2, filtered: 2, not_visible: 2, failed: 0, skipped: 2 });
      expect(onlyPreparing.values).toEqual([]);
    } finally {
      every.dispose();
      onlyPreparing.dispose();
      await socket.client.dispose();
      await bus.close();
      await gateway.stop();
    }
  });

  it('delivers every event to 200 concurrent subscribers, re-reading it once per distinct selection', async () => {
    // Its own gateway, so its re-read counter sees only this test.
    const gateway = await startGateway(platform);
    const SLIM = 'subscription { orderChanged { id status } }';
    const sockets = Array.from({ length: 20 }, () => wsClient(`${gateway.url}/graphql`, bistro.token));
    // Two selections (two re-read keys); filters differ within each, and a filter is applied after the shared read.
    const subscriptions = sockets.flatMap((socket, i) =>
      Array.from({ length: 10 }, (_, j) =>
        i % 2
          ? collect<Changed>(socket.client, SLIM)
          : collect<Changed>(socket.client, ORDER_CHANGED, j % 2 ? { filter: { provider: null } } : {}),
      ),
    );
    try {
      await subscribersListening(() => gateway.activeSubscriptions('/graphql'), subscriptions.length);
      const [order] = await receivedOrderIds();
      await bistro.query(`mutation($id: ID!) { acceptOrder(id: $id) { id } }`, { id: order!.id });
      const statusesOf = (s: (typeof subscriptions)[number]) =>
        s.values.filter((v) => v.orderChanged.id === order!.id).map((v) => v.orderChanged.status);
      await eventually(
        async () => (subscriptions.every((s) => statusesOf(s).includes('ACCEPTED')) ? true : undefined),
        30_000,
        'all 200 subscribers',
      );
      // Each subscriber saw the same changes in the order they happened...
      for (const subscription of subscriptions) expect(statusesOf(subscription)).toEqual(['RECEIVED', 'ACCEPTED']);
      // ...and each event was read once per selection, not once per subscriber.
      const events = subscriptions[0]!.values.length;
      expect(subscriptions.every((s) => s.values.length === events)).toBe(true);
      expect(gateway.subscriptionReReads('/graphql')).toBe(2 * events);
    } finally {
      for (const subscription of subscriptions) subscription.dispose();
      await Promise.all(sockets.map((socket) => socket.client.dispose()));
      await gateway.stop();
    }
  });

  it('keeps its promise under load: every change of every order once, in order, with the state it produced', async () => {
    // Each order is accepted and marked preparing the moment it exists, 40 orders at once: the arrival's
    // announcement is still being read when the acceptance commits. Re-reading "the order now" then sent
    // ACCEPTED twice and never RECEIVED; each announcement names its version, and that version is what is read.
    const VERSIONED = 'subscription { orderChanged { id status version timeline { status } } }';
    const sockets = [wsClient(platform.graphqlUrl, bistro.token), wsClient(platform.graphqlUrl, bistro.token)];
    const [full, slim] = [
      collect<Changed>(sockets[0]!.client, ORDER_CHANGED),
      collect<Versioned>(sockets[1]!.client, VERSIONED),
    ];
    try {
      await subscribersListening(platform.activeSubscriptions, 2);
      const orderIds = await Promise.all(
        Array.from({ length: 40 }, async () => {
          const id = await placeOrder(platform, 'demo-bistro');
          await bistro.query(`mutation($id: ID!) { acceptOrder(id: $id) { id } }`, { id });
          await bistro.query(`mutation($id: ID!) { markPreparing(id: $id) { id } }`, { id });
          return id;
        }),
      );
      const seen = <T extends { orderChanged: { id: string; status: string } }>(values: T[], id: string) =>
        values.filter((v) => v.orderChanged.id === id).map((v) => v.orderChanged);
      const allPreparing = (values: { orderChanged: { id: string; status: string } }[]) =>
        orderIds.every((id) => seen(values, id).some((change) => change.status === 'PREPARING'));
      await eventually(async () => (allPreparing(full.values) && allPreparing(slim.values) ? true : undefined), 60_000);

      for (const id of orderIds) {
        expect(seen(full.values, id).map((change) => change.status)).toEqual(['RECEIVED', 'ACCEPTED', 'PREPARING']);
        // The state each version left: its number, its status, and the timeline as it stood then.
        expect(seen(slim.values, id)).toEqual([
          { id, status: 'RECEIVED', version: 1, timeline: [{ status: 'RECEIVED' }] },
          { id, status: 'ACCEPTED', version: 2, timeline: [{ status: 'RECEIVED' }, { status: 'ACCEPTED' }] },
          {
            id,
            status: 'PREPARING',
            version: 3,
            timeline: [{ status: 'RECEIVED' }, { status: 'ACCEPTED' }, { status: 'PREPARING' }],
          },
        ]);
      }
    } finally {
      full.dispose();
      slim.dispose();
      await Promise.all(sockets.map((socket) => socket.client.dispose()));
    }
  });

  it('answers queries sent over the socket', async () => {
    const socket = wsClient(platform.graphqlUrl, bistro.token);
    try {
      const result = await new Promise<unknown>((resolve, reject) => {
        socket.client.subscribe(
          { query: '{ tenant { name } }' },
          { next: resolve, error: reject, complete: () => undefined },
        );
      });
      expect(result).toEqual({ data: { tenant: { name: 'Demo Bistro' } } });
    } finally {
      await socket.client.dispose();
    }
  });

  it('closes a socket without a valid token with 4401, not saying its session ended', async () => {
    for (const token of [undefined, 'not-a-token']) {
      const socket = wsClient(platform.graphqlUrl, token);
      socket.client.subscribe(
        { query: ORDER_CHANGED },
        { next: () => undefined, error: () => undefined, complete: () => undefined },
      );
      await expect(socket.closedWith).resolves.toEqual({ code: 4401, reason: 'Unauthorized' });
      await socket.client.dispose();
    }
  });
});
