import { performance } from 'node:perf_hooks';
import { BUCKET_METRICS_SQL, METRICS_WITHOUT_JIT_SQL, RAW_BUCKET_METRICS_SQL } from '@nexara/orders';
import { isDeepStrictEqual } from 'node:util';
import { insertBulkOrders } from '@nexara/test-support';
import { Client } from 'pg';
import type { BenchStack } from '../stack/bench-stack';
import { signIn } from '../stack/sign-in';
import { ratio, round, summarizeLatencies, type LatencySummary } from '../stats';

export type OrderMetricsSettings = {
  orders: number;
  /** Each case: a tenant of the demo given `orders` orders spread over `days` that end with the week read. */
  cases: { tenant: string; days: number }[];
  warmUpRuns: number;
  runs: number;
};

export type OrderMetricsResult = { cases: OrderMetricsCase[] };

export type OrderMetricsCase = {
  tenant: string;
  days: number;
  orders: number;
  /** Orders in the week read (all of them when `days` is 7). */
  ordersInRange: number;
  buckets: number;
  generateSeconds: number;
  /** `orderMetrics` through our gateway, as the dashboard asks for it. */
  api: LatencySummary;
  /** The SQL the API runs (BUCKET_METRICS_SQL: the rollup, orders only for partial slots) straight in PostgreSQL, as the orders role under the tenant's row-level security. */
  sql: LatencySummary;
  /** The aggregation over the orders themselves (RAW_BUCKET_METRICS_SQL, what the API ran before the rollup), the same way. */
  rawSql: LatencySummary;
  /** Whether the two SQL answers were identical, row for row. */
  rollupEqualsRaw: boolean;
  /** API median over SQL median. */
  medianRatio: number | null;
  /** How PostgreSQL read the rollup and the orders (EXPLAIN ANALYZE of the SQL): each scan and its heap fetches. */
  plan: string;
};

const ORDER_METRICS = `query WeekByHour($from: DateTimeISO!, $to: DateTimeISO!) {
  orderMetrics(from: $from, to: $to, bucket: HOUR) {
    bucketStart provider orders revenue { amount currency } acceptanceRate avgAcceptSeconds
  }
}`;

/**
 * `orderMetrics` for 7 days by hour over a tenant with `orders` generated
 * orders (`insertBulkOrders`: one INSERT ... SELECT), spread over `days`
 * ending with the week read: 90 days (a busy tenant's history, the week is a
 * slice of it) and 7 (every one of them is in the week). Runs one at a
 * time, after warm-ups; the baseline is the same SQL without the API in
 * front of it.
 */
export async function benchOrderMetrics(
  stack: BenchStack,
  settings: OrderMetricsSettings,
  log: (line: string) => void,
): Promise<OrderMetricsResult> {
  const cases: OrderMetricsCase[] = [];
  for (const { tenant, days } of settings.cases) cases.push(await benchCase(stack, settings, tenant, days, log));
  return { cases };
}

