import { appError, inTenantTransaction, type Identity, type Money } from '@nexara/kit';
import { type Provider } from '@nexara/providers/display';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { orderReaderTenantId } from '../orders/order-access';
import { metricsRange, requestedTimeZone, type MetricsRange } from './metrics-range';
import type { MetricsBucket } from './order-metrics.types';
import type { TenantTimeZones } from './tenant-time-zones';

export type OrderMetricsRow = {
  bucketStart: Date;
  provider: Provider;
  orders: number;
  revenue: Money[];
  acceptedOrders: number;
  decidedOrders: number;
  acceptanceRate: number | null;
  avgAcceptSeconds: number | null;
};

export type TodayMetrics = { timeZone: string; dayStart: Date; openOrders: number; providers: OrderMetricsRow[] };

/** A row of FOLD_CURRENCIES: one currency's revenue of a bucket and provider, or (`total`) its counts. */
type RawMetricsRow = {
  bucket_start: Date;
  provider: Provider;
  currency: string | null;
  total: boolean;
  orders: number;
  accepted: number;
  decided: number;
  avg_accept_seconds: string | null;
  revenue: string | null;
};

const DATE_TRUNC_UNIT: Record<MetricsBucket, string> = { HOUR: 'hour', DAY: 'day' };

/**
 * The answer's rows from `parts` (bucket_start, provider, currency, each
 * part's counts and sums, and the orders its revenue sums), in one grouping
 * pass sorted by bucket and provider: a row per currency (its revenue, null
 * when no order counts for it) followed by the bucket and provider's total
 * row (\`total\`, currency null: the counts, which do not depend on currency, added up
 * and the mean divided once). `bucketRows` folds each total row and the
 * currency rows before it into one answer row. Grouping sets rather than
 * `jsonb_agg` of each bucket's currencies: a week by hour is 840 buckets,
 * and one aggregation instead of two with a sort per bucket took PostgreSQL
 * 12 % less CPU (`npm run bench`, docs/architecture.md, "Order metrics").
 */
const FOLD_CURRENCIES = `
  select bucket_start,
         provider,
         currency,
         grouping(currency) = 1 as total,
         sum(orders)::int as orders,
         sum(accepted)::int as accepted,
         sum(decided)::int as decided,
         sum(accept_seconds) / nullif(sum(accepted), 0) as avg_accept_seconds,
         case when grouping(currency) = 0 and sum(revenue_orders) > 0 then sum(revenue) end as revenue
    from parts
   group by bucket_start, provider, rollup (currency)
   order by bucket_start, provider, currency nulls last`;

/**
 * The parts of the answer made from orders (`o`, already restricted to a
 * range) by aggregating them: per bucket, provider and currency. Parameters
 * 4 and 5: date_trunc unit, zone. Test orders (placed by the dashboard's
 * test webhooks) are not counted.
 */
const ORDER_PARTS = `
       select date_trunc($4, o.placed_at, $5) as bucket_start,
              o.provider,
              o.currency,
              count(*)::int as orders,
              count(o.accepted_at)::int as accepted,
              (count(*) filter (where o.accepted_at is not null or o.status = 'REJECTED'))::int as decided,
              -- clamped: a provider's clock may report an acceptance a moment before the order's placedAt
              sum(greatest(extract(epoch from o.accepted_at - o.placed_at), 0)) as accept_seconds,
              (count(*) filter (where o.accepted_at is not null and o.status <> 'CANCELLED'))::int as revenue_orders,
              coalesce(sum(o.total) filter (where o.accepted_at is not null and o.status <> 'CANCELLED'), 0) as revenue
         from orders.orders o`;

/**
 * One row per (bucket, provider), computed in PostgreSQL from orders placed
 * in [from, to) by aggregating the orders themselves. `date_trunc(unit,
 * placed_at, zone)` cuts at the zone's local hours and midnights (DST
 * included) and returns the bucket's start as an instant. The inner query
 * also groups by currency, so each currency's revenue is summed on its own;
 * the outer one folds currencies into a list and adds up the counts, which do
 * not depend on currency. Test orders (placed by the dashboard's test
 * webhooks) are not counted; `orders_metrics_idx` (tenant_id, placed_at)
 * INCLUDE (...) WHERE NOT test serves the range as an index-only scan.
 * Parameters: tenant, from, to, date_trunc unit, zone.
 *
 * The definition of every metric, and what BUCKET_METRICS_SQL answers
 * identically from the rollup; the tests and the bench compare the two. Its
 * cost grows with the orders in the range (about a second for a million).
 */
