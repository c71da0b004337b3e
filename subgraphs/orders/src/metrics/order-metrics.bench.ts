import { randomUUID } from 'node:crypto';
import { insertBulkOrders } from '@nexara/stack/testing';
import { Client } from 'pg';
import { aUser } from '../testing/identities';
import { dataOf, startOrdersTestEnv, type OrdersTestEnv } from '../testing/orders-test-env';
import { BUCKET_METRICS_SQL } from './order-metrics.service';

/**
 * A measurement, not a test (`*.bench.ts`: `npm test` never runs it; it
 * asserts nothing about time). 1,000,000 orders of one tenant over 90 days
 * (about 78,000 in the week read) plus 100,000 of another, then
 * `orderMetrics` for 7 days by hour over HTTP, and the plan PostgreSQL
 * chose as the orders role under RLS (an index-only scan of
 * orders_metrics_idx is what keeps it fast). Run with the integration setup:
 *
 *   npx jest --config jest.bench.config.js subgraphs/orders/src/metrics/order-metrics.bench.ts
 */
const ORDERS = Number(process.env['NEXARA_BENCH_ORDERS'] ?? 1_000_000);
const RUNS = 15;
const FROM = new Date('2026-09-01T00:00:00Z');
const WEEK = { from: '2026-10-10T00:00:00Z', to: '2026-10-17T00:00:00Z', timeZone: 'Asia/Dubai' };

const ORDER_METRICS = `query($from: DateTimeISO!, $to: DateTimeISO!, $timeZone: String) {
  orderMetrics(from: $from, to: $to, bucket: HOUR, timeZone: $timeZone) { bucketStart provider orders revenue { amount currency } acceptanceRate avgAcceptSeconds }
}`;

let env: OrdersTestEnv;
const tenantId = randomUUID();

beforeAll(async () => {
  env = await startOrdersTestEnv();
  const run = (sql: string, parameters: unknown[]) => env.db.queryAsAdmin(sql, parameters);
  const started = performance.now();
  await insertBulkOrders(run, { tenantId, count: ORDERS, from: FROM, days: 90 });
  await insertBulkOrders(run, { tenantId: randomUUID(), count: ORDERS / 10, from: FROM, days: 90 });
  const inserted = performance.now() - started;
  // What autovacuum does soon after a load: statistics, and the visibility map index-only scans rely on.
  await env.db.queryAsAdmin('vacuum analyze orders.orders');
  console.log(`${ORDERS * 1.1} orders inserted in ${Math.round(inserted)} ms, vacuum analyze ${Math.round(performance.now() - started - inserted)} ms`);
}, 600_000);

afterAll(async () => {
  await env?.close();
});

it('orderMetrics, 7 days by HOUR', async () => {
  const timings: number[] = [];
  let rows = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    rows = dataOf(await env.request<{ orderMetrics: unknown[] }>(aUser(tenantId), ORDER_METRICS, WEEK)).orderMetrics.length;
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  const ms = (value: number | undefined): string => `${(value ?? Number.NaN).toFixed(1)} ms`;
  console.log(
    `orderMetrics 7 days by HOUR over HTTP (${rows} rows): median ${ms(timings[Math.floor(RUNS / 2)])}, ` +
      `min ${ms(timings[0])}, max ${ms(timings.at(-1))} over ${RUNS} runs`,
  );

  const client = new Client({ connectionString: env.db.serviceUrls.orders });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
    const parameters = [tenantId, WEEK.from, WEEK.to, 'hour', WEEK.timeZone];
    const plan = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${BUCKET_METRICS_SQL}`, parameters);
    await client.query('rollback');
    console.log(plan.rows.map((row) => row['QUERY PLAN']).join('\n'));
  } finally {
    await client.end();
  }
}, 600_000);
