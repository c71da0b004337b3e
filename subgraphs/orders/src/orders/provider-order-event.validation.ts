import { appError, isCurrencyCode, isStorableText, MAX_MODIFIER_DEPTH, type OrderStatus } from '@nexara/kit';
import { PROVIDERS, type Provider } from '@nexara/providers/display';
import type {
  OrderCustomerData,
  OrderDeliveryData,
  OrderItemData,
  OrderItemModifierData,
  OrderPaymentData,
} from './order.entity';
import type { OrderItemModifierInput, ProviderOrderEventInput, ProviderOrderInput } from './order.inputs';
import { isUuid } from './order-cursor';
import { orderTotalsWarnings, totalsOverflow } from '@nexara/kit';

export type ProviderOrderData = {
  displayCode: string;
  placedAt: Date;
  acceptBy: Date | null;
  currency: string;
  customer: OrderCustomerData | null;
  delivery: OrderDeliveryData | null;
  items: OrderItemData[];
  subtotal: number;
  deliveryFee: number;
  discount: number;
  tax: number;
  tip: number;
  total: number;
  payment: OrderPaymentData | null;
  notes: string | null;
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
    })
  | (ProviderEventBase & { kind: 'STATUS_CHANGED'; target: ProviderOrderTarget; status: OrderStatus });

type ProviderEventBase = {
  connectionId: string;
  provider: Provider;
  eventKey: string;
  occurredAt: Date;
  note: string | null;
};

/** Collects every problem so the adapter's author sees them all in one failed event. */
class Problems {
  readonly list: string[] = [];

  add(problem: string): void {
    this.list.push(problem);
  }

  text(path: string, value: string | null | undefined, options: { required: boolean; max: number }): string | null {
    const trimmed = value?.trim() ?? '';
    if (!trimmed) {
      if (options.required) this.add(`${path} must not be empty`);
      return null;
    }
    if (trimmed.length > options.max) this.add(`${path} must be at most ${options.max} characters`);
    // PostgreSQL would refuse these on every attempt (a failure that looks temporary): refuse them once, here.
    if (!isStorableText(trimmed)) this.add(`${path} must not hold U+0000 or an unpaired surrogate`);
    return trimmed;
  }

  amount(path: string, value: number, options: { mayBeNegative?: boolean } = {}): number {
    if (!Number.isSafeInteger(value)) this.add(`${path} must be an integer number of minor units`);
    else if (value < 0 && !options.mayBeNegative) this.add(`${path} must not be negative`);
    return value;
  }

  quantity(path: string, value: number): number {
    if (!Number.isSafeInteger(value) || value < 1) this.add(`${path} must be a whole number of at least 1`);
    return value;
  }

  date(path: string, value: Date | null | undefined, required: boolean): Date | null {
    if (value === null || value === undefined) {
      if (required) this.add(`${path} is required`);
      return null;
    }
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) this.add(`${path} must be a valid date-time`);
    return value;
  }

  throwIfAny(): void {
    if (this.list.length > 0) {
      throw appError('BAD_USER_INPUT', `The provider event is not valid: ${this.list.join('; ')}.`, {
        problems: this.list,
      });
    }
  }
}

/**
 * Checks a provider event parsed by an adapter and puts it in the shape the
 * orders table stores. Anything a provider could never fix by resending
 * throws BAD_USER_INPUT; totals that do not add up become warnings.
 */
export function validateProviderOrderEvent(input: ProviderOrderEventInput): ValidProviderOrderEvent {
  const problems = new Problems();
  if (!isUuid(input.connectionId)) problems.add('connectionId must be a UUID');
  if (!PROVIDERS.includes(input.provider)) problems.add(`provider must be one of ${PROVIDERS.join(', ')}`);
  const base: ProviderEventBase = {
    connectionId: input.connectionId.toLowerCase(),
    provider: input.provider,
    eventKey: problems.text('eventKey', input.eventKey, { required: true, max: 500 }) ?? '',
    occurredAt: problems.date('occurredAt', input.occurredAt, true) ?? new Date(Number.NaN),
    note: problems.text('note', input.note, { required: false, max: 1000 }),
  };
  const target = validateTarget(input, problems);

  if (input.kind === 'ORDER_PLACED') {
    if (target?.by === 'orderId')
      problems.add("ORDER_PLACED names the order by externalId (the provider's order id), not orderId");
    if (!input.order) problems.add('order is required for ORDER_PLACED');
    const order = input.order ? validateProviderOrder(input.order, problems) : null;
    problems.throwIfAny();
    const externalId = target?.by === 'externalId' ? target.externalId : '';
    return { ...base, kind: 'ORDER_PLACED', externalId, order: order as ProviderOrderData, test: input.test === true };
  }
  if (input.kind === 'STATUS_CHANGED') {
    if (!input.status) problems.add('status is required for STATUS_CHANGED');
    problems.throwIfAny();
    return {
      ...base,
      kind: 'STATUS_CHANGED',
      target: target as ProviderOrderTarget,
      status: input.status as OrderStatus,
    };
  }
  problems.add('kind must be ORDER_PLACED or STATUS_CHANGED');
  problems.throwIfAny();
  throw new Error('unreachable');
}

