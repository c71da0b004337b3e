import { isCurrencyCode, isStorableText, MAX_MODIFIER_DEPTH, ORDER_STATUSES, type OrderStatus } from '@nexara/kit';
import { z } from 'zod';
import { PROVIDERS } from './display';

/**
 * The canonical order, declared once (docs/architecture.md, "The canonical
 * order"): what every adapter's `parse` produces and what the orders
 * subgraph's `applyProviderOrderEvent` accepts. The types below are inferred
 * from these schemas; the orders subgraph validates its GraphQL input with
 * them (its input classes are checked against them by a spec), and the
 * adapters' output is checked against them by the registry spec and the
 * adapter fuzz tests.
 *
 * Each rule's message is what the worker records on a FAILED event, after
 * the field's path: "order.items[0].name must not be empty".
 * Dates are ISO 8601 instants in UTC (`toISOString()`), amounts integer
 * minor units of `currency`, text is trimmed, and optional text left blank is
 * null.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// PostgreSQL would refuse these on every attempt (a failure that looks temporary): refuse them once, here.
const UNSTORABLE = 'must not hold U+0000 or an unpaired surrogate';
const NOT_AN_AMOUNT = 'must be an integer number of minor units';

function text(max: number) {
  return z
    .string({ error: 'must not be empty' })
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine(isStorableText, UNSTORABLE);
}

const requiredText = (max: number) => text(max).min(1, 'must not be empty');

/** Absent, null or blank: null. */
const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((value) => value || null);

/** An ISO 8601 instant in UTC, as `Date.prototype.toISOString` writes it. */
const instant = z.iso.datetime({
  precision: 3,
  error: (issue) => (issue.input === null || issue.input === undefined ? 'is required' : 'must be a valid date-time'),
});
const optionalInstant = instant.nullish().transform((value) => value ?? null);

function amount(options: { mayBeNegative?: boolean } = {}) {
  return z.number({ error: NOT_AN_AMOUNT }).check((context) => {
    if (!Number.isSafeInteger(context.value)) {
      context.issues.push({ code: 'custom', message: NOT_AN_AMOUNT, input: context.value });
    } else if (context.value < 0 && !options.mayBeNegative) {
      context.issues.push({ code: 'custom', message: 'must not be negative', input: context.value });
    }
  });
}

const quantity = z
  .number({ error: 'must be a whole number of at least 1' })
  .refine((value) => Number.isSafeInteger(value) && value >= 1, 'must be a whole number of at least 1');

function coordinate(limit: number) {
  return z
    .number({ error: `must be between -${limit} and ${limit}` })
    .refine((value) => Number.isFinite(value) && Math.abs(value) <= limit, `must be between -${limit} and ${limit}`)
    .nullish()
    .transform((value) => value ?? null);
}

const uuid = (what: string) =>
  z
    .string({ error: `must be ${what}` })
    .regex(UUID, `must be ${what}`)
    .transform((value) => value.toLowerCase());

/**
 * A modifier of a line or of another modifier ("large", then "extra cheese").
 * `quantity` is per unit of the parent line; `unitPrice` may be negative
 * ("no cheese").
 */
export type CanonicalModifier = { name: string; quantity: number; unitPrice: number; modifiers: CanonicalModifier[] };

export const canonicalModifierSchema = z.strictObject({
  name: requiredText(500),
  quantity,
  unitPrice: amount({ mayBeNegative: true }),
  // A recursive type cannot be inferred; the compiler still checks the schema against it.
  get modifiers(): z.ZodType<CanonicalModifier[]> {
    return modifierList;
  },
});

const modifierList = z
  .array(canonicalModifierSchema)
  .nullish()
  .transform((modifiers) => modifiers ?? []);

/** Modifiers nested deeper than MAX_MODIFIER_DEPTH: the path of the first list too deep, or null. */
function tooDeep(modifiers: readonly CanonicalModifier[]): (string | number)[] | null {
  const pending = [{ list: modifiers, path: [] as (string | number)[], depth: 1 }];
  while (pending.length > 0) {
    const { list, path, depth } = pending.pop()!;
    if (list.length > 0 && depth > MAX_MODIFIER_DEPTH) return path;
    list.forEach((modifier, index) =>
      pending.push({ list: modifier.modifiers, path: [...path, index, 'modifiers'], depth: depth + 1 }),
    );
  }
  return null;
}

