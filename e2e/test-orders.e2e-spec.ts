import { buildWebhook, sendWebhook } from '@nexara/simulator';
import { eventually } from '@nexara/test-support';
import { seededConnection, signIn, startTestPlatform, type TestPlatform } from './support/platform';

/**
 * Test orders (issue #16, defect 6): "Send test webhook" goes through the
 * real shim, inbox and worker like any delivery, and the order it places is
 * marked `test`, left out of `todayMetrics`, `orderMetrics` and the at-risk
 * list the acceptance alerts read, while a real delivery sent beside it counts.
 */
let platform: TestPlatform;
let bistro: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 0, worker: true });
  bistro = await signIn(platform, 'owner@demo-bistro.test');
});

afterAll(async () => {
  await platform?.stop();
});

const TODAY = `{ todayMetrics { openOrders providers { orders } } }`;
type Today = { todayMetrics: { openOrders: number; providers: { orders: number }[] } };
const ordersToday = (today: Today) => today.todayMetrics.providers.reduce((sum, row) => sum + row.orders, 0);

type Found = { orders: { edges: { node: { id: string; externalId: string; test: boolean } }[] } };
const FIND = `query($filter: OrderFilterInput) { orders(first: 50, filter: $filter) { edges { node { id externalId test } } } }`;

async function orderOf(externalId: string, filter: Record<string, unknown> = {}) {
  const found = await bistro.query<Found>(FIND, { filter: { search: externalId, ...filter } });
  return found.orders.edges.map((edge) => edge.node).find((node) => node.externalId === externalId);
}

describe('test webhook orders', () => {
  it('are marked test and kept out of metrics and the at-risk list, while a real order beside them counts', async () => {
    const jahez = seededConnection(platform, 'demo-bistro', 'JAHEZ');
    const dayStart = new Date(Date.now() - 24 * 3600_000).toISOString();
    const dayEnd = new Date(Date.now() + 3600_000).toISOString();
    const RANGE = `query($from: DateTimeISO!, $to: DateTimeISO!) { orderMetrics(from: $from, to: $to, bucket: HOUR) { orders } }`;
    const rangeOrders = async () =>
      (
        await bistro.query<{ orderMetrics: { orders: number }[] }>(RANGE, { from: dayStart, to: dayEnd })
      ).orderMetrics.reduce((sum, row) => sum + row.orders, 0);
    const before = await bistro.query<Today>(TODAY);
    const rangeBefore = await rangeOrders();

    const sent = await bistro.query<{ sendTestWebhook: { delivered: boolean; externalId: string } }>(
      `mutation($id: ID!) { sendTestWebhook(connectionId: $id, kind: NEW_ORDER) { delivered externalId } }`,
      { id: jahez.id },
    );
    expect(sent.sendTestWebhook.delivered).toBe(true);
    const testOrder = await eventually(() => orderOf(sent.sendTestWebhook.externalId), 20_000, 'the test order');
    expect(testOrder.test).toBe(true);

    // A real delivery of the same connection, through the same path: it is no test and it counts.
    const real = await buildWebhook(jahez, 'new_order');
    const answer = await sendWebhook(real);
    expect(answer.status).toBe(202);
    const realOrder = await eventually(() => orderOf(real.externalId), 20_000, 'the real order');
    expect(realOrder.test).toBe(false);

    // Metrics are committed with the order: the real one is in them, the test one is not.
    const after = await bistro.query<Today>(TODAY);
    expect(ordersToday(after)).toBe(ordersToday(before) + 1);
    expect(after.todayMetrics.openOrders).toBe(before.todayMetrics.openOrders + 1);
    expect(await rangeOrders()).toBe(rangeBefore + 1);

    // The filter the acceptance alerts use (test: false) leaves the test order out; test: true finds it.
    expect(await orderOf(sent.sendTestWebhook.externalId, { test: false })).toBeUndefined();
    expect(await orderOf(sent.sendTestWebhook.externalId, { test: true })).toMatchObject({ id: testOrder.id });
    expect(await orderOf(real.externalId, { test: false })).toMatchObject({ id: realOrder.id });
  });
});
