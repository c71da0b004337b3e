import { currencyExponent, MoneyError, sumMoney, toDecimalString, toMinorUnits } from './money';

describe('money', () => {
  it.each([
    ['SAR', 2],
    ['AED', 2],
    ['KWD', 3],
    ['BHD', 3],
    ['JOD', 3],
    ['OMR', 3],
    ['JPY', 0],
    ['GBP', 2],
    ['CLF', 4],
  ])('knows the ISO 4217 exponent of %s is %i', (currency, exponent) => {
    expect(currencyExponent(currency)).toBe(exponent);
  });

  it.each([
    ['12.50', 'SAR', 1250],
    ['12.5', 'SAR', 1250],
    [12.5, 'SAR', 1250],
    [0.3, 'SAR', 30],
    [19.99, 'GBP', 1999],
    ['1.250', 'KWD', 1250],
    ['0.005', 'KWD', 5],
    [2.345, 'BHD', 2345],
    ['100', 'JPY', 100],
    ['100.00', 'JPY', 100],
    [1e21, 'JPY', null],
    ['0', 'AED', 0],
    ['-3.10', 'AED', -310],
    [4.35, 'SAR', 435],
    [1.005, 'KWD', 1005],
    [1e-2, 'SAR', 1],
  ] as const)('converts %p %s to %p minor units without float error', (value, currency, expected) => {
    if (expected === null) expect(() => toMinorUnits(value, currency)).toThrow(MoneyError);
    else expect(toMinorUnits(value, currency)).toBe(expected);
  });

  it.each([
    ['12.345', 'SAR'],
    ['1.2345', 'KWD'],
    ['1.5', 'JPY'],
    ['abc', 'SAR'],
    ['1,50', 'SAR'],
    ['', 'SAR'],
    ['1.5', 'XXX1'],
    ['1.5', 'ZZZ'],
  ])('refuses %p %s', (value, currency) => {
    expect(() => toMinorUnits(value, currency)).toThrow(MoneyError);
  });

  it('refuses non-finite numbers', () => {
    expect(() => toMinorUnits(Number.NaN, 'SAR')).toThrow(MoneyError);
    expect(() => toMinorUnits(Number.POSITIVE_INFINITY, 'SAR')).toThrow(MoneyError);
  });

  it.each([
    [1250, 'SAR', '12.50'],
    [5, 'KWD', '0.005'],
    [100, 'JPY', '100'],
    [-310, 'AED', '-3.10'],
  ])('prints %i %s as %s', (amount, currency, text) => {
    expect(toDecimalString(amount, currency)).toBe(text);
    expect(toMinorUnits(text, currency)).toBe(amount);
  });

  it('adds only amounts of one currency', () => {
    expect(
      sumMoney(
        [
          { amount: 1250, currency: 'SAR' },
          { amount: 5, currency: 'SAR' },
        ],
        'SAR',
      ),
    ).toEqual({
      amount: 1255,
      currency: 'SAR',
    });
    expect(() => sumMoney([{ amount: 1, currency: 'KWD' }], 'SAR')).toThrow(/cannot add KWD to SAR/);
  });
});