export const canonicalItemSchema = z.strictObject({
  externalId: optionalText(200),
  name: requiredText(500),
  quantity,
  /** One unit of the item without its modifiers. */
  unitPrice: amount(),
  /** The whole line as the provider charged it (quantity, modifiers, item discounts). */
  total: amount(),
  notes: optionalText(1000),
  modifiers: modifierList.check((context) => {
    const path = tooDeep(context.value);
    if (path) {
      context.issues.push({
        code: 'custom',
        message: `nests deeper than ${MAX_MODIFIER_DEPTH} levels`,
        input: context.value,
        path,
      });
    }
  }),
});

export const canonicalCustomerSchema = z.strictObject({ name: optionalText(200), phone: optionalText(50) });

/** A courier delivery whose address the provider keeps to itself has all fields null. */
export const canonicalDeliverySchema = z.strictObject({
  address: optionalText(1000),
  notes: optionalText(1000),
  lat: coordinate(90),
  lng: coordinate(180),
});

export const canonicalPaymentSchema = z.strictObject({ method: requiredText(50), paid: z.boolean() });

export const canonicalOrderSchema = z.strictObject({
  displayCode: requiredText(100),
  placedAt: instant,
  /** When the provider gives up on an unanswered order. */
  acceptBy: optionalInstant,
  /** ISO 4217 code of every amount. */
  currency: z
    .string({ error: 'must be an ISO 4217 currency code' })
    .trim()
    .refine(isCurrencyCode, { error: (issue) => `"${String(issue.input)}" is not an ISO 4217 currency code` }),
  customer: canonicalCustomerSchema.nullish().transform((value) => value ?? null),
  /** Null when nobody delivers (customer pick-up, table service). */
  delivery: canonicalDeliverySchema.nullish().transform((value) => value ?? null),
  items: z.array(canonicalItemSchema, { error: 'must not be empty' }).min(1, 'must not be empty'),
  subtotal: amount(),
  deliveryFee: amount(),
  discount: amount(),
  tax: amount(),
  tip: amount(),
  total: amount(),
  payment: canonicalPaymentSchema.nullish().transform((value) => value ?? null),
  notes: optionalText(2000),
  /** Human-readable problems found while parsing (totals that do not add up, test orders): shown to staff. */
  warnings: z
    .array(optionalText(2000))
    .nullish()
    .transform((warnings) => (warnings ?? []).filter((warning): warning is string => warning !== null)),
});

export type CanonicalItem = z.output<typeof canonicalItemSchema>;
export type CanonicalOrder = z.output<typeof canonicalOrderSchema>;

/** The fields of one fact from a provider; which are set depends on `kind` (see `targetRules`). */
const eventFields = {
  /** Unique per connection: the idempotency key, or key + suffix when one delivery carries two facts. */
  eventKey: requiredText(500),
  kind: z.enum(['ORDER_PLACED', 'STATUS_CHANGED'], { error: 'must be ORDER_PLACED or STATUS_CHANGED' }),
  /** The provider's order id. */
  externalId: optionalText(200),
  /**
   * Our order id, `orderIdFor(connectionId, externalId)`, when the provider
   * only knows that (Delivery Hero's posOrderStatus calls name the order by
   * the `remoteOrderId` we answered with).
   */
  orderId: z
    .string()
    .nullish()
    .transform((value) => value?.trim() || null)
    .pipe(uuid('a UUID').nullable()),
  occurredAt: instant,
  status: z
    .enum(ORDER_STATUSES, { error: `must be one of ${ORDER_STATUSES.join(', ')}` })
    .nullish()
    .transform((value) => value ?? null),
  /** Goes on the timeline entry, e.g. the provider's cancel reason. */
  note: optionalText(1000),
  order: canonicalOrderSchema.nullish().transform((value) => value ?? null),
};

type EventFields = z.output<z.ZodObject<typeof eventFields>>;

/**
 * The order is named by exactly one of `externalId` (every ORDER_PLACED) and
 * `orderId`; ORDER_PLACED carries the order, STATUS_CHANGED the status.
 */
