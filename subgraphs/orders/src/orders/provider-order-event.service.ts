import { noOrderChanges, type OrderChanges } from './order-changes';
import { appError, inTenantTransaction, orderIdFor, requireService, type Identity } from '@nexara/kit';
import { GraphQLError } from 'graphql';
import type { DataSource, EntityManager } from 'typeorm';
import type { ProviderOrderEventInput } from './order.inputs';
import { OrderEntity } from './order.entity';
import { appendTimeline, findOrder, lockOrder, updateOrder } from './order.repository';
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
    for (const { index, event, orderId } of valid) {
      await manager.query('savepoint provider_event');
      try {
        const result = await applyInTransaction(manager, tenantId, orderId, event);
        await manager.query('release savepoint provider_event');
        results[index] = { ...result, error: null };
        if ((result.outcome === 'CREATED' || result.outcome === 'ADVANCED') && result.order) {
          announced.push({ orderId, version: result.order.version });
        }
      } catch (error) {
        await manager.query('rollback to savepoint provider_event');
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

function failed(error: unknown): ProviderOrderEventBatchResult {
  const code =
    error instanceof GraphQLError && typeof error.extensions['code'] === 'string'
      ? error.extensions['code']
      : 'INTERNAL_SERVER_ERROR';
  const message = error instanceof GraphQLError ? error.message : 'The event could not be applied; it may be retried.';
  return { outcome: null, order: null, error: { code, message } };
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
  const { order } = event;
  // ON CONFLICT DO NOTHING: a second ORDER_PLACED for the same provider order (another key, or a race) changes nothing.
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(OrderEntity)
    .values({
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
      test: event.test,
    })
    .orIgnore()
    .returning(['id'])
    .execute();
  const created = (inserted.raw as unknown[]).length > 0;
  if (created) {
    await appendTimeline(manager, tenantId, orderId, 1, [
      {
        status: 'RECEIVED',
        at: event.occurredAt,
        source: 'PROVIDER',
        actor: event.provider,
        note: withProviderNote(`${event.provider} placed order ${order.displayCode}`, event.note),
      },
    ]);
  }
  return { outcome: created ? 'CREATED' : 'UNCHANGED', order: await findOrder(manager, tenantId, orderId) };
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
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(ProviderEventEntity)
    .values({
      tenantId,
      connectionId: event.connectionId,
      eventKey: event.eventKey,
      orderId,
      kind: event.kind,
      status: event.kind === 'STATUS_CHANGED' ? event.status : 'RECEIVED',
      outcome,
      occurredAt: event.occurredAt,
    })
    .orIgnore()
    .returning(['event_key'])
    .execute();
  return (inserted.raw as unknown[]).length > 0;
}
