import type { OrderStatus } from '@nexara/kit';
import type {
  CanonicalItem,
  CanonicalModifier,
  CanonicalOrder,
  CanonicalOrderEvent,
  ConnectionContext,
  InboundWebhook,
} from '../adapter';
import {
  addMinutes,
  mappedStatus,
  orderPlaced,
  placedWithStatus,
  requireStore,
  statusChanged,
} from '../common/canonical';
import { PayloadError } from '../common/errors';
import { PayloadObject, truncate } from '../common/payload-reader';
import { sumAmounts } from '../common/totals';

export const CAREEM_STATUSES = {
  pending: 'RECEIVED',
  accepted: 'ACCEPTED',
  ready: 'READY',
  driver_coming: 'READY',
  driver_here: 'READY',
  trip_started: 'PICKED_UP',
  trip_ended: 'DELIVERED',
  cancelled: 'CANCELLED',
} as const satisfies Record<string, OrderStatus>;

/**
 * Careem publishes no acceptance deadline. Eight minutes after the order is
 * created sits between Jahez (5) and Deliveroo (10): the dashboard's alert
 * fires while a captain is still likely to be assigned to the order.
 */
export const CAREEM_ACCEPT_MINUTES = 8;

/** `delivery`: a Careem captain collects and delivers (Careem keeps the address); `pickup`: the customer collects. */
/**
 * `delivery_type` names who moves the food (`delivery`, `careem`, `restaurant`,
 * ...): our contract fixes no list, so anything that is not a pick-up is a
 * delivery rather than a payload we refuse.
 */
export function isCareemPickup(deliveryType: string): boolean {
  return /pick/i.test(deliveryType);
}

/**
 * `ORDER_CREATED` -> ORDER_PLACED (plus STATUS_CHANGED under
 * `event_id:status` when the order is already past `pending`);
 * `ORDER_STATUS_UPDATED` -> STATUS_CHANGED. Amounts are decimal numbers in
 * the connection's currency.
 *
 * Careem sends no grand total, so the canonical amounts are:
 * - an item line = quantity x (price + sum of option price x option quantity);
 * - subtotal = `original_total_price` (the items before discount), checked
 *   against the lines;
 * - tax = `total_taxable_price` x `tax_percentage` / 100, rounded half-up to
 *   the minor unit (exact integer arithmetic): the taxable base is Careem's,
 *   so VAT on a discounted basket or on the delivery fee is whatever Careem says;
 * - total = subtotal + `delivery_fee` + tax - `discount`.
 */
export function parseCareem(
  request: InboundWebhook,
  connection: ConnectionContext,
  eventKey: string,
): CanonicalOrderEvent[] {
  const body = PayloadObject.fromBody(request.rawBody);
  const eventType = body.oneOf('event_type', ['ORDER_CREATED', 'ORDER_STATUS_UPDATED']);
  const details = body.object('details');
  const externalId = details.id('id');
  const { status } = mappedStatus(details, 'status', CAREEM_STATUSES);

  if (eventType === 'ORDER_STATUS_UPDATED') {
    const branch = details.optionalObject('branch');
    if (branch) requireStore(branch, 'id', connection.externalStoreId, 'Careem branch id');
    return [statusChanged({ eventKey, externalId, occurredAt: request.receivedAt.toISOString(), status })];
  }

  requireStore(details.object('branch'), 'id', connection.externalStoreId, 'Careem branch id');
  const placedAt = details.instant('created_at');
  const order = careemOrder(details, connection.currency, placedAt);
  return placedWithStatus(orderPlaced({ eventKey, externalId, occurredAt: placedAt, order }), status);
}

function careemOrder(details: PayloadObject, currency: string, placedAt: string): Omit<CanonicalOrder, 'warnings'> {
  const items = details.objects('items', { nonEmpty: true }).map((item): CanonicalItem => {
    const quantity = item.integer('quantity');
    const unitPrice = item.money('price', currency);
    const modifiers = item.optionalObjects('options').map((option): CanonicalModifier => ({
      name: option.string('name'),
      quantity: option.optionalInteger('quantity') ?? 1,
      unitPrice: option.money('price', currency, { mayBeNegative: true }),
      modifiers: [],
    }));
    const perUnit = unitPrice + modifiers.reduce((sum, modifier) => sum + modifier.unitPrice * modifier.quantity, 0);
    return {
      externalId: item.optionalId('id'),
      name: item.string('name'),
      quantity,
      unitPrice,
      total: safeAmount(perUnit * quantity, `${item.path} total`),
      notes: null,
      modifiers,
    };
  });

  const price = details.object('price');
  const subtotal = price.money('original_total_price', currency);
  const deliveryFee = price.optionalMoney('delivery_fee', currency);
  const discount = price.optionalMoney('discount', currency);
  const tax = taxOf(
    price.optionalMoney('total_taxable_price', currency),
    price.isMissing('tax_percentage') ? 0 : price.value['tax_percentage'],
    price.pathOf('tax_percentage'),
  );
  const total = sumAmounts([subtotal, deliveryFee, tax, -discount], `${price.path} total`);
  if (total < 0) throw new PayloadError(`${price.path}.discount is larger than the order it discounts`);

  const deliveryType = details.string('delivery_type');
  const customer = details.optionalObject('customer');
  const paymentType = customer?.optionalString('payment_type') ?? null;
  return {
    displayCode: details.id('id'),
    placedAt,
    acceptBy: addMinutes(placedAt, CAREEM_ACCEPT_MINUTES),
    currency,
    customer: customer
      ? { name: customer.optionalString('name'), phone: customer.optionalString('phone_number') }
      : null,
    delivery: isCareemPickup(deliveryType) ? null : { address: null, notes: null, lat: null, lng: null },
    items,
    subtotal,
    deliveryFee,
    discount,
    tax,
    tip: 0,
    total,
    // Everything but cash is charged by Careem when the customer orders.
    payment: paymentType ? { method: paymentType.toUpperCase(), paid: paymentType.toUpperCase() !== 'CASH' } : null,
    notes: details.optionalString('notes'),
  };
}

/** `amount` x `percentage` / 100, half-up, with BigInt so no binary fraction ever rounds a price. */
export function taxOf(amount: number, percentage: unknown, path: string): number {
  const text =
    typeof percentage === 'number' ? String(percentage) : typeof percentage === 'string' ? percentage.trim() : '';
  const match = /^(\d{1,3})(?:\.(\d{1,6}))?$/.exec(text);
  if (!match) {
    // Quote only text and numbers: String() of a hostile array or object can recurse thousands deep.
    const shown =
      typeof percentage === 'string' || typeof percentage === 'number' ? ` "${truncate(String(percentage))}"` : '';
    throw new PayloadError(`${path}${shown} must be a percentage such as 5 or 2.5`);
  }
  const [, whole, fraction = ''] = match;
  const scaled = BigInt(whole! + fraction);
  const denominator = 100n * 10n ** BigInt(fraction.length);
  if (scaled > denominator) throw new PayloadError(`${path} must not exceed 100`);
  return Number((BigInt(amount) * scaled * 2n + denominator) / (2n * denominator));
}

function safeAmount(amount: number, what: string): number {
  if (!Number.isSafeInteger(amount)) throw new PayloadError(`${what} is too large`);
  if (amount < 0) throw new PayloadError(`${what} is negative: its options take off more than the item costs`);
  return amount;
}
