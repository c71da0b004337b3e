import { orderTotalsWarnings, type OrderAmounts } from './order-totals';

const consistent = (currency: string, overrides: Partial<OrderAmounts> = {}): OrderAmounts => ({
  currency,
  itemTotals: [1500, 2250],
  subtotal: 3750,
  deliveryFee: 500,
  discount: 250,
  tax: 188,
  tip: 0,
  total: 4188,
  ...overrides,
});

describe(orderTotalsWarnings.name, () => {
  it.each([
    ['SAR (2 decimals)', consistent('SAR')],
    [
      'KWD (3 decimals)',
      consistent('KWD', {
        itemTotals: [1250, 3500],
        subtotal: 4750,
        deliveryFee: 500,
        tax: 0,
        tip: 100,
        discount: 350,
        total: 5000,
      }),
    ],
    [
      'JPY (0 decimals)',
      consistent('JPY', {
        itemTotals: [800, 1200],
        subtotal: 2000,
        deliveryFee: 300,
        tax: 200,
        tip: 0,
        discount: 0,
        total: 2500,
      }),
    ],
    ['a tip and a discount that cancel out', consistent('AED', { tip: 250, discount: 250, total: 4438 })],
  ])('finds nothing wrong when %s amounts add up', (_label, amounts) => {
    expect(orderTotalsWarnings(amounts)).toEqual([]);
  });

  it('reports line items that do not add up to the subtotal, in KWD with 3 decimals', () => {
    const warnings = orderTotalsWarnings({
      currency: 'KWD',
      itemTotals: [1250, 3500],
      subtotal: 4500,
      deliveryFee: 500,
      discount: 0,
      tax: 0,
      tip: 0,
      total: 5000,
    });
    // 4.500 + 0.500 = 5.000 matches the total, so only the items are flagged.
    expect(warnings).toEqual(['Line items add up to 4.750 KWD but the subtotal is 4.500 KWD.']);
  });

  it('reports a total that does not match its parts, in JPY with no decimals', () => {
    const warnings = orderTotalsWarnings({
      currency: 'JPY',
      itemTotals: [800, 1200],
      subtotal: 2000,
      deliveryFee: 300,
      discount: 100,
      tax: 200,
      tip: 50,
      total: 2500,
    });
    expect(warnings).toEqual(['Subtotal + delivery fee + tax + tip - discount = 2450 JPY but the total is 2500 JPY.']);
  });

  it('reports both mismatches at once, in SAR with 2 decimals', () => {
    const warnings = orderTotalsWarnings({
      currency: 'SAR',
      itemTotals: [1999, 1],
      subtotal: 2001,
      deliveryFee: 0,
      discount: 0,
      tax: 0,
      tip: 0,
      total: 2000,
    });
    expect(warnings).toEqual([
      'Line items add up to 20.00 SAR but the subtotal is 20.01 SAR.',
      'Subtotal + delivery fee + tax + tip - discount = 20.01 SAR but the total is 20.00 SAR.',
    ]);
  });

  it('treats an order without items as adding up to zero', () => {
    expect(
      orderTotalsWarnings({
        currency: 'BHD',
        itemTotals: [],
        subtotal: 0,
        deliveryFee: 0,
        discount: 0,
        tax: 0,
        tip: 0,
        total: 0,
      }),
    ).toEqual([]);
  });
});
