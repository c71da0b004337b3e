import { noOrderChanges, type OrderChanges } from '../orders/order-changes';
import { randomUUID } from 'node:crypto';
import { appError, inTenantTransaction, type Identity } from '@nexara/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { batchItemError } from '../common/batch-item-error';
import { inSavepoint } from '../common/savepoint';
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
    const recorded = await inTenantTransaction(this.dataSource, { tenantId }, (manager) =>
      recordInTransaction(manager, tenantId, input.orderId, record),
    );
    this.changes(tenantId, recorded.id, recorded.version);
    return recorded;
  }

  /**
   * Many reports of one tenant in one transaction, each as
   * `recordProviderCallback` records it; one that fails (its order is not
   * there, its input is refused) is rolled back alone and answered with its
   * error. Two reports of one order are recorded in input order, and the
   * announcements go out after the commit. The worker sends what
   * its callbacks report in one turn together: one request and one commit
   * instead of one each.
   */
  async recordProviderCallbacks(
    identity: Identity,
    inputs: readonly (ProviderCallbackRecordInput & { orderId: string })[],
  ): Promise<ProviderCallbackBatchResult[]> {
    const tenantId = serviceTenantId(identity);
    if (inputs.length > MAX_CALLBACK_RECORD_BATCH) {
      throw appError('BAD_USER_INPUT', `At most ${MAX_CALLBACK_RECORD_BATCH} callback reports per call.`);
    }
    const results: ProviderCallbackBatchResult[] = new Array(inputs.length);
    const valid: { index: number; orderId: string; record: ProviderCallbackRecord }[] = [];
    inputs.forEach((input, index) => {
      try {
        const record = validateProviderCallbackRecord(input);
        if (!isUuid(input.orderId)) throw orderNotFound(input.orderId);
        valid.push({ index, orderId: input.orderId.toLowerCase(), record });
      } catch (error) {
        results[index] = refused(error);
      }
    });
    // Walked by order (a stable sort: one order's reports keep their order), so two batches lock rows in the same
    // order and cannot deadlock each other.
    valid.sort((a, b) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : a.index - b.index));
    const announced: OrderEntity[] = [];
    if (valid.length > 0) {
      await inTenantTransaction(this.dataSource, { tenantId }, async (manager) => {
        for (const { index, orderId, record } of valid) {
          try {
            const order = await inSavepoint(manager, 'callback_record', () =>
              recordInTransaction(manager, tenantId, orderId, record),
            );
            results[index] = { order, error: null };
            announced.push(order);
          } catch (error) {
            results[index] = refused(error);
          }
        }
      });
    }
    // Copies were returned (each report its own version of the order), so every announcement names its version.
    for (const order of announced) this.changes(tenantId, order.id, order.version);
    return results;
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

/** Reports per `recordProviderCallbacks` call: a moment's callbacks of one tenant, well under a second of work. */
export const MAX_CALLBACK_RECORD_BATCH = 200;

/** One report of a batch: the order as it left it, or why it was not recorded (nothing of it was written). */
export type ProviderCallbackBatchResult =
  { order: OrderEntity; error: null } | { order: null; error: { code: string; message: string } };

function refused(error: unknown): ProviderCallbackBatchResult {
  return { order: null, error: batchItemError(error, 'The report could not be recorded; it may be retried.') };
}

/** One report in a transaction the caller holds: the row, a version of the order, a timeline entry if final. */
async function recordInTransaction(
  manager: EntityManager,
  tenantId: string,
  orderIdInput: string,
  record: ProviderCallbackRecord,
): Promise<OrderEntity> {
  const orderId = orderIdInput.toLowerCase();
  // Locked so the status written on the timeline is the one the order has when this commits.
  const order = await lockOrder(manager, tenantId, orderId);
  if (!order) throw orderNotFound(orderIdInput);
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
