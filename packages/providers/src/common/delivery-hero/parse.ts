import type { OrderStatus } from '@nexara/kit';
import type {
  CanonicalItem,
  CanonicalModifier,
  CanonicalOrder,
  CanonicalOrderEvent,
  ConnectionContext,
  InboundWebhook,
} from '../../adapter';
import { joinComma, joinLines, joinWords, mappedStatus, orderPlaced, statusChanged } from '../canonical';
import { PayloadError } from '../errors';
import { PayloadObject, truncate } from '../payload-reader';
import { showMoney, sumAmounts } from '../totals';
import type { DeliveryHeroRoute } from './routes';

export const DELIVERY_HERO_STATUSES = {
  ORDER_CANCELLED: 'CANCELLED',
  ORDER_PICKED_UP: 'PICKED_UP',
} as const satisfies Record<string, OrderStatus>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * New order -> ORDER_PLACED named by its `token` (the externalId: our order id
 * is `orderIdFor(connection, token)`, which the answer hands back as
 * `remoteOrderId`). posOrderStatus -> STATUS_CHANGED named by that
 * `remoteOrderId` (`orderId`), since the token cannot be recovered from it.
 *
 * Amounts are decimal strings in the connection's currency (Delivery Hero sends
 * only a symbol): subtotal = sum of the products' `paidPrice`, delivery fee =
 * sum of `deliveryFees[].value`, tax = `vatTotal` (products are priced net of
 * VAT), tip = `riderTip`, discount = `discountAmountTotal`, total =
 * `grandTotal`; `totalNet` must equal grandTotal - vatTotal, or a warning says so.
 */
export function parseDeliveryHero(
  brand: string,
  request: InboundWebhook,
  connection: ConnectionContext,
  route: DeliveryHeroRoute,
  eventKey: string,
): CanonicalOrderEvent[] {
  if (route.remoteId !== connection.externalStoreId) {
    throw new PayloadError(
      `The path's remoteId "${truncate(route.remoteId)}" is not this connection's ` +
        `${brand} remoteId "${truncate(connection.externalStoreId)}"`,
    );
  }
  const body = PayloadObject.fromBody(request.rawBody);

  if (route.kind === 'ORDER_STATUS') {
    if (!UUID.test(route.remoteOrderId)) {
      throw new PayloadError(
        `The path's remoteOrderId "${truncate(route.remoteOrderId)}" is not an order id Nexara issued`,
      );
    }
    const { status } = mappedStatus(body, 'status', DELIVERY_HERO_STATUSES);
    return [
      statusChanged({
        eventKey,
        orderId: route.remoteOrderId.toLowerCase(),
        occurredAt: request.receivedAt.toISOString(),
        status,
        note: body.optionalString('message'),
      }),
    ];
  }

  const externalId = body.string('token');
  const { order, warnings } = deliveryHeroOrder(brand, body, connection.currency);
  return [orderPlaced({ eventKey, externalId, occurredAt: order.placedAt, order, warnings })];
}

