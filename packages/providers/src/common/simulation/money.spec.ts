import {
  currencyExponentOf,
  localPriceMinor,
  minorToDecimalNumber,
  minorToDecimalString,
  percentOfMinor,
} from './money';

describe('minorToDecimalString', () => {
  it.each([
    [2500, 'KWD', '2.500'],
    [5, 'KWD', '0.005'],
    [1375, 'BHD', '1.375'],
    [0, 'BHD', '0.000'],
    [1850, 'AED', '18.50'],
    [7, 'SAR', '0.07'],
    [-1234, 'AED', '-12.34'],
    [100000, 'OMR', '100.000'],
  ])('%i minor units of %s render as %s', (minor, currency, expected) => {
    expect(minorToDecimalString(minor, currency)).toBe(expected);
  });

  it('refuses fractions of a minor unit and unknown currencies', () => {
    expect(() => minorToDecimalString(1.5, 'AED')).toThrow(/safe integer/);
    expect(() => minorToDecimalString(100, 'XYZ')).toThrow(/XYZ/);
  });
});

describe('currency exponents (ISO 4217)', () => {
  it.each([
    ['AED', 2],
    ['SAR', 2],
    ['QAR', 2],
    ['KWD', 3],
    ['BHD', 3],
    ['OMR', 3],
    ['JOD', 3],
  ])('%s has %i decimals', (currency, exponent) => {
    expect(currencyExponentOf(currency)).toBe(exponent);
  });
});

describe('minorToDecimalNumber', () => {
  it('gives the number whose shortest text is the decimal', () => {
    expect(JSON.stringify({ price: minorToDecimalNumber(1850, 'AED') })).toBe('{"price":18.5}');
    expect(JSON.stringify({ price: minorToDecimalNumber(1375, 'KWD') })).toBe('{"price":1.375}');
  });
});

describe('localPriceMinor', () => {
  it('snaps local prices to the 5-minor-unit grid and never prices a paid item at zero', () => {
    for (const currency of ['AED', 'SAR', 'KWD', 'BHD', 'QAR', 'OMR']) {
      for (const aed of [50, 350, 1200, 9500]) {
        const price = localPriceMinor(aed, currency);
        expect(price % 5).toBe(0);
        expect(price).toBeGreaterThan(0);
      }
      expect(localPriceMinor(0, currency)).toBe(0);
    }
  });
});

describe('percentOfMinor', () => {
  it.each([
    [1000, 5, 50],
    [1010, 5, 51], // 50.5 rounds half up
    [999, 15, 150], // 149.85
    [0, 10, 0],
  ])('%i x %i %% = %i', (amount, percent, expected) => {
    expect(percentOfMinor(amount, percent)).toBe(expected);
  });
});
