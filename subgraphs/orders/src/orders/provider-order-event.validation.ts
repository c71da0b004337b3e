import { appError, type OrderStatus } from '@nexara/kit';
import {
  canonicalOrderProblems,
  orderTotalsWarnings,
  providerOrderEventSchema,
  totalsOverflow,
  type CanonicalOrder,
  type MenuWarning,
  type Provider,
} from '@nexara/providers';
import type { ProviderOrderEventInput } from './order.inputs';

/** The canonical order (packages/providers/src/canonical-order.ts) with its instants as dates, as the orders table stores it. */
export type ProviderOrderData = Omit<CanonicalOrder, 'placedAt' | 'acceptBy'> & {
  placedAt: Date;
  acceptBy: Date | null;
  /** The adapter's warnings followed by ours (totals that do not add up). */
  warnings: string[];
};

/**
 * How a status event names its order: by the provider's order id, or (Delivery Hero's
 * posOrderStatus) by the id Nexara answered when the order was placed.
 */
export type ProviderOrderTarget = { by: 'externalId'; externalId: string } | { by: 'orderId'; orderId: string };

export type ValidProviderOrderEvent =
  | (ProviderEventBase & {
      kind: 'ORDER_PLACED';
      externalId: string;
      order: ProviderOrderData;
      /** A dashboard test webhook's order. */
      test: boolean;
      /** What the worker found sold out or hidden on the branch's menu. */
      menuWarnings: MenuWarning[];
    })
  | (ProviderEventBase & { kind: 'STATUS_CHANGED'; target: ProviderOrderTarget; status: OrderStatus });

type ProviderEventBase = {
  connectionId: string;
  provider: Provider;
  eventKey: string;
  occurredAt: Date;
  note: string | null;
};

/** Every problem in one error, so the adapter's author sees them all in one failed event. */
function refuse(problems: readonly string[]): never {
  throw appError('BAD_USER_INPUT', `The provider event is not valid: ${problems.join('; ')}.`, { problems });
}

/**
 * Checks a provider event parsed by an adapter against the canonical order's
 * one schema and puts it in the shape the orders table stores. Anything a
 * provider could never fix by resending throws BAD_USER_INPUT; totals that do
 * not add up become warnings.
 */
export function validateProviderOrderEvent(input: ProviderOrderEventInput): ValidProviderOrderEvent {
  const parsed = providerOrderEventSchema.safeParse(asOnTheWire(input));
  if (!parsed.success) refuse(canonicalOrderProblems(parsed.error));
  const event = parsed.data;
  const base: ProviderEventBase = {
    connectionId: event.connectionId,
    provider: event.provider,
    eventKey: event.eventKey,
    occurredAt: new Date(event.occurredAt),
    note: event.note,
  };
  if (event.kind === 'ORDER_PLACED') {
    return {
      ...base,
      kind: 'ORDER_PLACED',
      externalId: event.externalId,
      order: storedOrder(event.order),
      test: event.test,
      menuWarnings: event.menuWarnings,
    };
  }
  const target: ProviderOrderTarget =
    event.orderId !== null
      ? { by: 'orderId', orderId: event.orderId }
      : { by: 'externalId', externalId: event.externalId };
  return { ...base, kind: 'STATUS_CHANGED', target, status: event.status };
}

function storedOrder(order: CanonicalOrder): ProviderOrderData {
  const totals = { ...order, itemTotals: order.items.map((item) => item.total) };
  if (totalsOverflow(totals)) refuse(['order amounts add up past the largest amount of minor units Nexara can hold']);
  return {
    ...order,
    placedAt: new Date(order.placedAt),
    acceptBy: order.acceptBy === null ? null : new Date(order.acceptBy),
    warnings: [...new Set([...order.warnings, ...orderTotalsWarnings(totals)])],
  };
}

/** GraphQL hands instants over as dates; the canonical order carries them as ISO 8601 text. */
function asOnTheWire(input: ProviderOrderEventInput): unknown {
  const iso = (date: Date | null | undefined): string | null | undefined =>
    date instanceof Date ? (Number.isNaN(date.getTime()) ? 'Invalid Date' : date.toISOString()) : date;
  return {
    ...input,
    occurredAt: iso(input.occurredAt),
    order: input.order && { ...input.order, placedAt: iso(input.order.placedAt), acceptBy: iso(input.order.acceptBy) },
  };
}
