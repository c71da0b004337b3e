import { noOrderChanges, type OrderChanges } from './order-changes';
import { appError, inTenantTransaction, orderIdFor, requireService, type Identity } from '@nexara/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { ProviderOrderEventInput } from './order.inputs';
import { OrderEntity } from './order.entity';
import { randomUUID } from 'node:crypto';
import { batchItemError } from '../common/batch-item-error';
import { inSavepoint } from '../common/savepoint';
import { insertRowsAsJson } from '../common/json-insert';
import { OrderEventEntity } from './order-event.entity';
import { appendTimeline, findOrder, findOrders, lockOrder, updateOrder, type TimelineEntry } from './order.repository';
import { providerTransition } from './order-status.machine';
import { ProviderEventEntity, type ProviderEventOutcome } from './provider-event.entity';
import { validateProviderOrderEvent, type ValidProviderOrderEvent } from './provider-order-event.validation';

export type ProviderOrderEventResult = { order: OrderEntity | null; outcome: ProviderEventOutcome };

/** Thrown inside the transaction when a concurrent delivery of the same event committed first. */
class AlreadyApplied extends Error {}

/**
 * Applies what a provider told us (through the integrations worker) to an
 * order: create it, or move it forward. Idempotent per (connection, event
 * key): the receipt is written in the same transaction as the change.
 */
export class ProviderOrderEventService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: OrderChanges = noOrderChanges,
  ) {}

  async applyProviderOrderEvent(identity: Identity, input: ProviderOrderEventInput): Promise<ProviderOrderEventResult> {
    const service = requireService(identity);
    if (!service.tenantId) {
      throw appError(
        'BAD_USER_INPUT',
        'Provider events apply in a tenant: the service identity must carry the tenantId of the connection.',
      );
    }
    const tenantId = service.tenantId;
    const event = validateProviderOrderEvent(input);
    const orderId = orderIdOf(event);

    try {
      const applied = await inTenantTransaction<ProviderOrderEventResult>(this.dataSource, { tenantId }, (manager) =>
        applyInTransaction(manager, tenantId, orderId, event),
      );
      if ((applied.outcome === 'CREATED' || applied.outcome === 'ADVANCED') && applied.order) {
        this.changes(tenantId, orderId, applied.order.version);
      }
      return applied;
    } catch (error) {
      if (!(error instanceof AlreadyApplied)) throw error;
      const order = await inTenantTransaction(this.dataSource, { tenantId }, (m) => findOrder(m, tenantId, orderId));
      return { outcome: 'DUPLICATE', order };
    }
  }

  /** See `applyProviderOrderEvents`: many events, one transaction, one savepoint each. */
  async applyProviderOrderEvents(
    identity: Identity,
    inputs: readonly ProviderOrderEventInput[],
  ): Promise<ProviderOrderEventBatchResult[]> {
    return applyProviderOrderEvents(this.dataSource, this.changes, identity, inputs);
  }
}

/** One event of a batch: what it did, or why it could not be applied (nothing of it was written). */
export type ProviderOrderEventBatchResult =
  | (ProviderOrderEventResult & { error: null })
  | { outcome: null; order: null; error: { code: string; message: string } };

/** At most this many events per `applyProviderOrderEvents` call (the worker sends what one take of its queue holds). */
export const MAX_PROVIDER_EVENT_BATCH = 500;

/**
 * Many events of one tenant in one transaction, each exactly as
 * `applyProviderOrderEvent` would apply it (same receipts, so the same
 * idempotency), each under its own savepoint: an event that fails (its order
 * not there yet, invalid input) is rolled back alone and answered with its
 * error, and the others commit. Events of one order are applied in the order
 * given; the batch is walked grouped by order (a stable sort), so concurrent
 * batches lock rows in the same order and cannot deadlock each other.
 * Answers one result per input, in input order.
 */
