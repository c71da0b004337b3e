import { randomUUID } from 'node:crypto';
import type { OrderStatus } from '@nexara/kit';
import type { EntityManager } from 'typeorm';
import { insertRowsAsJson } from '../common/json-insert';
import { OrderEventEntity, type OrderEventSource } from './order-event.entity';
import { OrderEntity } from './order.entity';

/**
 * Data access shared by the staff and provider paths. Every function runs on
 * the manager of a tenant transaction (RLS applies) and names the tenant too,
 * so a query never depends on RLS alone to pick the right rows.
 */

export async function findOrders(
  manager: EntityManager,
  tenantId: string,
  ids: readonly string[],
): Promise<OrderEntity[]> {
  return ids.length === 0 ? [] : ordersById(manager, tenantId, ids).getMany();
}

const ordersById = (manager: EntityManager, tenantId: string, ids: readonly string[]) =>
  manager
    .createQueryBuilder(OrderEntity, 'o')
    .where('o.tenant_id = :tenantId', { tenantId })
    .andWhere('o.id in (:...ids)', { ids });

export async function findOrder(manager: EntityManager, tenantId: string, id: string): Promise<OrderEntity | null> {
  const [order] = await findOrders(manager, tenantId, [id]);
  return order ?? null;
}

/** Reads the order and locks its row until the transaction ends, so concurrent changes queue up. */
export async function lockOrder(manager: EntityManager, tenantId: string, id: string): Promise<OrderEntity | null> {
  return manager
    .createQueryBuilder(OrderEntity, 'o')
    .setLock('pessimistic_write')
    .where('o.tenant_id = :tenantId', { tenantId })
    .andWhere('o.id = :id', { id })
    .getOne();
}

/** `lockOrder` for many: the orders there are, locked in id order (two batches cannot deadlock each other). */
export async function lockOrders(
  manager: EntityManager,
  tenantId: string,
  ids: readonly string[],
): Promise<OrderEntity[]> {
  return ids.length === 0
    ? []
    : ordersById(manager, tenantId, ids).setLock('pessimistic_write').orderBy('o.id').getMany();
}

export type TimelineEntry = {
  status: OrderStatus;
  at: Date;
  source: OrderEventSource;
  actor: string | null;
  note: string | null;
};

/** Appends entries written by the order's change `orderVersion` (1 for its arrival, else what `updateOrder` answered). */
export async function appendTimeline(
  manager: EntityManager,
  tenantId: string,
  orderId: string,
  orderVersion: number,
  entries: readonly TimelineEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  // One statement: identity values follow the row order, which keeps a multi-step jump in step order.
  await insertRowsAsJson(
    manager,
    OrderEventEntity,
    entries.map((entry) => ({ tenantId, id: randomUUID(), orderId, orderVersion, ...entry })),
  );
}

export type OrderChangeFields = Partial<Pick<OrderEntity, 'status' | 'acceptedAt' | 'prepMinutes' | 'updatedAt'>>;

/**
 * One change of an order: keeps the state it supersedes in `order_versions`
 * and writes the new one with the next version, in one statement (both parts
 * of a data-modifying WITH see the row as it was). Answers the new version.
 * Every change goes through here, so each has its own version (see the
 * OrderVersions migration); the caller holds the row lock.
 */
export async function updateOrder(
  manager: EntityManager,
  tenantId: string,
  id: string,
  changes: OrderChangeFields,
): Promise<number> {
  const columns: [keyof OrderChangeFields, string][] = [
    ['status', 'status'],
    ['acceptedAt', 'accepted_at'],
    ['prepMinutes', 'prep_minutes'],
    ['updatedAt', 'updated_at'],
  ];
  const given = columns.filter(([key]) => key in changes);
  const assignments = given.map(([, column], i) => `${column} = $${i + 3}, `).join('');
  const rows = (await manager.query(
    `with superseded as (
       insert into orders.order_versions (tenant_id, order_id, version, status, accepted_at, prep_minutes, updated_at)
       select tenant_id, id, version, status, accepted_at, prep_minutes, updated_at
       from orders.orders where tenant_id = $1 and id = $2
     )
     update orders.orders set ${assignments}version = version + 1
     where tenant_id = $1 and id = $2
     returning version`,
    [tenantId, id, ...given.map(([key]) => changes[key] ?? null)],
  )) as [{ version: number }[], number] | { version: number }[];
  const returned = Array.isArray(rows[0]) ? (rows[0] as { version: number }[]) : (rows as { version: number }[]);
  const version = returned[0]?.version;
  if (version === undefined) throw new Error(`order ${id} vanished while locked`);
  return Number(version);
}

/**
 * `updateOrder` with no field changed, `count` times per order, in one
 * statement for many orders: each change keeps the state it supersedes in
 * `order_versions` (the same fields under each version, as nothing but the
 * version changes) and the order ends `count` versions on. The caller holds
 * the row locks.
 */
