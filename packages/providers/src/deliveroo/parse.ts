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
  joinComma,
  joinLines,
  joinWords,
  mappedStatus,
  orderPlaced,
  placedWithStatus,
  requireStore,
  statusChanged,
} from '../common/canonical';
import { PayloadError } from '../common/errors';
import { PayloadObject, truncate } from '../common/payload-reader';
import { sumAmounts } from '../common/totals';

export const DELIVEROO_STATUSES = {
  placed: 'RECEIVED',
  accepted: 'ACCEPTED',
  rejected: 'REJECTED',
  confirmed: 'PREPARING',
  canceled: 'CANCELLED',
} as const satisfies Record<string, OrderStatus>;

/** Deliveroo auto-rejects an order nobody answered after 10 minutes. */
export const DELIVEROO_ACCEPT_MINUTES = 10;

const FULFILLMENT_TYPES = ['deliveroo', 'customer', 'restaurant', 'table_service'] as const;

/**
 * `order.new` -> ORDER_PLACED (plus STATUS_CHANGED under `guid:status` when
 * the new order is already past `placed`); `order.status_update` ->
 * STATUS_CHANGED. Amounts are `{fractional, currency_code}`, already minor
 * units; a currency other than the connection's can never be processed.
 *
 * Canonical amounts: subtotal = sum of the items' `total_price` (Deliveroo
 * sends no subtotal), delivery fee = `delivery.delivery_fee` when the
 * restaurant delivers, discount = `offer_discount`, tax = 0 (menu prices
 * include VAT and the contract carries no tax figure), tip = 0, total =
 * `total_price`. `partner_order_total` is the restaurant's payout after
 * Deliveroo's commission, which the canonical order does not carry.
 */
export function parseDeliveroo(
  request: InboundWebhook,
  connection: ConnectionContext,
  eventKey: string,
): CanonicalOrderEvent[] {
  const body = PayloadObject.fromBody(request.rawBody);
  const event = body.oneOf('event', ['order.new', 'order.status_update']);
  const order = body.object('body').object('order');
  requireStore(order, 'location_id', connection.externalStoreId, 'Deliveroo location_id');
  const externalId = order.id('id');
  const { raw, status } = mappedStatus(order, 'status', DELIVEROO_STATUSES);
  const log = statusLog(order);

  if (event === 'order.status_update') {
    const at = log.filter((entry) => entry.status === raw).at(-1)?.at ?? request.receivedAt.toISOString();
    return [statusChanged({ eventKey, externalId, occurredAt: at, status })];
  }

  const placedAt = log.find((entry) => entry.status === 'placed')?.at ?? request.receivedAt.toISOString();
  const { order: canonical, warnings } = deliverooOrder(order, connection.currency, placedAt);
  const placed = orderPlaced({ eventKey, externalId, occurredAt: placedAt, order: canonical, warnings });
  const statusAt = log.filter((entry) => entry.status === raw).at(-1)?.at;
  return placedWithStatus(placed, status, { occurredAt: statusAt });
}

function statusLog(order: PayloadObject): { at: string; status: string }[] {
  return order
    .optionalObjects('status_log')
    .map((entry) => ({ at: entry.instant('at'), status: entry.string('status') }))
    .sort((a, b) => a.at.localeCompare(b.at));
}