/** Exactly one of externalId and orderId; null (with a problem added) otherwise. */
function validateTarget(input: ProviderOrderEventInput, problems: Problems): ProviderOrderTarget | null {
  const externalId = problems.text('externalId', input.externalId, { required: false, max: 200 });
  const orderId = input.orderId?.trim() || null;
  if (externalId !== null && orderId !== null) {
    problems.add('set either externalId or orderId, not both');
    return null;
  }
  if (orderId !== null) {
    if (!isUuid(orderId)) {
      problems.add('orderId must be a UUID');
      return null;
    }
    return { by: 'orderId', orderId: orderId.toLowerCase() };
  }
  if (externalId === null) {
    problems.add('externalId or orderId is required');
    return null;
  }
  return { by: 'externalId', externalId };
}

function validateProviderOrder(input: ProviderOrderInput, problems: Problems): ProviderOrderData {
  const currency = input.currency?.trim() ?? '';
  if (!isCurrencyCode(currency)) problems.add(`order.currency "${currency}" is not an ISO 4217 currency code`);
  if (!Array.isArray(input.items) || input.items.length === 0) problems.add('order.items must not be empty');

  const items = (input.items ?? []).map((item, index): OrderItemData => ({
    externalId: problems.text(`order.items[${index}].externalId`, item.externalId, { required: false, max: 200 }),
    name: problems.text(`order.items[${index}].name`, item.name, { required: true, max: 500 }) ?? '',
    quantity: problems.quantity(`order.items[${index}].quantity`, item.quantity),
    unitPrice: problems.amount(`order.items[${index}].unitPrice`, item.unitPrice),
    total: problems.amount(`order.items[${index}].total`, item.total),
    modifiers: validateModifiers(`order.items[${index}].modifiers`, item.modifiers, 1, problems),
    notes: problems.text(`order.items[${index}].notes`, item.notes, { required: false, max: 1000 }),
  }));

  const amounts = {
    subtotal: problems.amount('order.subtotal', input.subtotal),
    deliveryFee: problems.amount('order.deliveryFee', input.deliveryFee),
    discount: problems.amount('order.discount', input.discount),
    tax: problems.amount('order.tax', input.tax),
    tip: problems.amount('order.tip', input.tip),
    total: problems.amount('order.total', input.total),
  };

  const delivery = input.delivery ? validateDelivery(input.delivery, problems) : null;
  const payment = input.payment
    ? {
        method: problems.text('order.payment.method', input.payment.method, { required: true, max: 50 }) ?? '',
        paid: input.payment.paid === true,
      }
    : null;

  const data: ProviderOrderData = {
    displayCode: problems.text('order.displayCode', input.displayCode, { required: true, max: 100 }) ?? '',
    placedAt: problems.date('order.placedAt', input.placedAt, true) ?? new Date(Number.NaN),
    acceptBy: problems.date('order.acceptBy', input.acceptBy, false),
    currency,
    customer: input.customer
      ? {
          name: problems.text('order.customer.name', input.customer.name, { required: false, max: 200 }),
          phone: problems.text('order.customer.phone', input.customer.phone, { required: false, max: 50 }),
        }
      : null,
    delivery,
    items,
    ...amounts,
    payment,
    notes: problems.text('order.notes', input.notes, { required: false, max: 2000 }),
    warnings: [],
  };

  const adapterWarnings = (input.warnings ?? [])
    .map((warning, index) => problems.text(`order.warnings[${index}]`, warning, { required: false, max: 2000 }))
    .filter((warning): warning is string => warning !== null);
  const totals = { currency, itemTotals: items.map((item) => item.total), ...amounts };
  if (problems.list.length === 0 && totalsOverflow(totals)) {
    problems.add('order amounts add up past the largest amount of minor units Nexara can hold');
  }
  // Totals are only meaningful once every amount is a valid integer in a known currency.
  const ours = problems.list.length === 0 ? orderTotalsWarnings(totals) : [];
  data.warnings = [...new Set([...adapterWarnings, ...ours])];
  return data;
}

function validateModifiers(
  path: string,
  modifiers: OrderItemModifierInput[] | null | undefined,
  depth: number,
  problems: Problems,
): OrderItemModifierData[] {
  if (!modifiers || modifiers.length === 0) return [];
  if (depth > MAX_MODIFIER_DEPTH) {
    problems.add(`${path} nests deeper than ${MAX_MODIFIER_DEPTH} levels`);
    return [];
  }
  return modifiers.map((modifier, index) => ({
    name: problems.text(`${path}[${index}].name`, modifier.name, { required: true, max: 500 }) ?? '',
    quantity: problems.quantity(`${path}[${index}].quantity`, modifier.quantity),
    // A modifier may take money off ("no cheese: -1.00").
    unitPrice: problems.amount(`${path}[${index}].unitPrice`, modifier.unitPrice, { mayBeNegative: true }),
    modifiers: validateModifiers(`${path}[${index}].modifiers`, modifier.modifiers, depth + 1, problems),
  }));
}

function validateDelivery(input: NonNullable<ProviderOrderInput['delivery']>, problems: Problems): OrderDeliveryData {
  const coordinate = (path: string, value: number | null | undefined, limit: number): number | null => {
    if (value === null || value === undefined) return null;
    if (!Number.isFinite(value) || Math.abs(value) > limit)
      problems.add(`${path} must be between -${limit} and ${limit}`);
    return value;
  };
  return {
    address: problems.text('order.delivery.address', input.address, { required: false, max: 1000 }),
    notes: problems.text('order.delivery.notes', input.notes, { required: false, max: 1000 }),
    lat: coordinate('order.delivery.lat', input.lat, 90),
    lng: coordinate('order.delivery.lng', input.lng, 180),
  };
}
