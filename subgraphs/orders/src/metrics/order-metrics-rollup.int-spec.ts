import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@nexara/test-support';
import fc from 'fast-check';
import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { OrderMetricsRollup1795920000007 } from '../migrations/1795920000007-OrderMetricsRollup';
import { OrderMetricsFoldOnce1795920000008 } from '../migrations/1795920000008-OrderMetricsFoldOnce';
import { BUCKET_METRICS_SQL, RAW_BUCKET_METRICS_SQL } from './order-metrics.service';

/**
 * The rollup `orders.order_metrics` against the orders it summarises, with
 * writes made as the service makes them: as `nexara_orders`, in tenant
 * transactions, under row-level security.
 */

const RUNS = Number(process.env['ROLLUP_PROPERTY_RUNS'] ?? 30);
jest.setTimeout(Math.max(120_000, RUNS * 3_000));

const STATUSES = ['RECEIVED', 'ACCEPTED', 'PREPARING', 'READY', 'PICKED_UP', 'DELIVERED', 'REJECTED', 'CANCELLED'];
const PROVIDERS = ['CAREEM', 'TALABAT', 'DELIVEROO', 'JAHEZ'];
const BASE_MS = Date.parse('2026-11-28T09:00:00Z');

/** A fresh aggregate of the orders by the rollup's key, written independently of the migration. */
const FRESH_AGGREGATE = `
  select tenant_id, to_timestamp(floor(extract(epoch from placed_at) / 900) * 900) as slot_start, provider, currency,
         count(*)::int as orders,
         count(accepted_at)::int as accepted_orders,
         (count(*) filter (where accepted_at is not null or status = 'REJECTED'))::int as decided_orders,
         coalesce(sum(extract(epoch from accepted_at - placed_at)) filter (where accepted_at > placed_at), 0) as accept_seconds,
         (count(*) filter (where accepted_at is not null and status <> 'CANCELLED'))::int as revenue_orders,
         coalesce(sum(total) filter (where accepted_at is not null and status <> 'CANCELLED'), 0)::bigint as revenue
    from orders.orders where tenant_id = any($1::uuid[]) and not test
   group by 1, 2, 3, 4`;

/** Rows where the rollup and the fresh aggregate differ (all-zero rollup rows, left by deletes, count as absent). */
const DIFFERENCES = `
  with fresh as (${FRESH_AGGREGATE}),
  rollup as (
    select * from orders.order_metrics
     where tenant_id = any($1::uuid[])
       and (orders, accepted_orders, decided_orders, accept_seconds, revenue_orders, revenue) <> (0, 0, 0, 0, 0, 0)
  )
  select coalesce(f.slot_start, r.slot_start) as slot_start, coalesce(f.provider, r.provider) as provider,
         to_jsonb(f) as fresh, to_jsonb(r) as rollup
    from fresh f
    full join rollup r using (tenant_id, slot_start, provider, currency)
   where (f.orders, f.accepted_orders, f.decided_orders, f.accept_seconds, f.revenue_orders, f.revenue)
         is distinct from (r.orders, r.accepted_orders, r.decided_orders, r.accept_seconds, r.revenue_orders, r.revenue)`;

const INSERT_ORDER = `
  insert into orders.orders (tenant_id, id, connection_id, provider, external_id, display_code, status, placed_at,
                             accepted_at, currency, subtotal, delivery_fee, discount, tax, tip, total, items, test)
  select $1, gen_random_uuid(), $1, provider, 'ext-' || gen_random_uuid(), 'T1', status, placed_at,
         accepted_at, currency, total, 0, 0, 0, 0, total, '[]'::jsonb, coalesce(test, false)
    from jsonb_to_recordset($2::jsonb) as o(provider text, status text, placed_at timestamptz,
                                            accepted_at timestamptz, currency text, total bigint, test boolean)`;

type NewOrder = {
  provider: string;
  status: string;
  placed_at: string;
  accepted_at: string | null;
  currency: string;
  total: number;
  /** A test order (the dashboard's test webhook): never counted. */
  test?: boolean;
};

