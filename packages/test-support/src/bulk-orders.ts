import { PROVIDERS } from '@nexara/providers/display';
/**
 * Many orders at once, for benchmarks: one INSERT ... SELECT over
 * generate_series, so a million rows take seconds, not an hour of GraphQL
 * calls. Rows are valid orders (every constraint holds) spread evenly over
 * `days` from `from`, with a fixed mix: 4 providers in turn, 1 in 10 in
 * AED (the rest KWD), and by `n % 20` 1 REJECTED, 1 CANCELLED before
 * acceptance, 2 still RECEIVED, the rest DELIVERED and accepted 30 s to
 * 5 min after being placed. They have no timeline entries: metrics do not
 * read the timeline. Run as a role that may write the tenant's rows (a
 * superuser, or the owner inside a transaction that set app.tenant_id).
 */
export type BulkOrders = { tenantId: string; count: number; from: Date; days: number };

export type SqlRunner = (sql: string, parameters: unknown[]) => Promise<unknown>;

const BULK_ORDERS_SQL = `
  insert into orders.orders (
    tenant_id, id, connection_id, provider, external_id, display_code, status, placed_at, accepted_at,
    currency, subtotal, delivery_fee, discount, tax, tip, total, items
  )
  select $1::uuid,
         gen_random_uuid(),
         md5($1::text || provider)::uuid,
         provider,
         'bulk-' || n,
         'B' || n,
         status,
         placed_at,
         case when status in ('DELIVERED') then placed_at + (30 + n % 270) * interval '1 second' end,
         case when n % 10 = 0 then 'AED' else 'KWD' end,
         amount, 0, 0, 0, 0, amount,
         '[]'::jsonb
    from generate_series(1, $2::int) as n
         cross join lateral (
           select ($5::text[])[1 + n % cardinality($5::text[])] as provider,
                  case n % 20 when 0 then 'REJECTED' when 1 then 'CANCELLED' when 2 then 'RECEIVED' when 3 then 'RECEIVED'
                       else 'DELIVERED' end as status,
                  $3::timestamptz + (n::float8 / $2::int) * ($4::int * interval '1 day') as placed_at,
                  1000 + n % 9000 as amount
         ) as o`;

export async function insertBulkOrders(run: SqlRunner, orders: BulkOrders): Promise<void> {
  await run(BULK_ORDERS_SQL, [orders.tenantId, orders.count, orders.from.toISOString(), orders.days, PROVIDERS]);
}
