import { CURRENCIES, expectIdentity, forEverySeed, orderInput, SEEDS } from '../testing/payload-checks';
import { buildDeliverooOrder, type DeliverooItem, type DeliverooOrder } from './simulator';

function readDeliverooItem(item: DeliverooItem, currency: string): number {
  expect(item.unit_price.currency_code).toBe(currency);
  expect(item.total_price.currency_code).toBe(currency);
  expect(Number.isSafeInteger(item.total_price.fractional)).toBe(true);
  const modifiers = item.modifiers.reduce((sum, modifier) => sum + readDeliverooItem(modifier, currency), 0);
  expect(item.total_price.fractional).toBe(item.quantity * (item.unit_price.fractional + modifiers));
  return item.total_price.fractional;
}

describe('Deliveroo orders', () => {
  it.each(CURRENCIES)(`add up exactly in minor units over ${SEEDS.length} seeds (%s)`, (currency) =>
    forEverySeed((seed) => {
      const built = buildDeliverooOrder(orderInput(currency, seed));
      const order: DeliverooOrder = built.order;
      const items = order.items.reduce((sum, item) => sum + readDeliverooItem(item, currency), 0);
      // total_price is what the order comes to after the offer; no commission is modelled.
      expect(order.total_price.fractional).toBe(items - order.offer_discount.fractional);
      expect(order.partner_order_total.fractional).toBe(order.total_price.fractional);
      expect([0, order.partner_order_total.fractional]).toContain(order.cash_due.fractional);
      expect(built.totals).toEqual({
        currency,
        subtotal: items,
        deliveryFee: 0,
        tax: 0,
        tip: 0,
        discount: order.offer_discount.fractional,
        total: order.partner_order_total.fractional,
      });
      expectIdentity(built.totals);
      expect(order.location_id).toBe(`store-${seed % 5}`);
      expect(order.delivery !== undefined).toBe(order.fulfillment_type === 'restaurant');
    }),
  );
});

describe('Deliveroo payload variety', () => {
  const deliveroo = SEEDS.map((seed) => buildDeliverooOrder(orderInput('AED', seed)).order);

  it('covers nested modifiers, every fulfilment type and cash', () => {
    expect(deliveroo.some((order) => order.items.some((i) => i.modifiers.some((m) => m.modifiers.length > 0)))).toBe(
      true,
    );
    expect(new Set(deliveroo.map((order) => order.fulfillment_type))).toEqual(
      new Set(['deliveroo', 'restaurant', 'customer']),
    );
    expect(deliveroo.some((order) => order.cash_due.fractional > 0)).toBe(true);
  });
});