function deliverooOrder(
  order: PayloadObject,
  currency: string,
  placedAt: string,
): { order: Omit<CanonicalOrder, 'warnings'>; warnings: string[] } {
  const amount = (source: PayloadObject, key: string, options: { mayBeNegative?: boolean } = {}): number =>
    deliverooMoney(source, key, currency, options);
  const warnings: string[] = [];

  const items = order.objects('items', { nonEmpty: true }).map((item): CanonicalItem => ({
    externalId: item.optionalId('pos_item_id'),
    name: item.string('name'),
    quantity: item.integer('quantity'),
    unitPrice: amount(item, 'unit_price'),
    total: amount(item, 'total_price'),
    notes: null,
    modifiers: item.modifiers('modifiers', 1, (modifier, depth) => deliverooModifier(modifier, currency, depth)),
  }));

  const fulfillment = order.oneOf('fulfillment_type', FULFILLMENT_TYPES);
  const deliveryData = order.optionalObject('delivery');
  let delivery: CanonicalOrder['delivery'] = null;
  let deliveryFee = 0;
  if (fulfillment === 'restaurant') {
    if (deliveryData) {
      delivery = restaurantDelivery(deliveryData);
      deliveryFee = deliveryData.isMissing('delivery_fee') ? 0 : amount(deliveryData, 'delivery_fee');
    } else {
      delivery = { address: null, notes: null, lat: null, lng: null };
      warnings.push('Deliveroo sent no delivery details for an order the restaurant delivers.');
    }
  } else if (fulfillment === 'deliveroo') {
    // A Deliveroo rider collects and delivers; the address stays with Deliveroo.
    delivery = { address: null, notes: null, lat: null, lng: null };
  }

  const customer = order.optionalObject('customer');
  const cashDue = order.isMissing('cash_due') ? 0 : amount(order, 'cash_due');
  const asap = order.optionalBoolean('asap');
  const schedule =
    asap === false
      ? joinComma([
          'Scheduled order',
          order.isMissing('start_preparing_at') ? null : `start preparing at ${order.instant('start_preparing_at')}`,
          order.isMissing('prepare_for') ? null : `ready for ${order.instant('prepare_for')}`,
        ])
      : null;

  return {
    warnings,
    order: {
      displayCode: order.optionalString('display_id') ?? order.id('order_number'),
      placedAt,
      acceptBy: addMinutes(placedAt, DELIVEROO_ACCEPT_MINUTES),
      currency,
      customer: customer
        ? { name: customer.optionalString('first_name'), phone: customer.optionalString('contact_number') }
        : null,
      delivery,
      items,
      subtotal: sumAmounts(
        items.map((item) => item.total),
        `${order.path}.items total`,
      ),
      deliveryFee,
      discount: order.isMissing('offer_discount') ? 0 : amount(order, 'offer_discount'),
      tax: 0,
      tip: 0,
      total: amount(order, 'total_price'),
      // Deliveroo collects online payments itself; `cash_due` is what the courier or counter must still take.
      payment: cashDue > 0 ? { method: 'CASH', paid: false } : { method: 'ONLINE', paid: true },
      notes: joinLines([
        order.optionalString('notes'),
        order.optionalBoolean('cutlery') ? 'Cutlery requested.' : null,
        schedule ? `${schedule}.` : null,
        fulfillment === 'table_service' ? 'Table service.' : null,
      ]),
    },
  };
}

function deliverooModifier(modifier: PayloadObject, currency: string, depth: number): CanonicalModifier {
  return {
    name: modifier.string('name'),
    quantity: modifier.integer('quantity'),
    unitPrice: deliverooMoney(modifier, 'unit_price', currency, { mayBeNegative: true }),
    modifiers: modifier.modifiers('modifiers', depth + 1, (nested, nestedDepth) =>
      deliverooModifier(nested, currency, nestedDepth),
    ),
  };
}

/** `{address {...}, estimated_delivery_at}` -> one readable line, coordinates and the promised time. */
function restaurantDelivery(delivery: PayloadObject): NonNullable<CanonicalOrder['delivery']> {
  const address = delivery.optionalObject('address');
  const coordinates = address?.optionalObject('coordinates') ?? address;
  const line1 =
    address?.optionalString('address_line_1') ??
    joinWords([address?.optionalText('number'), address?.optionalText('street')]);
  const eta = delivery.optionalInstant('estimated_delivery_at');
  return {
    address: address
      ? joinComma([
          line1,
          address.optionalString('address_line_2'),
          address.optionalText('city'),
          address.optionalText('postcode'),
        ])
      : null,
    notes: eta ? `Estimated delivery at ${eta}.` : null,
    lat: coordinates?.optionalCoordinate('latitude', 90) ?? null,
    lng: coordinates?.optionalCoordinate('longitude', 180) ?? null,
  };
}

/** `{fractional, currency_code}`: already minor units, in the connection's currency or refused. */
export function deliverooMoney(
  source: PayloadObject,
  key: string,
  currency: string,
  options: { mayBeNegative?: boolean } = {},
): number {
  const money = source.object(key);
  const code = money.string('currency_code').toUpperCase();
  if (code !== currency) {
    throw new PayloadError(
      `${money.pathOf('currency_code')} "${truncate(code)}" is not this connection's currency ${currency}`,
    );
  }
  return money.minorUnits('fractional', options);
}