export async function bumpOrderVersions(
  manager: EntityManager,
  tenantId: string,
  counts: ReadonlyMap<string, number>,
): Promise<void> {
  if (counts.size === 0) return;
  await manager.query(
    `with asked as (select * from unnest($2::uuid[], $3::int[]) as k(id, n)),
     superseded as (
       insert into orders.order_versions (tenant_id, order_id, version, status, accepted_at, prep_minutes, updated_at)
       select o.tenant_id, o.id, o.version + g.i, o.status, o.accepted_at, o.prep_minutes, o.updated_at
         from orders.orders o join asked on asked.id = o.id
        cross join generate_series(0, asked.n - 1) as g(i)
        where o.tenant_id = $1
     )
     update orders.orders o set version = o.version + asked.n
       from asked
      where o.tenant_id = $1 and o.id = asked.id`,
    [tenantId, [...counts.keys()], [...counts.values()]],
  );
}

/**
 * The order as change `version` left it: the row itself when that is its
 * current version, else the row with the changeable fields as they were
 * then. Null when the order has no such version (yet).
 */
export async function findOrderAtVersion(
  manager: EntityManager,
  tenantId: string,
  id: string,
  version: number,
): Promise<OrderEntity | null> {
  const order = await findOrder(manager, tenantId, id);
  if (!order || order.version === version) return order?.version === version ? order : null;
  if (version > order.version || version < 1) return null;
  const [then] = (await manager.query(
    `select status, accepted_at, prep_minutes, updated_at from orders.order_versions
     where tenant_id = $1 and order_id = $2 and version = $3`,
    [tenantId, id, version],
  )) as { status: OrderStatus; accepted_at: Date | null; prep_minutes: number | null; updated_at: Date }[];
  if (!then) return null;
  return Object.assign(order, {
    version,
    status: then.status,
    acceptedAt: then.accepted_at,
    prepMinutes: then.prep_minutes,
    updatedAt: then.updated_at,
  });
}

export type OrderVersionRef = { id: string; version: number };

/**
 * Each ref's order as its change `version` left it (see `findOrderAtVersion`),
 * in the order asked, null where the order has no such version: two
 * statements for any number of refs.
 */
export async function findOrdersAtVersions(
  manager: EntityManager,
  tenantId: string,
  refs: readonly OrderVersionRef[],
): Promise<(OrderEntity | null)[]> {
  const orders = new Map(
    (await findOrders(manager, tenantId, [...new Set(refs.map((ref) => ref.id))])).map((o) => [o.id, o]),
  );
  const older = refs.filter((ref) => {
    const order = orders.get(ref.id);
    return order !== undefined && ref.version >= 1 && ref.version < order.version;
  });
  const then = new Map<
    string,
    { status: OrderStatus; accepted_at: Date | null; prep_minutes: number | null; updated_at: Date }
  >();
  if (older.length > 0) {
    const rows = (await manager.query(
      `select v.order_id, v.version, v.status, v.accepted_at, v.prep_minutes, v.updated_at
       from orders.order_versions v
       join unnest($2::uuid[], $3::int[]) as asked(order_id, version)
         on v.order_id = asked.order_id and v.version = asked.version
       where v.tenant_id = $1`,
      [tenantId, older.map((ref) => ref.id), older.map((ref) => ref.version)],
    )) as {
      order_id: string;
      version: number;
      status: OrderStatus;
      accepted_at: Date | null;
      prep_minutes: number | null;
      updated_at: Date;
    }[];
    for (const row of rows) then.set(`${row.order_id}@${Number(row.version)}`, row);
  }
  return refs.map((ref) => {
    const order = orders.get(ref.id);
    if (!order) return null;
    if (ref.version === order.version) return order;
    const row = then.get(`${ref.id}@${ref.version}`);
    if (!row) return null;
    // A copy: several refs may name versions of one order.
    return Object.assign(Object.create(OrderEntity.prototype) as OrderEntity, order, {
      version: ref.version,
      status: row.status,
      acceptedAt: row.accepted_at,
      prepMinutes: row.prep_minutes,
      updatedAt: row.updated_at,
    });
  });
}

export async function timelinesOf(
  manager: EntityManager,
  tenantId: string,
  orderIds: readonly string[],
): Promise<Map<string, OrderEventEntity[]>> {
  const timelines = new Map<string, OrderEventEntity[]>(orderIds.map((id) => [id, []]));
  if (orderIds.length === 0) return timelines;
  const events = await manager
    .createQueryBuilder(OrderEventEntity, 'e')
    .where('e.tenant_id = :tenantId', { tenantId })
    .andWhere('e.order_id in (:...orderIds)', { orderIds })
    .orderBy('e.at', 'ASC')
    .addOrderBy('e.seq', 'ASC')
    .getMany();
  for (const event of events) timelines.get(event.orderId)?.push(event);
  return timelines;
}
