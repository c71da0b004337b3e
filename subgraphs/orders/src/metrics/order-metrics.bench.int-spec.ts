import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { aUser } from '../testing/identities';
import { insertBulkOrders } from '../testing/bulk-orders';
import { dataOf, startOrdersTestEnv, type OrdersTestEnv } from '../testing/orders-test-env';
import { BUCKET_METRICS_SQL } from './order-metrics.service';

/**
 * A measurement, not a test: skipped unless NEXARA_BENCH=1, and it asserts
 * nothing about time. It loads 1,000,000 orders of one tenant (90 days) plus
 * 100,000 of another, then prints how long `orderMetrics` takes over HTTP for
 * 7 days by hour, and the plan PostgreSQL chose (as the service role, RLS on).
 *
 *   NEXARA_BENCH=1 npx jest subgraphs/orders/src/metrics/order-metrics.bench
 */
const BENCH = process.env['NEXARA_BENCH'] === '1';
const ORDERS = Number(process.env['NEXARA_BENCH_ORDERS'] ?? 1_000_000);
const DAYS = 90;
const RUNS = 15;

const ORDER_METRICS = `query($from: DateTimeISO!, $to: DateTimeISO!, $timeZone: String) {
  orderMetrics(from: $from, to: $to, bucket: HOUR, timeZone: $timeZone) { bucketStart provider orders revenue { amount currency } acceptanceRate avgAcceptSeconds }
}`;

(BENCH ? describe : describe.skip)('orderMetrics benchmark', () => {
  let env: OrdersTestEnv;
  const tenantId = randomUUID();
  const from = new Date('2026-09-01T00:00:00Z');
  const weekFrom = new Date('2026-10-10T00:00:00Z');
  const weekTo = new Date('2026-10-17T00:00:00Z');

  beforeAll(async () => {
    env = await startOrdersTestEnv();
    const run = (sql: string, parameters: unknown[]) => env.db.queryAsAdmin(sql, parameters);
    const started = Date.now();
    await insertBulkOrders(run, { tenantId, count: ORDERS, from, days: DAYS });
    await insertBulkOrders(run, { tenantId: randomUUID(), count: ORDERS / 10, from, days: DAYS });
    const inserted = Date.now() - started;
    // What autovacuum would do soon after a load: statistics, and the visibility map index-only scans rely on.
    await env.db.queryAsAdmin('vacuum analyze orders.orders');
    console.log(`inserted ${ORDERS * 1.1} orders in ${inserted} ms (vacuum analyze ${Date.now() - started - inserted} ms)`);
  }, 600_000);

  afterAll(async () => {
    await env?.close();
  });

  it('measures 7 days by hour', async () => {
    const variables = { from: weekFrom.toISOString(), to: weekTo.toISOString(), timeZone: 'Asia/Dubai' };
    const timings: number[] = [];
    let rows = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const started = performance.now();
      const result = dataOf(await env.request<{ orderMetrics: { orders: number }[] }>(aUser(tenantId), ORDER_METRICS, variables));
      timings.push(performance.now() - started);
      rows = result.orderMetrics.length;
    }
    timings.sort((a, b) => a - b);
    const median = timings[Math.floor(timings.length / 2)]!;
    console.log(`orderMetrics 7 days by HOUR over HTTP: ${rows} rows; median ${median.toFixed(1)} ms, min ${timings[0]!.toFixed(1)} ms, max ${timings.at(-1)!.toFixed(1)} ms`);
    expect(rows).toBe(7 * 24 * 4);

    const client = new Client({ connectionString: env.db.serviceUrls.orders });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
      const plan = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${BUCKET_METRICS_SQL}`, [
        tenantId,
        weekFrom,
        weekTo,
        'hour',
        'Asia/Dubai',
      ]);
      await client.query('rollback');
      const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
      console.log(text);
      expect(text).toContain('orders_metrics_idx');
    } finally {
      await client.end();
    }
  });
});
