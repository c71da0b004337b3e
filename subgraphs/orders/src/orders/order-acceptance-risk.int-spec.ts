import { randomUUID } from 'node:crypto';
import type { OrderStatus } from '@nexara/kit';
import { aUser } from '../testing/identities';
import { anOrder, aProviderOrder } from '../testing/order-factory';
import { ORDER, STAFF_ACTIONS, type OrderQueryResult } from '../testing/order-operations';
import { dataOf, startOrdersTestEnv, type OrdersTestEnv } from '../testing/orders-test-env';

type Case = { name: string; status: OrderStatus; acceptByInMinutes: number | null; atRisk: boolean };

// Relative to the time the test runs: the flag is about now.
const CASES: Case[] = [
  { name: 'RECEIVED, deadline in 1 min', status: 'RECEIVED', acceptByInMinutes: 1, atRisk: true },
  { name: 'RECEIVED, deadline in 10 min', status: 'RECEIVED', acceptByInMinutes: 10, atRisk: false },
  { name: 'RECEIVED, deadline passed 5 min ago', status: 'RECEIVED', acceptByInMinutes: -5, atRisk: true },
  { name: 'RECEIVED, no deadline', status: 'RECEIVED', acceptByInMinutes: null, atRisk: false },
  { name: 'ACCEPTED, deadline in 1 min', status: 'ACCEPTED', acceptByInMinutes: 1, atRisk: false },
  { name: 'CANCELLED, deadline passed', status: 'CANCELLED', acceptByInMinutes: -5, atRisk: false },
];

describe('Order.acceptanceAtRisk and the acceptanceAtRisk filter (real PostgreSQL, over HTTP)', () => {
  let env: OrdersTestEnv;
  const tenantId = randomUUID();
  const staff = aUser(tenantId, 'MANAGER');
  const idsByCase = new Map<string, string>();

  beforeAll(async () => {
    env = await startOrdersTestEnv();
    for (const testCase of CASES) {
      const acceptBy =
        testCase.acceptByInMinutes === null
          ? null
          : new Date(Date.now() + testCase.acceptByInMinutes * 60_000).toISOString();
      const order = await anOrder(env, { tenantId, order: aProviderOrder({ acceptBy }) });
      // Staff moves, so the deadline is the one placed with the order and the move happens now.
      if (testCase.status === 'ACCEPTED')
        dataOf(await env.request(staff, STAFF_ACTIONS.acceptOrder.document, { id: order.id }));
      if (testCase.status === 'CANCELLED')
        dataOf(await env.request(staff, STAFF_ACTIONS.cancelOrder.document, { id: order.id }));
      idsByCase.set(testCase.name, order.id);
    }
  });

  afterAll(async () => {
    await env?.close();
  });

  it.each(CASES.map((testCase) => [testCase.name, testCase.atRisk, testCase] as const))(
    '%s -> %s',
    async (_name, atRisk, testCase) => {
      const order = dataOf(
        await env.request<OrderQueryResult>(staff, ORDER, { id: idsByCase.get(testCase.name) }),
      ).order;
      expect(order.status).toBe(testCase.status);
      expect(order.acceptanceAtRisk).toBe(atRisk);
    },
  );

  async function filtered(acceptanceAtRisk: boolean | null) {
    const result = dataOf(
      await env.request<{
        orders: { totalCount: number; edges: { node: { id: string; acceptanceAtRisk: boolean } }[] };
      }>(
        staff,
        'query($filter: OrderFilterInput) { orders(filter: $filter) { totalCount edges { node { id acceptanceAtRisk } } } }',
        { filter: { acceptanceAtRisk } },
      ),
    );
    return { totalCount: result.orders.totalCount, ids: result.orders.edges.map((edge) => edge.node.id).sort() };
  }

  const idsWhere = (atRisk: boolean | null) =>
    CASES.filter((testCase) => atRisk === null || testCase.atRisk === atRisk)
      .map((testCase) => idsByCase.get(testCase.name))
      .sort();

  it.each([true, false, null])(
    'filter acceptanceAtRisk: %s lists exactly the matching orders, and counts them',
    async (atRisk) => {
      const { totalCount, ids } = await filtered(atRisk);
      expect(ids).toEqual(idsWhere(atRisk));
      expect(totalCount).toBe(idsWhere(atRisk).length);
    },
  );

  it('reads the at-risk orders through the (tenant, status) index once a tenant has history, not by scanning its orders', async () => {
    // Another tenant with a realistic shape: thousands of finished orders, a handful still waiting for an answer.
    const busyTenant = randomUUID();
    await env.db.queryAsAdmin(
      `insert into orders.orders (tenant_id, id, connection_id, provider, external_id, display_code, status, placed_at, accept_by,
                                  currency, subtotal, delivery_fee, discount, tax, tip, total, items)
       select $1, gen_random_uuid(), $2, 'CAREEM', 'bulk-' || n, 'B-' || n,
              case when n % 200 = 0 then 'RECEIVED' else 'DELIVERED' end,
              now() - n * interval '1 minute', now() - n * interval '1 minute' + interval '8 minutes',
              'KWD', 1000, 0, 0, 0, 0, 1000, '[]'::jsonb
         from generate_series(1, 5000) as n`,
      [busyTenant, randomUUID()],
    );
    await env.db.queryAsAdmin('analyze orders.orders');
    const plan = await env.db.queryAsAdmin<{ 'QUERY PLAN': string }>(
      `explain select count(*) from orders.orders o
        where o.tenant_id = '${busyTenant}' and (o.status = 'RECEIVED' and o.accept_by is not null and o.accept_by <= now() + interval '2 minutes')`,
    );
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index (Only )?Scan using orders_status_placed_at_idx/);
    expect(text).toMatch(/Index Cond: .*status = 'RECEIVED'/);
  });
});
