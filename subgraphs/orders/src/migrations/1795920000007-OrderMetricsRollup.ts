import type { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT_TENANT = `nullif(current_setting('app.tenant_id', true), '')::uuid`;

/** Every order counts in the quarter hour (UTC-aligned) it was placed in. */
const SLOT_OF_PLACED_AT = `date_bin('15 minutes', placed_at, timestamptz '1970-01-01 00:00:00+00')`;

/**
 * What the orders of `source` (a query with the order's columns and a
 * `sign`: 1 counts an order in, -1 takes it out) add to each rollup row,
 * grouped by the rollup's key. Test orders (TestOrders migration) count for
 * nothing: marking an order as a test takes it out, unmarking puts it in.
 * Net-zero groups (a change that moves no
 * metric, such as PREPARING to READY) are left out. The same expressions as
 * the raw aggregation in src/metrics/order-metrics.service.ts
 * (RAW_BUCKET_METRICS_SQL), written as additive deltas.
 */
const deltasOf = (source: string): string => `
  select tenant_id,
         ${SLOT_OF_PLACED_AT} as slot_start,
         provider,
         currency,
         sum(sign)::int as orders,
         sum(sign * (accepted_at is not null)::int)::int as accepted_orders,
         sum(sign * (accepted_at is not null or status = 'REJECTED')::int)::int as decided_orders,
         -- clamped like the raw aggregation; greatest() ignores the null of an order not accepted
         sum(sign * greatest(extract(epoch from accepted_at - placed_at), 0)) as accept_seconds,
         sum(sign * (accepted_at is not null and status <> 'CANCELLED')::int)::int as revenue_orders,
         sum(sign * case when accepted_at is not null and status <> 'CANCELLED' then total else 0 end)::bigint as revenue
    from (${source}) as changed
   where not test
   group by 1, 2, 3, 4
  having sum(sign) <> 0
      or sum(sign * (accepted_at is not null)::int) <> 0
      or sum(sign * (accepted_at is not null or status = 'REJECTED')::int) <> 0
      or sum(sign * greatest(extract(epoch from accepted_at - placed_at), 0)) <> 0
      or sum(sign * (accepted_at is not null and status <> 'CANCELLED')::int) <> 0
      or sum(sign * case when accepted_at is not null and status <> 'CANCELLED' then total else 0 end) <> 0`;

/**
 * A transaction-local setting that is 'on' once the transaction queued its
 * fold: the deferred trigger fires once per transaction, not once per pending
 * row. A savepoint rolled back takes back both the queued firing and the
 * setting (PostgreSQL undoes a local setting with its subtransaction).
 */
const FOLD_QUEUED = 'orders.metrics_fold_queued';

/** The rows a statement changed, as `deltasOf` sources, by operation (the transition tables its trigger declares). */
const CHANGED_ROWS = {
  insert: 'select 1 as sign, * from new_rows',
  update: 'select -1 as sign, * from old_rows union all select 1 as sign, * from new_rows',
  delete: 'select -1 as sign, * from old_rows',
};

const METRIC_COLUMNS = 'orders, accepted_orders, decided_orders, accept_seconds, revenue_orders, revenue';
const KEY_COLUMNS = 'tenant_id, slot_start, provider, currency';
/** The rollup's columns, and those of a pending delta. */
const ROLLUP_COLUMNS = `tenant_id uuid not null, slot_start timestamptz not null, provider text not null,
  currency char(3) not null, orders integer not null, accepted_orders integer not null,
  decided_orders integer not null, accept_seconds numeric not null, revenue_orders integer not null,
  revenue bigint not null`;

/**
 * `orders.order_metrics`: what orderMetrics reads instead of aggregating a
 * week of orders per request (docs/architecture.md, "Order metrics"). One row
 * per tenant, quarter hour, provider and currency holding the additive parts
 * of every metric (counts and sums, revenue with the count of orders it sums
 * so "no revenue" and "revenue 0" stay apart). Quarter hours, not hours:
 * every time zone in use today is offset from UTC by whole quarter hours
 * (Asia/Kolkata +05:30, Asia/Kathmandu +05:45), so any zone's local hours and
 * days are whole runs of slots. orderMetrics groups by bucket, provider and
 * currency only, so those are the only dimensions: a connection or branch
 * column would multiply the rows read without any query using it.
 *
 * Kept exact by triggers on orders.orders, in the transaction of the order
 * write, whatever path wrote it (the provider path, the staff path, bulk SQL,
 * a delete): triggers rather than the repository code, because not every
 * write goes through one function, and a rollup that misses one writer
 * drifts for ever.
 *
 * Why two steps. The provider path applies up to 500 events in one
 * transaction (applyProviderOrderEvents), walked in order id order, and
 * concurrent batches of one tenant touch the same hours and providers in
 * different orders: an upsert per row would take rollup row locks in
 * different orders in two transactions, the textbook deadlock, and hold them
 * for the whole batch. So the statement triggers only append the statement's
 * deltas to `order_metrics_pending` (an insert, no lock on shared rows); a
 * deferred constraint trigger folds the transaction's pending deltas into
 * the rollup at commit with one INSERT ... ON CONFLICT DO UPDATE of additive
 * deltas, its rows sorted by key, so every transaction locks rollup rows in
 * the same order (no deadlock), only for the instant before its commit, and
 * concurrent writers of the same row queue on its lock and each add its own
 * delta to the committed value (no lost update). A reader's snapshot sees an
 * order and its deltas together or neither: the rollup is consistent with the
 * orders at every moment. Deltas written under a savepoint that is rolled
 * back (one failed event of a batch) go with it.
 *
 * `order_metrics_pending` is UNLOGGED: its rows never outlive their
 * transaction (the commit step deletes them), so there is nothing a crash
 * could lose, and it saves their WAL. Its policy shows a transaction only the
 * deltas it wrote itself.
 *
 * The backfill runs in this migration's transaction after the triggers
 * exist, holding a lock that keeps order writes out until commit, so no
 * write is counted twice or missed. Reading and writing every tenant's rows,
 * it lifts FORCE ROW LEVEL SECURITY for its own transaction (the owner is then
 * exempt from the policies) and puts it back before commit.
 */
export class OrderMetricsRollup1795920000007 implements MigrationInterface {
  name = 'OrderMetricsRollup1795920000007';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`lock table orders.orders in share row exclusive mode`);
    await queryRunner.query(`
      create table orders.order_metrics (
        ${ROLLUP_COLUMNS},
        constraint order_metrics_pkey primary key (${KEY_COLUMNS})
      )`);
    await queryRunner.query(`
      create unlogged table orders.order_metrics_pending (
        xid xid8 not null default pg_current_xact_id(),
        ${ROLLUP_COLUMNS}
      )`);
    await queryRunner.query(`create index order_metrics_pending_xid_idx on orders.order_metrics_pending (xid)`);

    // Statement triggers with transition tables: one pending row per key a statement touched, not one per order.
    // One function per operation, so each has static SQL that PostgreSQL plans once per session.
    for (const [operation, source] of Object.entries(CHANGED_ROWS)) {
      await queryRunner.query(`
        create function orders.order_metrics_on_${operation}() returns trigger language plpgsql as $fn$
        begin
          insert into orders.order_metrics_pending (${KEY_COLUMNS}, ${METRIC_COLUMNS}) ${deltasOf(source)};
          -- the fold is queued now (if this insert had rows): later pending rows need not queue it again
          if found then perform set_config('${FOLD_QUEUED}', 'on', true); end if;
          return null;
        end
        $fn$`);
      await queryRunner.query(`revoke all on function orders.order_metrics_on_${operation}() from public`);
    }
    await queryRunner.query(`
      create function orders.order_metrics_apply() returns trigger language plpgsql as $fn$
      begin
        with taken as (
          delete from orders.order_metrics_pending where xid = pg_current_xact_id() returning *
        )
        insert into orders.order_metrics as m (${KEY_COLUMNS}, ${METRIC_COLUMNS})
        select ${KEY_COLUMNS},
               sum(orders), sum(accepted_orders), sum(decided_orders),
               sum(accept_seconds), sum(revenue_orders), sum(revenue)
          from taken
         group by ${KEY_COLUMNS}
         -- one lock order for every transaction: see the migration's comment
         order by ${KEY_COLUMNS}
        on conflict (${KEY_COLUMNS}) do update
           set orders = m.orders + excluded.orders,
               accepted_orders = m.accepted_orders + excluded.accepted_orders,
               decided_orders = m.decided_orders + excluded.decided_orders,
               accept_seconds = m.accept_seconds + excluded.accept_seconds,
               revenue_orders = m.revenue_orders + excluded.revenue_orders,
               revenue = m.revenue + excluded.revenue;
        -- folded: deltas written after this (only if a SET CONSTRAINTS ran the fold early) queue it again
        perform set_config('${FOLD_QUEUED}', '', true);
        return null;
      end
      $fn$`);
    await queryRunner.query(`revoke all on function orders.order_metrics_apply() from public`);
    await queryRunner.query(`
      create trigger order_metrics_on_insert after insert on orders.orders
        referencing new table as new_rows for each statement execute function orders.order_metrics_on_insert()`);
    await queryRunner.query(`
      create trigger order_metrics_on_update after update on orders.orders
        referencing old table as old_rows new table as new_rows
        for each statement execute function orders.order_metrics_on_update()`);
    await queryRunner.query(`
      create trigger order_metrics_on_delete after delete on orders.orders
        referencing old table as old_rows for each statement execute function orders.order_metrics_on_delete()`);
    await queryRunner.query(`
      create constraint trigger order_metrics_apply after insert on orders.order_metrics_pending
        deferrable initially deferred for each row
        when (current_setting('${FOLD_QUEUED}', true) is distinct from 'on')
        execute function orders.order_metrics_apply()`);

    await queryRunner.query(`alter table orders.orders no force row level security`);
    await queryRunner.query(`
      insert into orders.order_metrics (${KEY_COLUMNS}, ${METRIC_COLUMNS})
      ${deltasOf('select 1 as sign, * from orders.orders')}`);
    await queryRunner.query(`alter table orders.orders force row level security`);

    await queryRunner.query(`alter table orders.order_metrics enable row level security`);
    await queryRunner.query(`alter table orders.order_metrics force row level security`);
    await queryRunner.query(
      `create policy tenant_isolation on orders.order_metrics using (tenant_id = ${CURRENT_TENANT}) with check (tenant_id = ${CURRENT_TENANT})`,
    );
    await queryRunner.query(`alter table orders.order_metrics_pending enable row level security`);
    await queryRunner.query(`alter table orders.order_metrics_pending force row level security`);
    await queryRunner.query(
      `create policy own_transaction on orders.order_metrics_pending using (xid = pg_current_xact_id()) with check (tenant_id = ${CURRENT_TENANT} and xid = pg_current_xact_id())`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop trigger order_metrics_on_insert on orders.orders`);
    await queryRunner.query(`drop trigger order_metrics_on_update on orders.orders`);
    await queryRunner.query(`drop trigger order_metrics_on_delete on orders.orders`);
    await queryRunner.query(`drop table orders.order_metrics_pending`);
    await queryRunner.query(`drop function orders.order_metrics_apply()`);
    for (const operation of Object.keys(CHANGED_ROWS)) {
      await queryRunner.query(`drop function orders.order_metrics_on_${operation}()`);
    }
    await queryRunner.query(`drop table orders.order_metrics`);
  }
}
