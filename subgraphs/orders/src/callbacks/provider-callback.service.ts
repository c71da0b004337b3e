import { noOrderChanges, type OrderChanges } from '../orders/order-changes';
import { randomUUID } from 'node:crypto';
import { appError, inTenantTransaction, type Identity } from '@nexara/kit';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { batchItemError } from '../common/batch-item-error';
import { inSavepoint } from '../common/savepoint';
import { orderReaderTenantId, serviceTenantId } from '../orders/order-access';
import { isUuid } from '../orders/order-cursor';
import { OrderEntity } from '../orders/order.entity';
import { OrderEventEntity } from '../orders/order-event.entity';
import { insertRowsAsJson } from '../common/json-insert';
import { orderNotFound } from '../orders/order.errors';
import { appendTimeline, bumpOrderVersions, lockOrder, lockOrders, updateOrder } from '../orders/order.repository';
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
    if (valid.length > 0) {
      // All together first; when the database refuses one of them (nothing of the batch committed then), one at a
      // time, each under a savepoint, so the refusal is answered alone and the others are recorded.
      const recorded =
        (await inTenantTransaction(this.dataSource, { tenantId }, (manager) =>
          recordAllInTransaction(manager, tenantId, valid),
        ).catch((error: unknown) => {
          if (refusedByDatabase(error)) return null;
          throw error;
        })) ??
        (await inTenantTransaction(this.dataSource, { tenantId }, async (manager) => {
          const one: ProviderCallbackBatchResult[] = [];
          for (const { orderId, record } of valid) {
            try {
              const order = await inSavepoint(manager, 'callback_record', () =>
                recordInTransaction(manager, tenantId, orderId, record),
              );
              one.push({ order, error: null });
            } catch (error) {
              one.push(refused(error));
            }
          }
          return one;
        }));
      valid.forEach(({ index }, i) => (results[index] = recorded[i]!));
    }
    // Copies were returned (each report its own version of the order), so every announcement names its version.
    for (const { index } of valid) {
      const { order } = results[index]!;
      if (order) this.changes(tenantId, order.id, order.version);
    }
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

/** A statement refused for its data (SQLSTATE class 22, data exception, or 23, integrity constraint violation). */
function refusedByDatabase(error: unknown): boolean {
  const code = error instanceof QueryFailedError ? (error.driverError as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

function refused(error: unknown): ProviderCallbackBatchResult {
  return { order: null, error: batchItemError(error, 'The report could not be recorded; it may be retried.') };
}

/**
 * A batch's reports (sorted by order) in a transaction the caller holds, each
 * as `recordInTransaction` records it, in four statements whatever their
 * number: the orders locked, the rows inserted, the versions (a report
 * changes nothing of the order but its version), the timeline entries. At
 * 500 deliveries a second a fifth of them were such reports, and one at a
 * time each cost a savepoint and five round trips (endToEnd, `npm run bench`).
 * A report whose order is not there is answered NOT_FOUND and writes nothing.
 */
async function recordAllInTransaction(
  manager: EntityManager,
  tenantId: string,
  reports: readonly { orderId: string; record: ProviderCallbackRecord }[],
): Promise<ProviderCallbackBatchResult[]> {
  const orders = new Map(
    (await lockOrders(manager, tenantId, [...new Set(reports.map((r) => r.orderId))])).map((o) => [o.id, o]),
  );
  const kept = reports.filter((report) => orders.has(report.orderId));
  const inserted = await insertRowsAsJson(
    manager,
    OrderCallbackEntity,
    kept.map(({ orderId, record }) => ({ tenantId, id: randomUUID(), orderId, ...record })),
    { returning: ['at'] },
  );
  const reportsPerOrder = new Map<string, number>();
  for (const { orderId } of kept) reportsPerOrder.set(orderId, (reportsPerOrder.get(orderId) ?? 0) + 1);
  await bumpOrderVersions(manager, tenantId, reportsPerOrder);

  const timeline: Partial<OrderEventEntity>[] = [];
  const nextVersion = new Map<string, number>();
  const recorded = kept.map(({ orderId, record }, i) => {
    const order = orders.get(orderId)!;
    const version = (nextVersion.get(orderId) ?? order.version) + 1;
    nextVersion.set(orderId, version);
    const at = inserted[i]!['at'] as Date;
    const note = callbackTimelineNote(order.provider, record);
    if (note !== null) {
      timeline.push({
        tenantId,
        id: randomUUID(),
        orderId,
        orderVersion: version,
        status: order.status,
        at,
        source: 'SYSTEM',
        actor: CALLBACK_TIMELINE_ACTOR,
        note,
      });
    }
    // A copy per report: two reports of one order are two versions of it.
    return Object.assign(Object.create(OrderEntity.prototype) as OrderEntity, order, { version });
  });
  await insertRowsAsJson(manager, OrderEventEntity, timeline);
  let next = 0;
  return reports.map(({ orderId }) =>
    orders.has(orderId) ? { order: recorded[next++]!, error: null } : refused(orderNotFound(orderId)),
  );
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