const aNewOrder: fc.Arbitrary<NewOrder> = fc
  .record({
    provider: fc.constantFrom(...PROVIDERS.slice(0, 2)),
    status: fc.constantFrom(...STATUSES),
    // Three hours with microseconds, so orders share slots and sit on their edges.
    placedMicros: fc.integer({ min: 0, max: 3 * 3_600_000_000 }),
    // Negative: a provider clock a moment behind ours (clamped to 0 in the metric).
    acceptedAfterMs: fc.option(fc.integer({ min: -5_000, max: 900_000 }), { nil: null }),
    currency: fc.constantFrom('KWD', 'SAR'),
    total: fc.integer({ min: 0, max: 10_000_000 }),
    test: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  })
  .map(({ placedMicros, acceptedAfterMs, ...rest }) => {
    const placed = microsIso(BASE_MS * 1000 + placedMicros);
    return {
      ...rest,
      placed_at: placed,
      accepted_at: acceptedAfterMs === null ? null : microsIso(BASE_MS * 1000 + placedMicros + acceptedAfterMs * 1000),
    };
  });

/** An ISO instant with microseconds (Date would drop them). */
function microsIso(micros: number): string {
  const ms = Math.floor(micros / 1000);
  return new Date(ms).toISOString().replace('Z', `${String(micros % 1000).padStart(3, '0')}Z`);
}

/** One write of the orders table; `pick` chooses among the tenant's orders (by position in id order). */
type Write =
  | { kind: 'insert'; orders: NewOrder[] }
  | { kind: 'status'; pick: number; status: string; accept: boolean }
  | { kind: 'cancelOpen' }
  | { kind: 'move'; pick: number; minutes: number; provider: string }
  | { kind: 'total'; pick: number; total: number }
  | { kind: 'markTest'; pick: number; test: boolean }
  | { kind: 'delete'; pick: number };