export async function applyProviderOrderEvents(
  dataSource: DataSource,
  changes: OrderChanges,
  identity: Identity,
  inputs: readonly ProviderOrderEventInput[],
): Promise<ProviderOrderEventBatchResult[]> {
  const service = requireService(identity);
  if (!service.tenantId) {
    throw appError(
      'BAD_USER_INPUT',
      'Provider events apply in a tenant: the service identity must carry the tenantId of the connection.',
    );
  }
  if (inputs.length > MAX_PROVIDER_EVENT_BATCH) {
    throw appError('BAD_USER_INPUT', `At most ${MAX_PROVIDER_EVENT_BATCH} events per call.`);
  }
  const tenantId = service.tenantId;
  const results: ProviderOrderEventBatchResult[] = new Array(inputs.length);
  const valid: { index: number; event: ValidProviderOrderEvent; orderId: string }[] = [];
  inputs.forEach((input, index) => {
    try {
      const event = validateProviderOrderEvent(input);
      valid.push({ index, event, orderId: orderIdOf(event) });
    } catch (error) {
      results[index] = failed(error);
    }
  });
  valid.sort((a, b) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : a.index - b.index));

  const announced: { orderId: string; version: number }[] = [];
  await inTenantTransaction(dataSource, { tenantId }, async (manager) => {
    // New orders first, a few statements for all of them (see `placeOrders`); what they leave is applied one by one.
    const { placed, rest } = splitNewOrders(valid);
    const bulk = placed.length > 1 ? await placeOrders(manager, tenantId, placed) : null;
    for (const [index, result] of bulk ?? []) {
      results[index] = { ...result, error: null };
      if (result.outcome === 'CREATED' && result.order) {
        announced.push({ orderId: result.order.id, version: result.order.version });
      }
    }
    for (const { index, event, orderId } of bulk ? rest : valid) {
      try {
        const result = await inSavepoint(manager, 'provider_event', () =>
          applyInTransaction(manager, tenantId, orderId, event),
        );
        results[index] = { ...result, error: null };
        if ((result.outcome === 'CREATED' || result.outcome === 'ADVANCED') && result.order) {
          announced.push({ orderId, version: result.order.version });
        }
      } catch (error) {
        // A concurrent delivery of the same event committed first: a duplicate, as applyProviderOrderEvent answers it.
        results[index] =
          error instanceof AlreadyApplied
            ? { outcome: 'DUPLICATE', order: await findOrder(manager, tenantId, orderId), error: null }
            : failed(error);
      }
    }
  });
  for (const { orderId, version } of announced) changes(tenantId, orderId, version);
  return results;
}

type BatchEvent = { index: number; event: ValidProviderOrderEvent; orderId: string };
type PlacedBatchEvent = BatchEvent & { event: Extract<ValidProviderOrderEvent, { kind: 'ORDER_PLACED' }> };

/**
 * The events `placeOrders` can take together: each ORDER_PLACED that is the
 * first event of its order in the batch and the first with its receipt key.
 * Everything else (status changes, later events of those orders, repeats)
 * comes after them, one by one, in the batch's order: per order, events
 * still apply in the order given. `valid` is sorted by order id.
 */
function splitNewOrders(valid: readonly BatchEvent[]): { placed: PlacedBatchEvent[]; rest: BatchEvent[] } {
  const placed: PlacedBatchEvent[] = [];
  const rest: BatchEvent[] = [];
  const keys = new Set<string>();
  valid.forEach((item, i) => {
    const key = `${item.event.connectionId} ${item.event.eventKey}`;
    const firstOfOrder = i === 0 || valid[i - 1]!.orderId !== item.orderId;
    if (item.event.kind === 'ORDER_PLACED' && firstOfOrder && !keys.has(key)) {
      placed.push(item as PlacedBatchEvent);
    } else {
      rest.push(item);
    }
    keys.add(key);
  });
  return { placed, rest };
}

/**
 * New orders of a batch in a handful of statements instead of six round trips
 * each (a provider burst is mostly new orders: measured in `npm run bench`,
 * endToEnd, the per-event statements were most of the orders subgraph's
 * CPU): their receipts looked up at once, the orders inserted by one
 * statement (ON CONFLICT DO NOTHING, in order id order like the rest of the
 * batch), their arrival entries by one, their receipts by one, then read
 * back by one. The outcomes are exactly `applyInTransaction`'s. Under a
 * savepoint of its own: if any of it fails (one invalid row, a concurrent
 * delivery of the same event committing first), nothing of it stays and the
 * answer is null: the caller applies these events one by one, each under its
 * own savepoint, so one failing event still fails alone.
 */