export const RAW_BUCKET_METRICS_SQL = `
  with parts as (
    ${ORDER_PARTS}
     where o.tenant_id = $1 and o.placed_at >= $2 and o.placed_at < $3 and not o.test
     group by 1, 2, 3
  )
  ${FOLD_CURRENCIES}`;

/**
 * RAW_BUCKET_METRICS_SQL's answer, read from the rollup `orders.order_metrics`
 * (per tenant, UTC quarter hour, provider and currency, kept exact by
 * triggers in the transaction of every order write: see the
 * OrderMetricsRollup migration). `slots` lists the quarter hours that
 * overlap [from, to); a slot lying wholly inside the range and inside one
 * bucket of the zone is read from the rollup, any other (the partial slots
 * at arbitrary `from` and `to` instants, or slots cut by a zone whose offset
 * is not whole quarter hours) from the orders placed in its part of the
 * range, by an index range scan per slot. So a week by hour reads about 700
 * slots' rollup rows whatever the number of orders. Only sums and counts
 * are added up; the division for the mean is the same as the raw query's,
 * so answers are identical. Same parameters as RAW_BUCKET_METRICS_SQL.
 */
export const BUCKET_METRICS_SQL = `
  with slots as (
    select s as slot_start,
           greatest(s, $2::timestamptz) as lo,
           least(s + interval '15 minutes', $3::timestamptz) as hi,
           date_trunc($4, s, $5) as bucket_start,
           s >= $2::timestamptz
             and s + interval '15 minutes' <= $3::timestamptz
             and date_trunc($4, s, $5) = date_trunc($4, s + interval '15 minutes' - interval '1 microsecond', $5) as whole
      from generate_series(
             date_bin('15 minutes', $2::timestamptz, timestamptz '1970-01-01 00:00:00+00'),
             $3::timestamptz - interval '1 microsecond',
             interval '15 minutes'
           ) as s
  ),
  parts as (
    select s.bucket_start, m.provider, m.currency, m.orders, m.accepted_orders as accepted,
           m.decided_orders as decided, m.accept_seconds, m.revenue_orders, m.revenue::numeric as revenue
      from slots s
      join orders.order_metrics m on m.slot_start = s.slot_start
     where m.tenant_id = $1 and m.slot_start >= $2 and m.slot_start < $3 and s.whole and m.orders <> 0
    union all
    select edge.*
      from slots s
     cross join lateral (
       ${ORDER_PARTS}
        where o.tenant_id = $1 and o.placed_at >= s.lo and o.placed_at < s.hi and not o.test
        group by 1, 2, 3
     ) as edge
     where not s.whole
  )
  ${FOLD_CURRENCIES}`;

/**
 * Run in the metrics transaction before BUCKET_METRICS_SQL. Over a tenant
 * with a million orders PostgreSQL estimates the rollup query above
 * `jit_above_cost` and compiles it with LLVM (where the server has JIT,
 * like Debian's PostgreSQL 15): measured on 2 cores, 1.24 s of compiling
 * for a query that runs in 28 ms without it. The query reads a few thousand
 * rollup rows, so compiling never pays off; `true`: for this transaction
 * only.
 */
export const METRICS_WITHOUT_JIT_SQL = `select set_config('jit', 'off', true)`;

/** Today in `zone`: [local midnight, next local midnight), the second computed on the calendar so a DST day has 23 or 25 hours. */
const TODAY_SQL = `
  select date_trunc('day', now(), $1) as day_start,
         ((now() at time zone $1)::date + 1)::timestamp at time zone $1 as day_end`;

/** Served by orders_status_placed_at_idx (tenant_id, status, ...): open orders are the live queue, few at any time. */
const OPEN_ORDERS_SQL = `
  select count(*)::int as open_orders
    from orders.orders
   where tenant_id = $1 and status in ('RECEIVED', 'ACCEPTED', 'PREPARING', 'READY', 'PICKED_UP') and not test`;

