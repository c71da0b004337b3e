import type { OrderStatus } from '@nexara/kit';
import type {
  CanonicalItem,
  CanonicalModifier,
  CanonicalOrder,
  CanonicalOrderEvent,
  ConnectionContext,
  InboundWebhook,
} from '../adapter';
import { addMinutes, joinLines, mappedStatus, orderPlaced, requireStore, statusChanged } from '../common/canonical';
import { PayloadObject } from '../common/payload-reader';
import { sumAmounts } from '../common/totals';

export const JAHEZ_STATUSES = {
  N: 'RECEIVED',
  A: 'ACCEPTED',
  R: 'REJECTED',
  O: 'PICKED_UP',
  D: 'DELIVERED',
  C: 'CANCELLED',
  T: 'CANCELLED',
} as const satisfies Record<string, OrderStatus>;

/** Jahez cancels an order nobody answered after 5 minutes. */
export const JAHEZ_ACCEPT_MINUTES = 5;

/** Payment collected by the driver at the door (cash, or a card on the driver's terminal): not paid yet. */
const PAID_AT_DOOR = ['CASH', 'POS-MADA', 'POS'];

const TIMED_OUT_NOTE = 'Timed out: Jahez cancelled the order because it was not answered in time.';

/**
 * New order (base path) -> ORDER_PLACED; `order-update` -> STATUS_CHANGED
 * (`T`, timed out, is a cancellation whose timeline note says so).
 *
 * Amounts are decimals in the connection's currency (SAR usually). A
 * product's `original_price` is one unit before any offer, its `final_price`
 * the whole line as charged (quantity, options and product offers included);
 * an option's `final_price` is per unit. Subtotal = sum of the lines'
 * `final_price`, delivery fee = `delivery_fee`, discount = `offer.amount`,
 * tax = 0 (Saudi menu prices include VAT and Jahez sends no VAT figure),
 * tip = 0, total = `final_price`. Jahez keeps the customer and the address:
 * customer is null and the delivery (by a Jahez driver) has no details.
 * A modifier group becomes a modifier named after the group, at no price,
 * whose nested modifiers are the chosen options.
 */
export function parseJahez(
  request: InboundWebhook,
  connection: ConnectionContext,
  kind: 'NEW_ORDER' | 'ORDER_UPDATE',
  eventKey: string,
): CanonicalOrderEvent[] {
  const body = PayloadObject.fromBody(request.rawBody);
  if (kind === 'ORDER_UPDATE') {
    const { raw, status } = mappedStatus(body, 'status', JAHEZ_STATUSES);
    const reason = body.optionalString('reason');
    return [
      statusChanged({
        eventKey,
        externalId: String(body.integer('jahezOrderId')),
        occurredAt: request.receivedAt.toISOString(),
        status,
        note: raw === 'T' ? joinLines([TIMED_OUT_NOTE, reason]) : reason,
      }),
    ];
  }

  requireStore(body, 'branch_id', connection.externalStoreId, 'Jahez branch_id');
  const externalId = String(body.integer('jahez_id'));
  const placedAt = body.instant('created_at');
  const order = jahezOrder(body, connection.currency, externalId, placedAt);
  return [orderPlaced({ eventKey, externalId, occurredAt: placedAt, order })];
}

function jahezOrder(
  body: PayloadObject,
  currency: string,
  externalId: string,
  placedAt: string,
): Omit<CanonicalOrder, 'warnings'> {
  const items = body.objects('products', { nonEmpty: true }).map((product): CanonicalItem => ({
    externalId: product.optionalId('product_id'),
    name: product.string('name'),
    quantity: product.integer('quantity'),
    unitPrice: product.money('original_price', currency),
    total: product.money('final_price', currency),
    notes: product.optionalString('notes'),
    modifiers: product.optionalObjects('modifiers').map((group): CanonicalModifier => ({
      name: group.string('name'),
      quantity: 1,
      unitPrice: 0,
      modifiers: group.optionalObjects('options').map((option): CanonicalModifier => ({
        name: option.string('name'),
        quantity: option.optionalInteger('quantity') ?? 1,
        unitPrice: option.money('final_price', currency, { mayBeNegative: true }),
        modifiers: [],
      })),
    })),
  }));
  const method = body.string('payment_method').toUpperCase();
  return {
    displayCode: externalId,
    placedAt,
    acceptBy: addMinutes(placedAt, JAHEZ_ACCEPT_MINUTES),
    currency,
    customer: null,
    delivery: { address: null, notes: null, lat: null, lng: null },
    items,
    subtotal: sumAmounts(
      items.map((item) => item.total),
      `${body.path}.products total`,
    ),
    deliveryFee: body.optionalMoney('delivery_fee', currency),
    discount: body.optionalObject('offer')?.optionalMoney('amount', currency) ?? 0,
    tax: 0,
    tip: 0,
    total: body.money('final_price', currency),
    payment: { method, paid: !PAID_AT_DOOR.includes(method) },
    notes: body.optionalString('notes'),
  };
}