function deliveryHeroOrder(
  brand: string,
  body: PayloadObject,
  currency: string,
): { order: Omit<CanonicalOrder, 'warnings'>; warnings: string[] } {
  const warnings: string[] = [];
  if (body.optionalBoolean('test')) {
    warnings.push(`${brand} marked this as a test order: do not prepare or dispatch it.`);
  }

  const items = body.objects('products', { nonEmpty: true }).map((product): CanonicalItem => ({
    externalId: product.optionalId('remoteCode') ?? product.optionalId('id'),
    name: product.string('name'),
    quantity: product.integer('quantity'),
    unitPrice: product.money('unitPrice', currency),
    total: product.money('paidPrice', currency),
    notes: product.optionalString('comment'),
    modifiers: product.modifiers('selectedToppings', 1, (topping, depth) =>
      deliveryHeroTopping(topping, currency, depth),
    ),
  }));

  const price = body.object('price');
  const deliveryFee = sumAmounts(
    price.optionalObjects('deliveryFees').map((fee) => fee.money('value', currency)),
    price.pathOf('deliveryFees'),
  );
  const tax = price.optionalMoney('vatTotal', currency);
  const total = price.money('grandTotal', currency);
  if (!price.isMissing('totalNet')) {
    const net = price.money('totalNet', currency);
    if (net + tax !== total) {
      warnings.push(
        `${brand}'s net total ${showMoney(net, currency)} plus VAT ${showMoney(tax, currency)} ` +
          `is not its grand total ${showMoney(total, currency)}.`,
      );
    }
  }

  const expedition = body.oneOf('expeditionType', ['pickup', 'delivery']);
  const deliveryData = body.optionalObject('delivery');
  const customer = body.optionalObject('customer');
  const payment = body.optionalObject('payment');
  const paymentType = payment?.optionalString('type') ?? null;
  const expectedAt = deliveryData?.optionalInstant('expectedDeliveryTime') ?? null;
  const riderPickupAt = deliveryData?.optionalInstant('riderPickupTime') ?? null;

  return {
    warnings,
    order: {
      displayCode: body.optionalString('shortCode') ?? body.string('code'),
      placedAt: body.instant('createdAt'),
      acceptBy: body.optionalInstant('expiryDate'),
      currency,
      customer: customer
        ? {
            name: joinWords([customer.optionalString('firstName'), customer.optionalString('lastName')]),
            phone: customer.optionalString('mobilePhone'),
          }
        : null,
      delivery: expedition === 'delivery' ? deliveryHeroDelivery(deliveryData) : null,
      items,
      subtotal: sumAmounts(
        items.map((item) => item.total),
        `${body.path}.products total`,
      ),
      deliveryFee,
      discount: price.optionalMoney('discountAmountTotal', currency),
      tax,
      tip: price.optionalMoney('riderTip', currency),
      total,
      payment: paymentType
        ? { method: paymentType, paid: payment?.optionalString('status')?.toLowerCase() === 'paid' }
        : null,
      notes: joinLines([
        body.optionalObject('comments')?.optionalString('customerComment'),
        body.optionalBoolean('preOrder') ? `Pre-order${expectedAt ? `: expected at ${expectedAt}` : ''}.` : null,
        riderPickupAt ? `Rider pickup at ${riderPickupAt}.` : null,
      ]),
    },
  };
}

function deliveryHeroTopping(topping: PayloadObject, currency: string, depth: number): CanonicalModifier {
  return {
    name: topping.string('name'),
    quantity: topping.optionalInteger('quantity') ?? 1,
    unitPrice: topping.money('price', currency, { mayBeNegative: true }),
    modifiers: topping.modifiers('children', depth + 1, (child, childDepth) =>
      deliveryHeroTopping(child, currency, childDepth),
    ),
  };
}

/**
 * Delivery Hero's address parts -> one line a driver reads top to bottom:
 * "Street 12 7, Building 7, Floor 2, Flat 5, Salmiya, 22001".
 */
function deliveryHeroDelivery(delivery: PayloadObject | null): NonNullable<CanonicalOrder['delivery']> {
  const address = delivery?.optionalObject('address') ?? null;
  if (!address) return { address: null, notes: null, lat: null, lng: null };
  const labelled = (key: string, label: string): string | null => {
    const value = address.optionalText(key);
    return value ? `${label} ${value}` : null;
  };
  return {
    address: joinComma([
      joinWords([address.optionalText('street'), address.optionalText('number')]),
      labelled('building', 'Building'),
      labelled('floor', 'Floor'),
      labelled('flatNumber', 'Flat'),
      address.optionalText('city'),
      address.optionalText('postcode'),
    ]),
    notes: address.optionalString('deliveryInstructions'),
    lat: address.optionalCoordinate('latitude', 90),
    lng: address.optionalCoordinate('longitude', 180),
  };
}