/** Order metrics for dashboards: buckets over a range, and today's totals. */
export class OrderMetricsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenantTimeZones: TenantTimeZones,
  ) {}

  async orderMetrics(
    identity: Identity,
    args: { from: Date; to: Date; bucket: MetricsBucket; timeZone?: string | null },
  ): Promise<OrderMetricsRow[]> {
    const tenantId = orderReaderTenantId(identity);
    const range = metricsRange(args.from, args.to, args.bucket);
    const timeZone = await this.timeZoneOf(tenantId, args.timeZone);
    return inTenantTransaction(this.dataSource, { tenantId }, (manager) =>
      bucketMetrics(manager, tenantId, range, timeZone),
    );
  }

  async todayMetrics(identity: Identity, args: { timeZone?: string | null }): Promise<TodayMetrics> {
    const tenantId = orderReaderTenantId(identity);
    const timeZone = await this.timeZoneOf(tenantId, args.timeZone);
    return inTenantTransaction(this.dataSource, { tenantId }, async (manager) => {
      const [today] = await zonedQuery<{ day_start: Date; day_end: Date }>(manager, TODAY_SQL, [timeZone], timeZone);
      if (!today) throw new Error('today has no bounds');
      const [open] = (await manager.query(OPEN_ORDERS_SQL, [tenantId])) as { open_orders: number }[];
      const providers = await bucketMetrics(
        manager,
        tenantId,
        { from: today.day_start, to: today.day_end, bucket: 'DAY' },
        timeZone,
      );
      return { timeZone, dayStart: today.day_start, openOrders: open?.open_orders ?? 0, providers };
    });
  }

  /** The zone the caller asked for, else the tenant's own (from the tenants subgraph). */
  private async timeZoneOf(tenantId: string, requested: string | null | undefined): Promise<string> {
    return requestedTimeZone(requested) ?? (await this.tenantTimeZones(tenantId));
  }
}

/** A query that uses `timeZone`; a zone PostgreSQL does not know is the caller's to fix. */
async function zonedQuery<R>(
  manager: EntityManager,
  sql: string,
  parameters: unknown[],
  timeZone: string,
): Promise<R[]> {
  try {
    return (await manager.query(sql, parameters)) as R[];
  } catch (error) {
    // Intl (which checked the name) and PostgreSQL carry their own copies of the zone database; they rarely disagree.
    if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '22023') {
      throw appError(
        'BAD_USER_INPUT',
        `The database does not know the time zone "${timeZone}"; use another name for it.`,
      );
    }
    throw error;
  }
}

async function bucketMetrics(
  manager: EntityManager,
  tenantId: string,
  range: MetricsRange,
  timeZone: string,
): Promise<OrderMetricsRow[]> {
  const parameters = [tenantId, range.from, range.to, DATE_TRUNC_UNIT[range.bucket], timeZone];
  await manager.query(METRICS_WITHOUT_JIT_SQL);
  return bucketRows(await zonedQuery<RawMetricsRow>(manager, BUCKET_METRICS_SQL, parameters, timeZone));
}

/** FOLD_CURRENCIES' rows as answer rows: each total row with the revenue of the currency rows before it. */
function bucketRows(rows: RawMetricsRow[]): OrderMetricsRow[] {
  const answer: OrderMetricsRow[] = [];
  let revenue: Money[] = [];
  for (const row of rows) {
    if (!row.total) {
      if (row.revenue !== null && row.currency !== null) {
        revenue.push({ amount: Number(row.revenue), currency: row.currency });
      }
      continue;
    }
    answer.push({
      bucketStart: row.bucket_start,
      provider: row.provider,
      orders: row.orders,
      revenue,
      acceptedOrders: row.accepted,
      decidedOrders: row.decided,
      acceptanceRate: row.decided > 0 ? row.accepted / row.decided : null,
      avgAcceptSeconds: row.avg_accept_seconds === null ? null : Number(row.avg_accept_seconds),
    });
    revenue = [];
  }
  return answer;
}