const aWrite: fc.Arbitrary<Write> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('insert'), orders: fc.array(aNewOrder, { minLength: 1, maxLength: 4 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('status'),
      pick: fc.nat(),
      status: fc.constantFrom(...STATUSES),
      accept: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancelOpen') }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('move'),
      pick: fc.nat(),
      minutes: fc.integer({ min: -90, max: 90 }),
      provider: fc.constantFrom(...PROVIDERS.slice(0, 2)),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('total'), pick: fc.nat(), total: fc.integer({ min: 0, max: 10_000 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('markTest'), pick: fc.nat(), test: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete'), pick: fc.nat() }) },
) as fc.Arbitrary<Write>;

/** A transaction: writes, each under a savepoint that is sometimes rolled back (as a failed event of a batch is). */
const aTransaction = fc.array(
  fc.record({ write: aWrite, rolledBack: fc.integer({ min: 0, max: 4 }).map((n) => n === 0) }),
  {
    minLength: 1,
    maxLength: 5,
  },
);

async function write(client: Client, tenantId: string, change: Write): Promise<void> {
  const picked = `(select id from orders.orders where tenant_id = $1 order by id offset $2 limit 1)`;
  const count = async (): Promise<number> =>
    Number((await client.query('select count(*) as n from orders.orders where tenant_id = $1', [tenantId])).rows[0].n);
  switch (change.kind) {
    case 'insert':
      await client.query(INSERT_ORDER, [tenantId, JSON.stringify(change.orders)]);
      return;
    case 'cancelOpen':
      await client.query(
        `update orders.orders set status = 'CANCELLED', version = version + 1 where tenant_id = $1 and status in ('RECEIVED', 'ACCEPTED')`,
        [tenantId],
      );
      return;
    default: {
      const n = await count();
      if (n === 0) return;
      const at = change.pick % n;
      if (change.kind === 'status') {
        await client.query(
          `update orders.orders set status = $3, accepted_at = case when $4 then coalesce(accepted_at, placed_at + interval '90.5 seconds') else accepted_at end
            where tenant_id = $1 and id = ${picked}`,
          [tenantId, at, change.status, change.accept],
        );
      } else if (change.kind === 'move') {
        await client.query(
          `update orders.orders set placed_at = placed_at + $3 * interval '1 minute', provider = $4 where tenant_id = $1 and id = ${picked}`,
          [tenantId, at, change.minutes, change.provider],
        );
      } else if (change.kind === 'markTest') {
        await client.query(`update orders.orders set test = $3 where tenant_id = $1 and id = ${picked}`, [
          tenantId,
          at,
          change.test,
        ]);
      } else if (change.kind === 'total') {
        await client.query(`update orders.orders set total = $3 where tenant_id = $1 and id = ${picked}`, [
          tenantId,
          at,
          change.total,
        ]);
      } else {
        await client.query(`delete from orders.orders where tenant_id = $1 and id = ${picked}`, [tenantId, at]);
      }
    }
  }
}

async function inTenant<T>(client: Client, tenantId: string, work: () => Promise<T>): Promise<T> {
  await client.query('begin');
  try {
    await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
    const result = await work();
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

describe('order metrics rollup (real PostgreSQL)', () => {
  let db: TestDatabase;
  let orders: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    orders = new Client({ connectionString: db.serviceUrls.orders });
    await orders.connect();
  });

  afterAll(async () => {
    await orders?.end();
    await db?.drop();
  });

  const differences = (tenantIds: string[]) => db.queryAsAdmin(DIFFERENCES, [tenantIds]);

  it('equals a fresh aggregate of the orders after any sequence of inserts, changes and deletes, savepoints rolled back included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(aTransaction, { minLength: 1, maxLength: 6 }), async (transactions) => {
        const tenantId = randomUUID();
        for (const writes of transactions) {
          await inTenant(orders, tenantId, async () => {
            for (const { write: change, rolledBack } of writes) {
              await orders.query('savepoint w');
              await write(orders, tenantId, change);
              await orders.query(rolledBack ? 'rollback to savepoint w' : 'release savepoint w');
            }
          });
        }
        expect(await differences([tenantId])).toEqual([]);
        // Nothing is left pending once the transactions committed.
        expect(await db.queryAsAdmin('select count(*)::int as n from orders.order_metrics_pending')).toEqual([
          { n: 0 },
        ]);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers orderMetrics exactly as the raw aggregation, for any range, bucket and time zone', async () => {
    const tenantId = randomUUID();
    const seeded = fc.sample(fc.array(aNewOrder, { minLength: 200, maxLength: 200 }), { numRuns: 1, seed: 14 })[0]!;
    // Some orders days away, so DAY buckets and ranges across midnight have something to count.
    const spread = seeded.map((order, i) =>
      i % 4 === 0
        ? {
            ...order,
            placed_at: new Date(Date.parse(order.placed_at) - (i % 3) * 86_400_000 + i * 60_000).toISOString(),
          }
        : order,
    );
    await inTenant(orders, tenantId, () => orders.query(INSERT_ORDER, [tenantId, JSON.stringify(spread)]));

    let answered = 0;
    const zones = ['UTC', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/New_York', 'Australia/Lord_Howe'];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -30 * 3_600_000, max: 2 * 3_600_000 }),
        fc.integer({ min: 1, max: 36 * 3_600_000 }),
        fc.constantFrom('hour', 'day'),
        fc.constantFrom(...zones),
        async (fromOffset, length, unit, zone) => {
          const from = new Date(BASE_MS + fromOffset);
          const parameters = [tenantId, from, new Date(from.getTime() + length), unit, zone];
          const [fromRollup, fromOrders] = await inTenant(orders, tenantId, async () => [
            (await orders.query(BUCKET_METRICS_SQL, parameters)).rows,
            (await orders.query(RAW_BUCKET_METRICS_SQL, parameters)).rows,
          ]);
          expect(fromRollup).toEqual(fromOrders);
          answered += fromRollup.length;
        },
      ),
      { numRuns: RUNS * 3 },
    );
    // The ranges found orders: the comparison was not between two empty lists.
    expect(answered).toBeGreaterThan(RUNS * 3);
  });

  it('reads orders, not the rollup, for slots a zone cuts in two (a local mean time offset)', async () => {
    // Riyadh kept its local mean time, UTC+03:06:52, until 1947: its hours start 6 min 52 s past a quarter hour.
    const tenantId = randomUUID();
    const placed = Array.from({ length: 40 }, (_, i) => ({
      provider: PROVIDERS[i % 2]!,
      status: i % 5 === 0 ? 'REJECTED' : 'DELIVERED',
      placed_at: new Date(Date.parse('1946-06-01T08:00:00Z') + i * 7 * 60_000).toISOString(),
      accepted_at:
        i % 5 === 0 ? null : new Date(Date.parse('1946-06-01T08:00:00Z') + i * 7 * 60_000 + 60_000).toISOString(),
      currency: 'SAR',
      total: 100 + i,
    }));
    await inTenant(orders, tenantId, () => orders.query(INSERT_ORDER, [tenantId, JSON.stringify(placed)]));
    const parameters = [
      tenantId,
      new Date('1946-06-01T08:00:00Z'),
      new Date('1946-06-01T13:00:00Z'),
      'hour',
      'Asia/Riyadh',
    ];
    const [fromRollup, fromOrders] = await inTenant(orders, tenantId, async () => [
      (await orders.query(BUCKET_METRICS_SQL, parameters)).rows,
      (await orders.query(RAW_BUCKET_METRICS_SQL, parameters)).rows,
    ]);
    expect(fromRollup).toEqual(fromOrders);
    expect((fromRollup as { bucket_start: Date }[])[0]!.bucket_start.toISOString()).toBe('1946-06-01T07:53:08.000Z');
  });

  it('folds a transaction once, however many keys its statements touch', async () => {
    const tenantId = randomUUID();
    // 400 quarter hours in one statement, then one more: 401 pending rows, one of them queuing the fold.
    const spread = (count: number, fromMs: number): NewOrder[] =>
      Array.from({ length: count }, (_, i) => ({
        provider: 'CAREEM',
        status: 'RECEIVED',
        placed_at: new Date(fromMs + i * 900_000).toISOString(),
        accepted_at: null,
        currency: 'KWD',
        total: 1,
      }));
    const pending = await inTenant(orders, tenantId, async () => {
      await orders.query(INSERT_ORDER, [tenantId, JSON.stringify(spread(400, BASE_MS))]);
      await orders.query(INSERT_ORDER, [tenantId, JSON.stringify(spread(1, BASE_MS - 900_000))]);
      const { rows } = await orders.query(
        'select count(*)::int as deltas, (count(*) filter (where fold))::int as folds from orders.order_metrics_pending',
      );
      return rows;
    });
    expect(pending).toEqual([{ deltas: 401, folds: 1 }]);
    expect(await differences([tenantId])).toEqual([]);
  });

  it('stays exact with concurrent writers of the same tenant and hour, without deadlocks', async () => {
    const tenantId = randomUUID();
    const writers = 6;
    const transactionsEach = 8;
    const clients = await Promise.all(
      Array.from({ length: writers }, async () => {
        const client = new Client({ connectionString: db.serviceUrls.orders });
        await client.connect();
        return client;
      }),
    );
    try {
      const keys = PROVIDERS.flatMap((provider) => ['KWD', 'SAR'].map((currency) => ({ provider, currency })));
      await Promise.all(
        clients.map(async (client, w) => {
          for (let t = 0; t < transactionsEach; t += 1) {
            // Each writer walks the keys in its own order, one statement per order, as a batch of events does.
            const walk = keys.map((_, i) => keys[(i * (w + 1) + t) % keys.length]!);
            await inTenant(client, tenantId, async () => {
              for (const [i, key] of walk.entries()) {
                const order: NewOrder = {
                  ...key,
                  status: 'RECEIVED',
                  placed_at: new Date(BASE_MS + (w * 100 + t * 10 + i) * 1000).toISOString(),
                  accepted_at: null,
                  total: 1000 + w * 100 + i,
                };
                await client.query(INSERT_ORDER, [tenantId, JSON.stringify([order])]);
              }
              await client.query(
                `update orders.orders set status = 'ACCEPTED', accepted_at = placed_at + interval '1 minute'
                  where tenant_id = $1 and status = 'RECEIVED' and total / 100 = 10 + $2 and total % 3 = 0`,
                [tenantId, w],
              );
            });
          }
        }),
      );
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
    const [{ n }] = await db.queryAsAdmin<{ n: number }>(
      'select sum(orders)::int as n from orders.order_metrics where tenant_id = $1',
      [tenantId],
    );
    expect(n).toBe(writers * transactionsEach * 8);
    expect(await differences([tenantId])).toEqual([]);
  });

  it('shows a tenant only its own rollup rows, and nothing without a tenant', async () => {
    const [mine, theirs] = [randomUUID(), randomUUID()];
    for (const tenantId of [mine, theirs]) {
      await inTenant(orders, tenantId, () =>
        orders.query(INSERT_ORDER, [
          tenantId,
          JSON.stringify([
            {
              provider: 'CAREEM',
              status: 'RECEIVED',
              placed_at: '2026-11-28T10:00:00Z',
              accepted_at: null,
              currency: 'KWD',
              total: 5,
            },
          ]),
        ]),
      );
    }
    const seen = await inTenant(orders, mine, () =>
      orders.query('select distinct tenant_id from orders.order_metrics'),
    );
    expect(seen.rows).toEqual([{ tenant_id: mine }]);
    expect((await orders.query('select count(*)::int as n from orders.order_metrics')).rows).toEqual([{ n: 0 }]);
    // Another tenant's rows cannot be written either, not even through the rollup's own queue.
    await expect(
      inTenant(orders, mine, () =>
        orders.query(
          `insert into orders.order_metrics_pending (tenant_id, slot_start, provider, currency, orders, accepted_orders,
             decided_orders, accept_seconds, revenue_orders, revenue) values ($1, now(), 'CAREEM', 'KWD', 1, 0, 0, 0, 0, 0)`,
          [theirs],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('backfills the orders written before it exists (the migration)', async () => {
    const tenants = [randomUUID(), randomUUID()];
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    const migrations = [new OrderMetricsRollup1795920000007(), new OrderMetricsFoldOnce1795920000008()];
    const runner = { query: (sql: string) => owner.query(sql) } as unknown as QueryRunner;
    const seeded = fc.sample(fc.array(aNewOrder, { minLength: 300, maxLength: 300 }), { numRuns: 1, seed: 7 })[0]!;
    try {
      await owner.query('begin');
      for (const migration of [...migrations].reverse()) await migration.down(runner);
      await owner.query('commit');
      for (const [i, tenantId] of tenants.entries()) {
        await inTenant(orders, tenantId, () =>
          orders.query(INSERT_ORDER, [tenantId, JSON.stringify(seeded.slice(i * 150, i * 150 + 150))]),
        );
      }
      await owner.query('begin');
      for (const migration of migrations) await migration.up(runner);
      await owner.query('commit');
    } catch (error) {
      await owner.query('rollback');
      throw error;
    } finally {
      await owner.end();
    }
    const [{ n }] = await db.queryAsAdmin<{ n: number }>(
      'select sum(orders)::int as n from orders.order_metrics where tenant_id = any($1::uuid[])',
      [tenants],
    );
    expect(n).toBe(seeded.filter((order) => !order.test).length);
    expect(await differences(tenants)).toEqual([]);
    // The orders table is forced under row-level security again.
    expect(
      await db.queryAsAdmin(
        `select relname, relforcerowsecurity from pg_class where oid in ('orders.orders'::regclass, 'orders.order_metrics'::regclass) order by relname`,
      ),
    ).toEqual([
      { relname: 'order_metrics', relforcerowsecurity: true },
      { relname: 'orders', relforcerowsecurity: true },
    ]);
  });
});