async function placeOrders(
  manager: EntityManager,
  tenantId: string,
  placed: readonly PlacedBatchEvent[],
): Promise<Map<number, ProviderOrderEventResult> | null> {
  try {
    return await inSavepoint(manager, 'provider_events_bulk', async () => {
      const outcomes = new Map<number, { outcome: ProviderEventOutcome; orderId: string }>();
      const seen = (await manager.query(
        `select r.connection_id, r.event_key, r.order_id
           from orders.provider_events r
           join unnest($2::uuid[], $3::text[]) as k(connection_id, event_key)
             on r.connection_id = k.connection_id and r.event_key = k.event_key
          where r.tenant_id = $1`,
        [tenantId, placed.map((p) => p.event.connectionId), placed.map((p) => p.event.eventKey)],
      )) as { connection_id: string; event_key: string; order_id: string }[];
      const seenOrder = new Map(seen.map((row) => [`${row.connection_id} ${row.event_key}`, row.order_id]));
      const fresh = placed.filter(({ index, event }) => {
        const orderId = seenOrder.get(`${event.connectionId} ${event.eventKey}`);
        if (orderId) outcomes.set(index, { outcome: 'DUPLICATE', orderId });
        return !orderId;
      });
      if (fresh.length) {
        const inserted = await insertRowsAsJson(
          manager,
          OrderEntity,
          fresh.map(({ event, orderId }) => newOrderRow(tenantId, orderId, event)),
          { returning: ['id'], ignoreConflicts: true },
        );
        const created = new Set(inserted.map((row) => row['id'] as string));
        const arrivals = fresh
          .filter(({ orderId }) => created.has(orderId))
          .map(({ event, orderId }) => ({
            tenantId,
            id: randomUUID(),
            orderId,
            orderVersion: 1,
            ...arrivalEntry(event),
          }));
        await insertRowsAsJson(manager, OrderEventEntity, arrivals);
        for (const { index, orderId } of fresh) {
          outcomes.set(index, { outcome: created.has(orderId) ? 'CREATED' : 'UNCHANGED', orderId });
        }
        const receipts = await insertRowsAsJson(
          manager,
          ProviderEventEntity,
          fresh.map(({ index, event, orderId }) => receiptRow(tenantId, orderId, event, outcomes.get(index)!.outcome)),
          { returning: ['event_key'], ignoreConflicts: true },
        );
        // A concurrent delivery of one of these events committed first: let the one-by-one path sort it out.
        if (receipts.length !== fresh.length) throw new AlreadyApplied();
      }
      const orders = new Map(
        (await findOrders(manager, tenantId, [...new Set([...outcomes.values()].map((o) => o.orderId))])).map(
          (order) => [order.id, order],
        ),
      );
      return new Map(
        [...outcomes].map(([index, { outcome, orderId }]) => [index, { outcome, order: orders.get(orderId) ?? null }]),
      );
    });
  } catch {
    return null;
  }
}

function failed(error: unknown): ProviderOrderEventBatchResult {
  return {
    outcome: null,
    order: null,
    error: batchItemError(error, 'The event could not be applied; it may be retried.'),
  };
}

/** One event in a transaction the caller holds: the receipt check, the change, the receipt. */
async function applyInTransaction(
  manager: EntityManager,
  tenantId: string,
  orderId: string,
  event: ValidProviderOrderEvent,
): Promise<ProviderOrderEventResult> {
  const seen = await manager.findOne(ProviderEventEntity, {
    where: { tenantId, connectionId: event.connectionId, eventKey: event.eventKey },
  });
  if (seen) return { outcome: 'DUPLICATE', order: await findOrder(manager, tenantId, seen.orderId) };
  const result =
    event.kind === 'ORDER_PLACED'
      ? await placeOrder(manager, tenantId, orderId, event)
      : await changeStatus(manager, tenantId, orderId, event);
  if (!(await recordReceipt(manager, tenantId, orderId, event, result.outcome))) throw new AlreadyApplied();
  return result;
}

/** The order an event is about: named by Nexara's id, or derived from (connection, provider order id) as at ingest. */
function orderIdOf(event: ValidProviderOrderEvent): string {
  if (event.kind === 'ORDER_PLACED') return orderIdFor(event.connectionId, event.externalId);
  const { target } = event;
  return target.by === 'orderId' ? target.orderId : orderIdFor(event.connectionId, target.externalId);
}

async function placeOrder(
  manager: EntityManager,
  tenantId: string,
  orderId: string,
  event: Extract<ValidProviderOrderEvent, { kind: 'ORDER_PLACED' }>,
): Promise<ProviderOrderEventResult> {
  // ON CONFLICT DO NOTHING: a second ORDER_PLACED for the same provider order (another key, or a race) changes nothing.
  const inserted = await insertRowsAsJson(manager, OrderEntity, [newOrderRow(tenantId, orderId, event)], {
    returning: ['id'],
    ignoreConflicts: true,
  });
  const created = inserted.length > 0;
  if (created) await appendTimeline(manager, tenantId, orderId, 1, [arrivalEntry(event)]);
  return { outcome: created ? 'CREATED' : 'UNCHANGED', order: await findOrder(manager, tenantId, orderId) };
}

