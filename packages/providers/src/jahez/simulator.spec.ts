import { currencyExponentOf } from '../common/simulation/money';
import {
  CURRENCIES,
  decimalNumberToMinor,
  expectIdentity,
  forEverySeed,
  orderInput,
  SEEDS,
} from '../testing/payload-checks';
import { buildJahezOrder, type JahezOrder } from './simulator';

describe('Jahez orders', () => {
  it.each(CURRENCIES)(`add up exactly in minor units over ${SEEDS.length} seeds (%s)`, (currency) =>
    forEverySeed((seed) => {
      const built = buildJahezOrder(orderInput(currency, seed));
      const exponent = currencyExponentOf(currency);
      const order: JahezOrder = built.order;
      const minor = (value: number): number => decimalNumberToMinor(value, exponent);
      let subtotal = 0;
      for (const product of order.products) {
        const options = product.modifiers
          .flatMap((m) => m.options)
          .reduce((s, o) => s + minor(o.final_price) * o.quantity, 0);
        expect(minor(product.final_price)).toBe(product.quantity * (minor(product.original_price) + options));
        subtotal += minor(product.final_price);
      }
      const fee = minor(order.delivery_fee);
      const discount = minor(order.offer.amount);
      expect(minor(order.final_price)).toBe(subtotal + fee - discount);
      expect(built.totals).toEqual({
        currency,
        subtotal,
        deliveryFee: fee,
        tax: 0,
        tip: 0,
        discount,
        total: minor(order.final_price),
      });
      expectIdentity(built.totals);
      expect(built.externalId).toBe(String(order.jahez_id));
      expect(Number.isSafeInteger(order.jahez_id)).toBe(true);
    }),
  );
});

it('refuses a currency it cannot price', () => {
  expect(() => buildJahezOrder(orderInput('XYZ', 1))).toThrow(/XYZ/);
});
