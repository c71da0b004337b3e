import { anOrderRow } from './order-row.fixture';
import { csvField, minorUnitsToDecimal, ordersCsv } from './orders-csv';

describe('orders as CSV', () => {
  it('writes money exactly from minor units, with each currency’s exponent', () => {
    expect(minorUnitsToDecimal(1250, 'SAR')).toBe('12.50');
    expect(minorUnitsToDecimal(1250, 'KWD')).toBe('1.250');
    expect(minorUnitsToDecimal(1250, 'JPY')).toBe('1250');
    expect(minorUnitsToDecimal(5, 'SAR')).toBe('0.05');
    expect(minorUnitsToDecimal(-5, 'SAR')).toBe('-0.05');
    expect(minorUnitsToDecimal(0, 'KWD')).toBe('0.000');
    // Beyond what a float would keep in cents exactly when divided and printed.
    expect(minorUnitsToDecimal(900719925474099, 'SAR')).toBe('9007199254740.99');
  });

  it('quotes fields with commas, quotes and line breaks, and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Al-Ali, Dana')).toBe('"Al-Ali, Dana"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('writes a header and one CRLF line per order, in the tenant’s time, formulas defused', () => {
    const order = anOrderRow({
      displayCode: 'AB-1',
      placedAt: '2026-03-12T21:30:07.000Z',
      customer: { name: '=HYPERLINK("x"), Dana', phone: '+966500000000' },
      total: { amount: 12345, currency: 'SAR' },
    });
    const lines = ordersCsv([order], 'Asia/Riyadh').split('\r\n');
    expect(lines[0]).toBe(
      'Order,Provider order id,Provider,Status,Test,Placed (Asia/Riyadh),Placed (UTC),Customer,Customer phone,Connection,Total,Currency',
    );
    expect(lines[1]).toContain(',2026-03-13 00:30:07,2026-03-12T21:30:07.000Z,');
    expect(lines[1]).toContain(`,"'=HYPERLINK(""x""), Dana",'+966500000000,`);
    expect(lines[1]!.endsWith(',123.45,SAR')).toBe(true);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
  });
});
