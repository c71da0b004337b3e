import { noOrderChanges, type OrderChanges } from '../events/order-changes';
import { appError, inTenantTransaction, orderIdFor, requireService, type Identity } from '@nexara/kit';
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
      const applied = await inTenantTransaction<ProviderOrderEventResult>(
        this.dataSource,
        { tenantId },
        async (manager) => {
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
        },
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
