import { currencyExponent, formatAmount, formatMoney, formatMoneyList, sumByCurrency } from './money';

describe('money', () => {
  it.each([
    ['SAR', 2],
    ['KWD', 3],
    ['BHD', 3],
    ['JPY', 0],
    ['AED', 2],
  ])('reads the ISO 4217 exponent of %s as %i', (currency, exponent) => {
    expect(currencyExponent(currency)).toBe(exponent);
  });

  it.each([
    [1250, 'SAR', 'SAR 12.50'],
    [1250, 'KWD', 'KWD 1.250'],
    [5, 'KWD', 'KWD 0.005'],
    [1250, 'JPY', 'JPY 1,250'],
    [-2550, 'AED', '-AED 25.50'],
    [123456789, 'SAR', 'SAR 1,234,567.89'],
  ])('formats %i minor units of %s as %s', (amount, currency, expected) => {
    expect(formatMoney(amount, currency, 'en-US').replace(/\u00a0/g, ' ')).toBe(expected);
  });

  it.each([
    [1250, 'SAR', '12.50'],
    [1250, 'KWD', '1.250'],
    [5, 'BHD', '0.005'],
    [1250, 'JPY', '1,250'],
    [-300, 'AED', '-3.00'],
    [123456789, 'KWD', '123,456.789'],
  ])('writes %i minor units of %s as the bare amount %s (for ticket columns)', (amount, currency, expected) => {
    expect(formatAmount(amount, currency)).toBe(expected);
  });

  it('never adds different currencies together', () => {
    const sums = sumByCurrency([
      { amount: 1000, currency: 'SAR' },
      { amount: 250, currency: 'KWD' },
      { amount: 500, currency: 'SAR' },
    ]);
    expect(sums).toEqual([
      { amount: 250, currency: 'KWD' },
      { amount: 1500, currency: 'SAR' },
    ]);
    expect(formatMoneyList(sums, 'en-US').replace(/\u00a0/g, ' ')).toBe('KWD 0.250 · SAR 15.00');
    expect(formatMoneyList([])).toBe('—');
  });
});