function targetRules(context: z.core.ParsePayload<EventFields>): void {
  const event = context.value;
  const problem = (message: string): void => {
    context.issues.push({ code: 'custom', message, input: event, path: [] });
  };
  if (event.externalId !== null && event.orderId !== null) problem('set either externalId or orderId, not both');
  else if (event.externalId === null && event.orderId === null) problem('externalId or orderId is required');
  else if (event.kind === 'ORDER_PLACED' && event.orderId !== null) {
    problem("ORDER_PLACED names the order by externalId (the provider's order id), not orderId");
  }
  if (event.kind === 'ORDER_PLACED' && event.order === null) problem('order is required for ORDER_PLACED');
  if (event.kind === 'STATUS_CHANGED' && event.status === null) problem('status is required for STATUS_CHANGED');
}

/** After `targetRules`: the fields `kind` leaves unset are null, so the event's type says what it carries. */
function narrow<T extends EventFields>(event: T): Omit<T, keyof EventFields> & CanonicalOrderEvent {
  if (event.kind === 'ORDER_PLACED') {
    return {
      ...event,
      kind: 'ORDER_PLACED',
      externalId: event.externalId!,
      orderId: null,
      status: null,
      order: event.order!,
    };
  }
  const target =
    event.orderId !== null
      ? { externalId: null, orderId: event.orderId }
      : { externalId: event.externalId!, orderId: null };
  return { ...event, kind: 'STATUS_CHANGED', ...target, status: event.status!, order: null };
}

/** One fact from a provider, as its adapter's `parse` returns it. */
export const canonicalOrderEventSchema = z.strictObject(eventFields).check(targetRules).transform(narrow);

export const MENU_WARNING_CODES = ['ITEM_SOLD_OUT', 'ITEM_HIDDEN'] as const;
export type MenuWarningCode = (typeof MENU_WARNING_CODES)[number];

/**
 * An item of a new order that the branch's menu has sold out or hidden
 * (docs/control-plane.md, "Orders meet the menu"): found by the worker, not
 * the adapter, and kept with the order.
 */
export const menuWarningSchema = z.strictObject({
  code: z.enum(MENU_WARNING_CODES, { error: `must be one of ${MENU_WARNING_CODES.join(', ')}` }),
  /** The catalog item the order's line matched. */
  itemId: uuid('a UUID'),
  /** The order line's name as the provider sent it. */
  itemName: requiredText(500),
  /** The POS id the line was matched by; null when matched by name. */
  externalPosId: optionalText(200),
  message: requiredText(1000),
});

export type MenuWarning = z.output<typeof menuWarningSchema>;

/**
 * What the orders subgraph's `applyProviderOrderEvent` takes: a canonical
 * event plus where it came from, which the worker adds.
 */
export const providerOrderEventSchema = z
  .strictObject({
    connectionId: uuid('a UUID'),
    provider: z.enum(PROVIDERS, { error: `must be one of ${PROVIDERS.join(', ')}` }),
    ...eventFields,
    /** The delivery was a dashboard test webhook: the order ORDER_PLACED creates is a test order. */
    test: z
      .boolean()
      .nullish()
      .transform((value) => value === true),
    /** Items of an ORDER_PLACED's order that the branch's menu has sold out or hidden, as the worker found them. */
    menuWarnings: z
      .array(menuWarningSchema)
      .max(500, 'must hold at most 500 warnings')
      .nullish()
      .transform((value) => value ?? []),
  })
  .check(targetRules)
  .transform(narrow);

type EventBase = Pick<EventFields, 'eventKey' | 'occurredAt' | 'note'>;

export type OrderPlacedEvent = EventBase & {
  kind: 'ORDER_PLACED';
  externalId: string;
  orderId: null;
  status: null;
  order: CanonicalOrder;
};

export type StatusChangedEvent = EventBase & {
  kind: 'STATUS_CHANGED';
  status: OrderStatus;
  order: null;
} & ({ externalId: string; orderId: null } | { externalId: null; orderId: string });

/**
 * One fact from a provider, in the order it must be applied. The order is
 * named by exactly one of `externalId`, the provider's order id (every
 * ORDER_PLACED, and every status event whose provider names its own order
 * id), and `orderId`, our order id, which the orders side looks up by primary
 * key.
 */
export type CanonicalOrderEvent = OrderPlacedEvent | StatusChangedEvent;

export type ProviderOrderEvent = z.output<typeof providerOrderEventSchema>;

/** "order.items[0].name must not be empty": each problem with the path of the field it is about. */
export function canonicalOrderProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path
      .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index > 0 ? '.' : ''}${String(part)}`))
      .join('');
    return path ? `${path} ${issue.message}` : issue.message;
  });
}
