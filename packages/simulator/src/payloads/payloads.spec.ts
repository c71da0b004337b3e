import { currencyExponentOf } from '../money';
import { createRandom } from '../random';
import { decimalNumberToMinor, decimalTextToMinor, hasExactDecimals } from '../testing/independent-checks';
import type { ExpectedTotals } from './basket';
import { buildCareemOrder, type CareemOrderDetails } from './careem';
import { buildDeliverooOrder, type DeliverooItem, type DeliverooOrder } from './deliveroo';
import { buildJahezOrder, type JahezOrder } from './jahez';
import { buildTalabatOrder, type TalabatOrder, type TalabatTopping } from './talabat';

const CURRENCIES = ['AED', 'SAR', 'QAR', 'KWD', 'BHD', 'OMR'];
const SEEDS = Array.from({ length: 150 }, (_, index) => index * 7919 + 1);
const NOW = new Date('2026-03-01T18:30:00.000Z');

/** Runs a check over every seed, naming the seed when one fails. */
function forEverySeed(check: (seed: number) => void): void {
  for (const seed of SEEDS) {
    try {
      check(seed);
    } catch (error) {
      throw new Error(`seed ${seed}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function input(currency: string, seed: number) {
  return { externalStoreId: `store-${seed % 5}`, currency, random: createRandom(seed), now: NOW };
}

function expectIdentity(totals: ExpectedTotals): void {
  expect(totals.subtotal + totals.deliveryFee + totals.tax + totals.tip - totals.discount).toBe(totals.total);
  for (const amount of Object.values(totals).filter((value) => typeof value === 'number')) {
    expect(Number.isSafeInteger(amount)).toBe(true);
    expect(amount).toBeGreaterThanOrEqual(0);
  }
}

/** Independent reading of a Talabat order, in minor units, from the strings alone. */
function readTalabat(order: TalabatOrder, exponent: number) {
  const minor = (text: string): number => {
    expect(hasExactDecimals(text, exponent)).toBe(true);
    return decimalTextToMinor(text, exponent);
  };
  const topping = (t: TalabatTopping): number =>
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

function readDeliverooItem(item: DeliverooItem, currency: string): number {
  expect(item.unit_price.currency_code).toBe(currency);
  expect(item.total_price.currency_code).toBe(currency);
  expect(Number.isSafeInteger(item.total_price.fractional)).toBe(true);
  const modifiers = item.modifiers.reduce((sum, modifier) => sum + readDeliverooItem(modifier, currency), 0);
  expect(item.total_price.fractional).toBe(item.quantity * (item.unit_price.fractional + modifiers));
  return item.total_price.fractional;
}

describe('Talabat orders', () => {
  it.each(CURRENCIES)(`add up exactly in minor units over ${SEEDS.length} seeds (%s)`, (currency) =>
    forEverySeed((seed) => {
      const built = buildTalabatOrder(input(currency, seed));
      const read = readTalabat(built.order, currencyExponentOf(currency));
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

describe('Careem orders', () => {
  it.each(CURRENCIES)(`add up exactly in minor units over ${SEEDS.length} seeds (%s)`, (currency) =>
    forEverySeed((seed) => {
      const built = buildCareemOrder(input(currency, seed));
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

describe('Deliveroo orders', () => {
  it.each(CURRENCIES)(`add up exactly in minor units over ${SEEDS.length} seeds (%s)`, (currency) =>
    forEverySeed((seed) => {
      const built = buildDeliverooOrder(input(currency, seed));
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

describe('Jahez orders', () => {
  it.each(CURRENCIES)(`add up exactly in minor units over ${SEEDS.length} seeds (%s)`, (currency) =>
    forEverySeed((seed) => {
      const built = buildJahezOrder(input(currency, seed));
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

describe('payload variety and determinism', () => {
  const talabat = SEEDS.map((seed) => buildTalabatOrder(input('KWD', seed)).order);
  const deliveroo = SEEDS.map((seed) => buildDeliverooOrder(input('AED', seed)).order);

  it('repeats exactly for the same seed and differs across seeds', () => {
    expect(JSON.stringify(buildTalabatOrder(input('BHD', 42)))).toBe(
      JSON.stringify(buildTalabatOrder(input('BHD', 42))),
    );
    expect(JSON.stringify(buildCareemOrder(input('SAR', 42)))).toBe(JSON.stringify(buildCareemOrder(input('SAR', 42))));
    expect(new Set(talabat.map((order) => order.token)).size).toBe(SEEDS.length);
  });

  it('covers delivery and pick-up, Arabic and English, fees, tips, discounts and nested toppings', () => {
    expect(talabat.some((order) => order.expeditionType === 'pickup')).toBe(true);
    expect(talabat.some((order) => order.expeditionType === 'delivery')).toBe(true);
    expect(talabat.some((order) => /[\u0600-\u06FF]/.test(order.products[0]?.name ?? ''))).toBe(true);
    expect(talabat.some((order) => /^[A-Za-z]/.test(order.products[0]?.name ?? ''))).toBe(true);
    expect(talabat.some((order) => order.price.deliveryFees.length === 2)).toBe(true);
    expect(talabat.some((order) => order.price.riderTip !== '0.000')).toBe(true);
    expect(talabat.some((order) => order.price.discountAmountTotal !== '0.000')).toBe(true);
    expect(
      talabat.some((order) => order.products.some((p) => p.selectedToppings.some((t) => t.children.length > 0))),
    ).toBe(true);
    expect(talabat.some((order) => order.products.some((p) => p.selectedToppings.some((t) => t.quantity > 1)))).toBe(
      true,
    );
    expect(deliveroo.some((order) => order.items.some((i) => i.modifiers.some((m) => m.modifiers.length > 0)))).toBe(
      true,
    );
    expect(new Set(deliveroo.map((order) => order.fulfillment_type))).toEqual(
      new Set(['deliveroo', 'restaurant', 'customer']),
    );
    expect(deliveroo.some((order) => order.cash_due.fractional > 0)).toBe(true);
  });

  it('refuses a currency it cannot price', () => {
    expect(() => buildJahezOrder(input('XYZ', 1))).toThrow(/XYZ/);
  });
});
