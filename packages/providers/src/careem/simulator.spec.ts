import { currencyExponentOf } from '../common/simulation/money';
import {
  CURRENCIES,
  decimalNumberToMinor,
  expectIdentity,
  forEverySeed,
  orderInput,
  SEEDS,
} from '../testing/payload-checks';
import { buildCareemOrder, type CareemOrderDetails } from './simulator';

describe('Careem orders', () => {
  it.each(CURRENCIES)(`add up exactly in minor units over ${SEEDS.length} seeds (%s)`, (currency) =>
    forEverySeed((seed) => {
      const built = buildCareemOrder(orderInput(currency, seed));
      const exponent = currencyExponentOf(currency);
      const details: CareemOrderDetails = built.order;
      const minor = (value: number): number => decimalNumberToMinor(value, exponent);
      const lines = details.items.reduce(
        (sum, item) =>
          sum + item.quantity * (minor(item.price) + item.options.reduce((s, o) => s + minor(o.price) * o.quantity, 0)),
        0,
      );
      const original = minor(details.price.original_total_price);
      const fee = minor(details.price.delivery_fee);
      const discount = minor(details.price.discount);
      const taxable = minor(details.price.total_taxable_price);
      expect(original).toBe(lines);
      expect(taxable).toBe(original + fee - discount);
      // The simulator keeps the tax a whole number of minor units, whatever the rounding rule.
      expect((taxable * details.price.tax_percentage) % 100).toBe(0);
      const tax = (taxable * details.price.tax_percentage) / 100;
      expect(built.totals).toEqual({
        currency,
        subtotal: original,
        deliveryFee: fee,
        tax,
        tip: 0,
        discount,
        total: taxable + tax,
      });
      expectIdentity(built.totals);
      expect(built.externalId).toBe(String(details.id));
      expect(Number.isSafeInteger(details.id)).toBe(true);
    }),
  );
});

it('repeats a Careem order exactly for the same seed', () => {
  expect(JSON.stringify(buildCareemOrder(orderInput('SAR', 42)))).toBe(
    JSON.stringify(buildCareemOrder(orderInput('SAR', 42))),
  );
});
