import { currencyExponentOf } from '../simulation/money';
import {
  CURRENCIES,
  decimalTextToMinor,
  expectIdentity,
  forEverySeed,
  hasExactDecimals,
  orderInput,
  SEEDS,
} from '../../testing/payload-checks';
import { buildDeliveryHeroOrder, type DeliveryHeroOrder, type DeliveryHeroTopping } from './simulator';

/** Independent reading of a Delivery Hero order, in minor units, from the strings alone. */
function readDeliveryHero(order: DeliveryHeroOrder, exponent: number) {
  const minor = (text: string): number => {
    expect(hasExactDecimals(text, exponent)).toBe(true);
    return decimalTextToMinor(text, exponent);
  };
  const topping = (t: DeliveryHeroTopping): number =>
    t.quantity * (minor(t.price) + t.children.reduce((s, c) => s + topping(c), 0));
  let subtotal = 0;
  for (const product of order.products) {
    const paid = minor(product.paidPrice);
    expect(paid).toBe(
      product.quantity * (minor(product.unitPrice) + product.selectedToppings.reduce((s, t) => s + topping(t), 0)),
    );
    subtotal += paid;
  }
  const fees = order.price.deliveryFees.reduce((sum, fee) => sum + minor(fee.value), 0);
  return {
    subtotal,
    fees,
    vat: minor(order.price.vatTotal),
    tip: minor(order.price.riderTip),
    discount: minor(order.price.discountAmountTotal),
    grandTotal: minor(order.price.grandTotal),
    totalNet: minor(order.price.totalNet),
  };
}

describe('Delivery Hero orders', () => {
  it.each(CURRENCIES)(`add up exactly in minor units over ${SEEDS.length} seeds (%s)`, (currency) =>
    forEverySeed((seed) => {
      const built = buildDeliveryHeroOrder(orderInput(currency, seed));
      const read = readDeliveryHero(built.order, currencyExponentOf(currency));
      expect(read.grandTotal).toBe(read.subtotal + read.fees + read.vat + read.tip - read.discount);
      expect(read.totalNet).toBe(read.grandTotal - read.vat);
      expect(built.totals).toEqual({
        currency,
        subtotal: read.subtotal,
        deliveryFee: read.fees,
        tax: read.vat,
        tip: read.tip,
        discount: read.discount,
        total: read.grandTotal,
      });
      expectIdentity(built.totals);
      expect(built.externalId).toBe(built.order.token);
      expect(built.order.platformRestaurant.id).toBe(`store-${seed % 5}`);
      expect(built.order.expeditionType === 'pickup').toBe(built.order.delivery === null);
    }),
  );
});

describe('Delivery Hero payload variety and determinism', () => {
  const orders = SEEDS.map((seed) => buildDeliveryHeroOrder(orderInput('KWD', seed)).order);

  it('repeats exactly for the same seed and differs across seeds', () => {
    expect(JSON.stringify(buildDeliveryHeroOrder(orderInput('BHD', 42)))).toBe(
      JSON.stringify(buildDeliveryHeroOrder(orderInput('BHD', 42))),
    );
    expect(new Set(orders.map((order) => order.token)).size).toBe(SEEDS.length);
  });

  it('covers delivery and pick-up, Arabic and English, fees, tips, discounts and nested toppings', () => {
    expect(orders.some((order) => order.expeditionType === 'pickup')).toBe(true);
    expect(orders.some((order) => order.expeditionType === 'delivery')).toBe(true);
    expect(orders.some((order) => /[\u0600-\u06FF]/.test(order.products[0]?.name ?? ''))).toBe(true);
    expect(orders.some((order) => /^[A-Za-z]/.test(order.products[0]?.name ?? ''))).toBe(true);
    expect(orders.some((order) => order.price.deliveryFees.length === 2)).toBe(true);
    expect(orders.some((order) => order.price.riderTip !== '0.000')).toBe(true);
    expect(orders.some((order) => order.price.discountAmountTotal !== '0.000')).toBe(true);
    expect(
      orders.some((order) => order.products.some((p) => p.selectedToppings.some((t) => t.children.length > 0))),
    ).toBe(true);
    expect(orders.some((order) => order.products.some((p) => p.selectedToppings.some((t) => t.quantity > 1)))).toBe(
      true,
    );
  });
});
