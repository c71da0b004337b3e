import { randomUUID } from 'node:crypto';
import type { OrderStatus } from '@nexara/kit';
import type { EntityManager } from 'typeorm';
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
  if (ids.length === 0) return [];
  return manager
    .createQueryBuilder(OrderEntity, 'o')
    .where('o.tenant_id = :tenantId', { tenantId })
    .andWhere('o.id in (:...ids)', { ids })
    .getMany();
}

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

export type TimelineEntry = {
  status: OrderStatus;
  at: Date;
  source: OrderEventSource;
  actor: string | null;
  note: string | null;
};

export async function appendTimeline(
  manager: EntityManager,
  tenantId: string,
  orderId: string,
  entries: readonly TimelineEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  // One statement: identity values follow the row order, which keeps a multi-step jump in step order.
  await manager.insert(
    OrderEventEntity,
    entries.map((entry) => ({ tenantId, id: randomUUID(), orderId, ...entry })),
  );
}

export async function updateOrder(
  manager: EntityManager,
  tenantId: string,
  id: string,
  changes: Partial<Pick<OrderEntity, 'status' | 'acceptedAt' | 'prepMinutes' | 'updatedAt'>>,
): Promise<void> {
  await manager.update(OrderEntity, { tenantId, id }, changes);
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
