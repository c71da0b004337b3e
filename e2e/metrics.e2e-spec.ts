import { eventually } from '@nexara/test-support';
import { placeOrder, signIn, startTestPlatform, type TestPlatform } from './support/platform';
import { collect, wsClient } from './support/ws-client';

/**
 * Live KPI tiles: `metricsChanged` through the gateway re-reads
 * `todayMetrics` (in the tenant's own time zone, which orders asks of the
 * tenants subgraph) each time the orders subgraph announces a tenant's
 * coalesced `metrics.changed`.
 */
let platform: TestPlatform;
let bistro: Awaited<ReturnType<typeof signIn>>;
let harbor: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 4 });
  bistro = await signIn(platform, 'owner@demo-bistro.test');
  harbor = await signIn(platform, 'owner@harbor-grill.test');
});

afterAll(async () => {
  await platform?.stop();
});

const TODAY_FIELDS =
  'timeZone dayStart openOrders providers { provider orders revenue { amount currency } acceptanceRate avgAcceptSeconds }';

type Today = {
  timeZone: string;
  dayStart: string;
  openOrders: number;
  providers: {
    provider: string;
    orders: number;
    revenue: { amount: number; currency: string }[];
    acceptanceRate: number | null;
  }[];
};

const ordersOf = (today: Today): number => today.providers.reduce((sum, row) => sum + row.orders, 0);
const revenueOf = (today: Today, currency: string): number =>
  today.providers
    .flatMap((row) => row.revenue)
    .reduce((sum, money) => sum + (money.currency === currency ? money.amount : 0), 0);

describe('metricsChanged over graphql-ws', () => {
  it("sends a tenant's updated totals after an order is placed and accepted, and nothing to another tenant", async () => {
    const a = wsClient(platform.graphqlUrl, bistro.token);
    const b = wsClient(platform.graphqlUrl, harbor.token);
    const ofA = collect<{ metricsChanged: Today }>(a.client, `subscription { metricsChanged { ${TODAY_FIELDS} } }`);
    const ofB = collect<{ metricsChanged: Today }>(
      b.client,
      `subscription Tiles { tiles: metricsChanged { openOrders } }`,
    );
    try {
      // Let the seed's own trailing announcements (at most a second late) pass before measuring.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      ofA.values.length = 0;
      ofB.values.length = 0;
      const before = (await bistro.query<{ todayMetrics: Today }>(`{ todayMetrics { ${TODAY_FIELDS} } }`)).todayMetrics;
      expect(before.timeZone).toBe('Asia/Riyadh'); // Demo Bistro's zone, from the tenants subgraph

      const orderId = await placeOrder(platform, 'demo-bistro');
      const placed = await eventually(
        async () => ofA.values.map((v) => v.metricsChanged).find((today) => ordersOf(today) === ordersOf(before) + 1),
        10_000,
        'totals with the new order',
      );
      expect(placed).toMatchObject({
        timeZone: 'Asia/Riyadh',
        openOrders: before.openOrders + 1,
        dayStart: before.dayStart,
      });

      await bistro.query(`mutation($id: ID!) { acceptOrder(id: $id, prepMinutes: 10) { id } }`, { id: orderId });
      await eventually(
        async () =>
          ofA.values
            .map((v) => v.metricsChanged)
            .find((today) => revenueOf(today, 'SAR') === revenueOf(before, 'SAR') + 3700),
        10_000,
        'totals with the accepted order',
      );

      await new Promise((resolve) => setTimeout(resolve, 1_500)); // a whole window more: anything for harbor would be here
      expect(ofB.values).toEqual([]);
      expect(ofA.errors).toEqual([]);
    } finally {
      ofA.dispose();
      ofB.dispose();
      await Promise.all([a.client.dispose(), b.client.dispose()]);
    }
  });

  it('coalesces a burst of changes into about one update per second, the last one included', async () => {
    const socket = wsClient(platform.graphqlUrl, harbor.token);
    const updates = collect<{ metricsChanged: Today }>(
      socket.client,
      `subscription { metricsChanged { ${TODAY_FIELDS} } }`,
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      updates.values.length = 0;
      const before = (await harbor.query<{ todayMetrics: Today }>(`{ todayMetrics { ${TODAY_FIELDS} } }`)).todayMetrics;
      const started = Date.now();
      for (let placed = 0; placed < 10; placed += 1) await placeOrder(platform, 'harbor-grill');
      const burstMs = Date.now() - started;
      await eventually(
        async () => updates.values.find((v) => ordersOf(v.metricsChanged) === ordersOf(before) + 10),
        10_000,
        'totals with all ten orders',
      );
      // One window opens at a change and lasts a second, so a burst of N ms opens at most floor(N / 1000) + 1 of them.
      expect(updates.values.length).toBeLessThanOrEqual(Math.floor(burstMs / 1_000) + 1);
      expect(updates.values.length).toBeLessThan(10);
    } finally {
      updates.dispose();
      await socket.client.dispose();
    }
  });
});
