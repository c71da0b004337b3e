import { noOrderChanges, type OrderChanges } from '../orders/order-changes';
import { randomUUID } from 'node:crypto';
import { inTenantTransaction, type Identity } from '@nexara/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { orderReaderTenantId, serviceTenantId } from '../orders/order-access';
import { isUuid } from '../orders/order-cursor';
import type { OrderEntity } from '../orders/order.entity';
import { orderNotFound } from '../orders/order.errors';
import { appendTimeline, updateOrder, lockOrder } from '../orders/order.repository';
import { OrderCallbackEntity } from './order-callback.entity';
import {
  callbackTimelineNote,
  validateProviderCallbackRecord,
  type ProviderCallbackRecord,
  type ProviderCallbackRecordInput,
} from './provider-callback.record';

/** The timeline actor of entries about provider callbacks. */
export const CALLBACK_TIMELINE_ACTOR = 'provider-callback';

/** Records what the integrations worker reports about provider callbacks, and reads them back per order. */
export class ProviderCallbackService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: OrderChanges = noOrderChanges,
  ) {}

  /**
   * Every report is a row; the final ones (delivered, failed, not supported)
   * also go on the timeline with the order's status at that moment.
   */
  async recordProviderCallback(
    identity: Identity,
    input: ProviderCallbackRecordInput & { orderId: string },
  ): Promise<OrderEntity> {
    const tenantId = serviceTenantId(identity);
    const record = validateProviderCallbackRecord(input);
    if (!isUuid(input.orderId)) throw orderNotFound(input.orderId);
    const orderId = input.orderId.toLowerCase();
    const recorded = await inTenantTransaction(this.dataSource, { tenantId }, async (manager) => {
      // Locked so the status written on the timeline is the one the order has when this commits.
      const order = await lockOrder(manager, tenantId, orderId);
      if (!order) throw orderNotFound(input.orderId);
      const at = await insertCallback(manager, tenantId, order.id, record);
      // A report changes the order as subscribers see it (its callbacks), so it is a version of its own.
      const version = await updateOrder(manager, tenantId, order.id, {});
      const note = callbackTimelineNote(order.provider, record);
      if (note !== null) {
        await appendTimeline(manager, tenantId, order.id, version, [
          { status: order.status, at, source: 'SYSTEM', actor: CALLBACK_TIMELINE_ACTOR, note },
        ]);
      }
      return Object.assign(order, { version });
    });
    this.changes(tenantId, recorded.id, recorded.version);
    return recorded;
  }

  /** Each order's callback reports, oldest first. */
  async callbacks(identity: Identity, orderIds: readonly string[]): Promise<Map<string, OrderCallbackEntity[]>> {
    const tenantId = orderReaderTenantId(identity);
    const byOrder = new Map<string, OrderCallbackEntity[]>(orderIds.map((id) => [id, []]));
    if (orderIds.length === 0) return byOrder;
    const rows = await inTenantTransaction(this.dataSource, { tenantId }, (manager) =>
      manager
        .createQueryBuilder(OrderCallbackEntity, 'c')
        .where('c.tenant_id = :tenantId', { tenantId })
        .andWhere('c.order_id in (:...orderIds)', { orderIds })
        .orderBy('c.at', 'ASC')
        .addOrderBy('c.id', 'ASC')
        .getMany(),
    );
    for (const row of rows) byOrder.get(row.orderId)?.push(row);
    return byOrder;
  }
}

/** Inserts the report and answers the database's time of it, which the timeline entry shares. */
async function insertCallback(
  manager: EntityManager,
  tenantId: string,
  orderId: string,
  record: ProviderCallbackRecord,
): Promise<Date> {
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(OrderCallbackEntity)
    .values({ tenantId, id: randomUUID(), orderId, ...record })
    .returning(['at'])
    .execute();
  const [row] = inserted.raw as { at: Date }[];
  if (!row) throw new Error('order_callbacks insert returned no row');
  return row.at;
}