/** The row a new order starts as. */
function newOrderRow(
  tenantId: string,
  orderId: string,
  event: Extract<ValidProviderOrderEvent, { kind: 'ORDER_PLACED' }>,
): Partial<OrderEntity> {
  const { order } = event;
  return {
    tenantId,
    id: orderId,
    connectionId: event.connectionId,
    provider: event.provider,
    externalId: event.externalId,
    displayCode: order.displayCode,
    status: 'RECEIVED',
    placedAt: order.placedAt,
    acceptBy: order.acceptBy,
    acceptedAt: null,
    prepMinutes: null,
    currency: order.currency,
    subtotal: order.subtotal,
    deliveryFee: order.deliveryFee,
    discount: order.discount,
    tax: order.tax,
    tip: order.tip,
    total: order.total,
    customer: order.customer,
    delivery: order.delivery,
    items: order.items,
    payment: order.payment,
    notes: order.notes,
    warnings: order.warnings,
    menuWarnings: event.menuWarnings,
    test: event.test,
  };
}

/** The timeline entry of an order's arrival (its version 1). */
function arrivalEntry(event: Extract<ValidProviderOrderEvent, { kind: 'ORDER_PLACED' }>): TimelineEntry {
  return {
    status: 'RECEIVED',
    at: event.occurredAt,
    source: 'PROVIDER',
    actor: event.provider,
    note: withProviderNote(`${event.provider} placed order ${event.order.displayCode}`, event.note),
  };
}

async function changeStatus(
  manager: EntityManager,
  tenantId: string,
  orderId: string,
  event: Extract<ValidProviderOrderEvent, { kind: 'STATUS_CHANGED' }>,
): Promise<ProviderOrderEventResult> {
  const order = await lockOrder(manager, tenantId, orderId);
  // An order of another connection is unknown to this one: a connection's events never move another's orders.
  if (!order || order.connectionId !== event.connectionId) {
    // The ORDER_PLACED event may still be on its way: the worker retries; nothing is recorded meanwhile.
    const { target, connectionId } = event;
    const [named, extensions] =
      target.by === 'orderId'
        ? [`with id ${target.orderId}`, { orderId: target.orderId, connectionId }]
        : [target.externalId, { externalId: target.externalId, connectionId }];
    throw appError('NOT_FOUND', `No order ${named} from connection ${connectionId} yet.`, extensions);
  }
  const transition = providerTransition(order.status, event.status);
  if (transition.kind === 'unchanged') return { outcome: 'UNCHANGED', order };
  if (transition.kind === 'ignored') {
    return { outcome: transition.reason === 'FINAL' ? 'IGNORED_FINAL' : 'IGNORED_BACKWARD', order };
  }

  const { path } = transition;
  const jump = path.length > 1 ? ` (jumped ${order.status} -> ${event.status})` : '';
  const changes: Partial<OrderEntity> = { status: path[path.length - 1], updatedAt: new Date() };
  if (path.includes('ACCEPTED') && !order.acceptedAt) changes.acceptedAt = event.occurredAt;
  const version = await updateOrder(manager, tenantId, orderId, changes);
  await appendTimeline(
    manager,
    tenantId,
    orderId,
    version,
    path.map((status) => ({
      status,
      at: event.occurredAt,
      source: 'PROVIDER' as const,
      actor: event.provider,
      note: withProviderNote(`${event.provider} reported ${event.status}${jump}`, event.note),
    })),
  );
  return { outcome: 'ADVANCED', order: Object.assign(order, changes, { version }) };
}

function withProviderNote(summary: string, note: string | null): string {
  return note ? `${summary}: ${note}` : summary;
}

/** False when the same event's receipt already exists (a concurrent delivery committed first). */
async function recordReceipt(
  manager: EntityManager,
  tenantId: string,
  orderId: string,
  event: ValidProviderOrderEvent,
  outcome: ProviderEventOutcome,
): Promise<boolean> {
  const inserted = await insertRowsAsJson(
    manager,
    ProviderEventEntity,
    [receiptRow(tenantId, orderId, event, outcome)],
    {
      returning: ['event_key'],
      ignoreConflicts: true,
    },
  );
  return inserted.length > 0;
}

function receiptRow(
  tenantId: string,
  orderId: string,
  event: ValidProviderOrderEvent,
  outcome: ProviderEventOutcome,
): Partial<ProviderEventEntity> {
  return {
    tenantId,
    connectionId: event.connectionId,
    eventKey: event.eventKey,
    orderId,
    kind: event.kind,
    status: event.kind === 'STATUS_CHANGED' ? event.status : 'RECEIVED',
    outcome,
    occurredAt: event.occurredAt,
  };
}
