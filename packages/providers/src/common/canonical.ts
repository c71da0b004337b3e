import { storableText, type OrderStatus } from '@nexara/kit';
import { canonicalOrderEventSchema, canonicalOrderProblems } from '../canonical-order';
import type {
  CanonicalOrder,
  CanonicalOrderEvent,
  OrderPlacedEvent,
  StatusChangedEvent,
  WebhookAnswer,
  WebhookReceipt,
} from '../adapter';
import { PayloadError } from './errors';
import { truncate, type PayloadObject } from './payload-reader';
import { totalsWarnings } from './totals';

/** Suffix of the second event a delivery yields when a new order already carries a later status. */
export const STATUS_SUFFIX = ':status';

/**
 * Every event an adapter builds passes the canonical order's schema
 * (canonical-order.ts) or is refused here as a PayloadError: the orders
 * subgraph would refuse it for good anyway (text too long for the order, say),
 * and the reason is clearer at its source. The event is returned as built.
 */
function canonical<T extends CanonicalOrderEvent>(event: T): T {
  const checked = canonicalOrderEventSchema.safeParse(event);
  if (!checked.success) throw new PayloadError(storableText(canonicalOrderProblems(checked.error).join('; ')));
  return event;
}

export function orderPlaced(input: {
  eventKey: string;
  externalId: string;
  occurredAt: string;
  order: Omit<CanonicalOrder, 'warnings'>;
  /** Provider-specific warnings; the totals check is added here for every provider. */
  warnings?: string[];
  note?: string | null;
}): OrderPlacedEvent {
  const warnings = [...(input.warnings ?? []), ...totalsWarnings(input.order.items, input.order)];
  return canonical({
    eventKey: input.eventKey,
    kind: 'ORDER_PLACED',
    externalId: input.externalId,
    orderId: null,
    occurredAt: input.occurredAt,
    status: null,
    note: input.note ?? null,
    order: { ...input.order, warnings },
  });
}

export function statusChanged(
  input: { eventKey: string; occurredAt: string; status: OrderStatus; note?: string | null } & (
    { externalId: string } | { orderId: string }
  ),
): StatusChangedEvent {
  const base = {
    eventKey: input.eventKey,
    kind: 'STATUS_CHANGED' as const,
    occurredAt: input.occurredAt,
    status: input.status,
    note: input.note ?? null,
    order: null,
  };
  return canonical(
    'externalId' in input
      ? { ...base, externalId: input.externalId, orderId: null }
      : { ...base, externalId: null, orderId: input.orderId },
  );
}

/**
 * A new order that already carries a status past RECEIVED (accepted on the
 * provider's tablet, say) is two facts: the order, then its status, under
 * `key` and `key:status`, applied in that order.
 */
export function placedWithStatus(
  placed: OrderPlacedEvent,
  status: OrderStatus,
  options: { note?: string | null; occurredAt?: string } = {},
): CanonicalOrderEvent[] {
  if (status === 'RECEIVED') return [placed];
  return [
    placed,
    statusChanged({
      eventKey: `${placed.eventKey}${STATUS_SUFFIX}`,
      externalId: placed.externalId,
      occurredAt: options.occurredAt ?? placed.occurredAt,
      status,
      note: options.note ?? null,
    }),
  ];
}

/** Reads a provider status through its table; an unknown one can never be processed. */
export function mappedStatus<T extends string>(
  source: PayloadObject,
  key: string,
  table: Readonly<Record<T, OrderStatus>>,
): { raw: T; status: OrderStatus } {
  const raw = source.string(key);
  if (!Object.prototype.hasOwnProperty.call(table, raw)) {
    throw new PayloadError(`${source.pathOf(key)} "${truncate(raw)}" is not one of ${Object.keys(table).join(', ')}`);
  }
  return { raw: raw as T, status: table[raw as T] };
}

export function addMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}

/** Non-blank parts, one per line; null when there are none. */
export function joinLines(parts: readonly (string | null | undefined)[]): string | null {
  const lines = parts.map((part) => part?.trim() ?? '').filter((part) => part.length > 0);
  return lines.length > 0 ? lines.join('\n') : null;
}

/** Non-blank parts, space-separated ("Amira Haddad"); null when there are none. */
export function joinWords(parts: readonly (string | null | undefined)[]): string | null {
  const kept = parts.map((part) => part?.trim() ?? '').filter((part) => part.length > 0);
  return kept.length > 0 ? kept.join(' ') : null;
}

/** Non-blank parts, comma-separated on one line; null when there are none. */
export function joinComma(parts: readonly (string | null | undefined)[]): string | null {
  const kept = parts.map((part) => part?.trim() ?? '').filter((part) => part.length > 0);
  return kept.length > 0 ? kept.join(', ') : null;
}

/** The default answer (docs/providers/README.md): 202 for a new delivery, 200 for a duplicate, with the receipt. */
export function receiptAnswer(receipt: WebhookReceipt): WebhookAnswer {
  return { status: receipt.duplicate ? 200 : 202, body: { eventId: receipt.eventId, duplicate: receipt.duplicate } };
}

/** Refuses an order meant for another store: routing it here would put it in the wrong kitchen. */
export function requireStore(source: PayloadObject, key: string, expected: string, what: string): void {
  const actual = source.id(key);
  if (actual !== expected) {
    throw new PayloadError(
      `${source.pathOf(key)} "${truncate(actual)}" is not this connection's ${what} "${truncate(expected)}"`,
    );
  }
}
