import type { CanonicalItem } from '../adapter';
import { PayloadError } from './errors';
import { totalsWarnings } from './totals';

const item = (total: number): CanonicalItem => ({
  externalId: null,
  name: 'x',
  quantity: 1,
  unitPrice: total,
  total,
  notes: null,
  modifiers: [],
});
const amounts = { currency: 'KWD', subtotal: 3000, deliveryFee: 500, discount: 250, tax: 0, tip: 100, total: 3350 };

describe('totals check', () => {
  it('finds nothing wrong with figures that add up', () => {
    expect(totalsWarnings([item(1000), item(2000)], amounts)).toEqual([]);
  });

  it.each<[string, CanonicalItem[], Partial<typeof amounts>, string[]]>([
    [
      'lines that miss the subtotal',
      [item(1000), item(1500)],
      {},
      ['Line items add up to 2.500 KWD but the subtotal is 3.000 KWD.'],
    ],
    [
      'a total off by one fils',
      [item(1000), item(2000)],
      { total: 3351 },
      ['Subtotal + delivery fee + tax + tip - discount = 3.350 KWD but the total is 3.351 KWD.'],
    ],
    [
      'both',
      [item(10)],
      { currency: 'JPY', subtotal: 20, deliveryFee: 0, discount: 0, tip: 0, total: 25 },
      [
        'Line items add up to 10 JPY but the subtotal is 20 JPY.',
        'Subtotal + delivery fee + tax + tip - discount = 20 JPY but the total is 25 JPY.',
      ],
    ],
  ])('warns, in words staff can read, about %s', (_case, items, changes, expected) => {
    expect(totalsWarnings(items, { ...amounts, ...changes })).toEqual(expected);
  });

  // Found by fuzzing: two amounts near the limit summed past it, and formatting that sum threw a MoneyError (not a PayloadError).
  it.each<[string, CanonicalItem[], Partial<typeof amounts>, string]>([
    [
      'a delivery fee and total at the limit',
      [item(3000)],
      { deliveryFee: Number.MAX_SAFE_INTEGER, total: Number.MAX_SAFE_INTEGER },
      'Subtotal + delivery fee + tax + tip - discount is too large',
    ],
    ['lines at the limit', [item(Number.MAX_SAFE_INTEGER), item(1)], {}, 'The sum of the line items is too large'],
  ])('refuses, with a PayloadError, %s', (_case, items, changes, reason) => {
    expect(() => totalsWarnings(items, { ...amounts, ...changes })).toThrow(new PayloadError(reason));
  });
});