async function benchCase(
  stack: BenchStack,
  settings: OrderMetricsSettings,
  slug: string,
  days: number,
  log: (line: string) => void,
): Promise<OrderMetricsCase> {
  const tenant = stack.seed.tenants.find((t) => t.slug === slug)!;
  // Whole hours, so the 168 buckets are full ones; the week ends an hour from now.
  const to = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  const from = new Date(to.getTime() - 7 * 86_400_000);
  const generatedFrom = new Date(to.getTime() - days * 86_400_000);

  const started = performance.now();
  await stack.withDatabase(async (client) => {
    await insertBulkOrders((sql, parameters) => client.query(sql, parameters), {
      tenantId: tenant.tenantId,
      count: settings.orders,
      from: generatedFrom,
      days,
    });
    // What autovacuum does soon after a load: statistics, and the visibility map index-only scans rely on
    // (the rollup too: without statistics PostgreSQL may scan all of it rather than the tenant's week).
    await client.query('vacuum analyze orders.orders, orders.order_metrics');
  });
  const generateSeconds = round((performance.now() - started) / 1000, 1);
  log(`${slug}: ${settings.orders.toLocaleString('en-US')} orders generated over ${days} days in ${generateSeconds} s`);

  const token = await signIn(stack, tenant.ownerEmail);
  const variables = { from: from.toISOString(), to: to.toISOString() };
  let buckets = 0;
  const api = await timed(settings, async () => {
    const response = await fetch(`${stack.urls.gateway}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: ORDER_METRICS, variables }),
    });
    const result = (await response.json()) as { data?: { orderMetrics: { orders: number }[] }; errors?: unknown[] };
    if (!result.data || result.errors) throw new Error(`orderMetrics failed: ${JSON.stringify(result.errors)}`);
    buckets = result.data.orderMetrics.length;
  });

  const { timeZone } = await stack.withDatabase(async (client) => {
    const { rows } = await client.query<{ timeZone: string }>(
      'select time_zone as "timeZone" from tenants.tenants where id = $1',
      [tenant.tenantId],
    );
    return rows[0]!;
  });
  const parameters = [tenant.tenantId, from, to, 'hour', timeZone];
  const orders = new Client({ connectionString: stack.database.serviceUrls.orders });
  await orders.connect();
  let ordersInRange = 0;
  let plan = '';
  try {
    const inTenant = async <T>(work: () => Promise<T>): Promise<T> => {
      await orders.query('begin');
      try {
        await orders.query(`select set_config('app.tenant_id', $1, true)`, [tenant.tenantId]);
        // As the API's transaction does (order-metrics.service.ts): the baseline runs what the API runs.
        await orders.query(METRICS_WITHOUT_JIT_SQL);
        return await work();
      } finally {
        await orders.query('rollback');
      }
    };
    const sql = await timed(settings, () => inTenant(() => orders.query(BUCKET_METRICS_SQL, parameters)));
    const rawSql = await timed(settings, () => inTenant(() => orders.query(RAW_BUCKET_METRICS_SQL, parameters)));
    const rollupEqualsRaw = await inTenant(async () =>
      isDeepStrictEqual(
        (await orders.query(BUCKET_METRICS_SQL, parameters)).rows,
        (await orders.query(RAW_BUCKET_METRICS_SQL, parameters)).rows,
      ),
    );
    await inTenant(async () => {
      const { rows } = await orders.query<{ orders: string }>(
        'select count(*) as orders from orders.orders where tenant_id = $1 and placed_at >= $2 and placed_at < $3',
        parameters.slice(0, 3),
      );
      ordersInRange = Number(rows[0]!.orders);
      plan = scansOf(
        await orders.query<{ 'QUERY PLAN': unknown }>(
          `explain (analyze, format json) ${BUCKET_METRICS_SQL}`,
          parameters,
        ),
      );
    });
    log(
      `${slug}: orderMetrics 7 days by hour (${ordersInRange} orders in the week): API median ${api.median} ms (p95 ${api.p95}), SQL median ${sql.median} ms, aggregating the orders ${rawSql.median} ms, same answer: ${rollupEqualsRaw}; ${plan}`,
    );
    return {
      tenant: slug,
      days,
      orders: settings.orders,
      ordersInRange,
      buckets,
      generateSeconds,
      api,
      sql,
      rawSql,
      rollupEqualsRaw,
      medianRatio: ratio(api.median, sql.median),
      plan,
    };
  } finally {
    await orders.end();
  }
}

/** Warm-ups, then `runs` timed runs one after another. */
async function timed(settings: OrderMetricsSettings, run: () => Promise<unknown>): Promise<LatencySummary> {
  for (let i = 0; i < settings.warmUpRuns; i += 1) await run();
  const times: number[] = [];
  for (let i = 0; i < settings.runs; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return summarizeLatencies(times);
}

type PlanNode = {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Heap Fetches'?: number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
};

/**
 * The nodes that read tables, in a few words each: "order_metrics: Index Scan
 * using order_metrics_pkey, 1344 rows; orders: Index Only Scan using
 * orders_metrics_idx, 0 rows, 0 heap fetches".
 */
function scansOf(result: { rows: { 'QUERY PLAN': unknown }[] }): string {
  const root = (result.rows[0]!['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan;
  const scans: PlanNode[] = [];
  const walk = (node: PlanNode): void => {
    if (node['Relation Name']) scans.push(node);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(root);
  if (scans.length === 0) return 'no table scan in the plan';
  return scans
    .map((scan) => {
      const rows = (scan['Actual Rows'] ?? 0) * (scan['Actual Loops'] ?? 1);
      const parts = [
        `${scan['Relation Name']}: ${scan['Node Type']}${scan['Index Name'] ? ` using ${scan['Index Name']}` : ''}`,
        `${rows} rows`,
      ];
      if (scan['Heap Fetches'] !== undefined) parts.push(`${scan['Heap Fetches']} heap fetches`);
      return parts.join(', ');
    })
    .join('; ');
}
