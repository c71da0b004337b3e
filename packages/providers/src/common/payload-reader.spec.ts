import { MAX_MODIFIER_DEPTH } from '@nexara/kit';
import { PayloadError } from './errors';
import { PayloadObject } from './payload-reader';

const read = (value: Record<string, unknown>): PayloadObject => PayloadObject.of(value, 'body');

describe('PayloadObject', () => {
  it.each<[unknown, string, number]>([
    ['12.5', 'SAR', 1250],
    [12.5, 'SAR', 1250],
    [12.5, 'KWD', 12500],
    ['1.250', 'KWD', 1250],
    ['0.001', 'KWD', 1],
    [1200, 'JPY', 1200],
    ['1200.00', 'JPY', 1200],
    [0.3, 'AED', 30],
    // 1.15 * 100 is 114.99999999999999 in binary floating point.
    [1.15, 'AED', 115],
    [4.35, 'KWD', 4350],
    ['  7 ', 'AED', 700],
  ])('reads %p %s as %i minor units, exactly', (value, currency, expected) => {
    expect(read({ amount: value }).money('amount', currency)).toBe(expected);
  });

  it.each<[unknown, string, RegExp]>([
    ['12.345', 'SAR', /body\.amount: 12\.345 has more decimals than SAR allows \(2\)/],
    ['1.5', 'JPY', /body\.amount: 1\.5 has more decimals than JPY allows \(0\)/],
    ['1e3', 'SAR', /is not a decimal amount/],
    ['', 'SAR', /is not a decimal amount/],
    [true, 'SAR', /body\.amount must be a decimal amount/],
    [{ value: 1 }, 'SAR', /body\.amount must be a decimal amount/],
    ['-1', 'SAR', /body\.amount must not be negative/],
    [Number.NaN, 'SAR', /not a finite amount/],
    ['10', 'XXY', /"XXY" is not an ISO 4217 currency code/],
  ])('refuses %p %s', (value, currency, reason) => {
    const run = (): unknown => read({ amount: value }).money('amount', currency);
    expect(run).toThrow(PayloadError);
    expect(run).toThrow(reason);
  });

  it('allows a negative amount only where asked (a modifier taking money off)', () => {
    expect(read({ amount: '-1.00' }).money('amount', 'SAR', { mayBeNegative: true })).toBe(-100);
  });

  it.each([
    ['2025-03-14T19:15:42+04:00', '2025-03-14T15:15:42.000Z'],
    ['2025-03-14T15:15:42Z', '2025-03-14T15:15:42.000Z'],
    ['2025-03-14T15:15:42.123456Z', '2025-03-14T15:15:42.123Z'],
    ['2025-03-14T15:15+0300', '2025-03-14T12:15:00.000Z'],
  ])('reads the instant %s as %s', (text, expected) => {
    expect(read({ at: text }).instant('at')).toBe(expected);
  });

  it.each(['2025-03-14 15:15:42', '2025-03-14T15:15:42', '14/03/2025', '2025-13-40T99:99:99Z', 1710429342])(
    'refuses the instant %p',
    (value) => {
      expect(() => read({ at: value }).instant('at')).toThrow(PayloadError);
    },
  );

  it('names the path of what is wrong, down through arrays', () => {
    const body = read({
      items: [
        { name: 'ok', quantity: 1 },
        { name: 'bad', quantity: 1.5 },
      ],
    });
    expect(() => body.objects('items').map((item) => item.integer('quantity'))).toThrow(
      'body.items[1].quantity must be a whole number of at least 1',
    );
  });

  it('reads blank strings as absent and ids as text', () => {
    const body = read({ blank: '  ', id: 42, text: ' x ', zero: 0 });
    expect(body.optionalString('blank')).toBeNull();
    expect(body.optionalString('missing')).toBeNull();
    expect(body.id('id')).toBe('42');
    expect(body.optionalText('zero')).toBe('0');
    expect(body.string('text')).toBe('x');
    expect(() => body.string('blank')).toThrow('body.blank is required');
    expect(() => body.id('blank')).toThrow(PayloadError);
  });

  // Found by fuzzing (adapter-fuzz.spec.ts): each of these reached the database or the stack and failed there.
  describe('hostile payloads', () => {
    it.each([
      ['a NUL', 'Omar\u0000'],
      ['an unpaired surrogate', 'Omar \ud800'],
    ])('refuses text holding %s, which no order can store', (_case, text) => {
      const body = read({ name: text, id: text });
      expect(() => body.optionalString('name')).toThrow(
        new PayloadError('body.name holds a character no order can store (U+0000 or an unpaired surrogate)'),
      );
      expect(() => body.id('id')).toThrow(PayloadError);
    });

    it('keeps a reason that quotes the value storable and short', () => {
      const run = (): unknown => read({ amount: `1\u0000${'9'.repeat(500)}` }).money('amount', 'SAR');
      expect(run).toThrow(PayloadError);
      try {
        run();
      } catch (error) {
        const reason = (error as PayloadError).reason;
        expect(reason).not.toContain('\u0000');
        expect(reason.length).toBeLessThan(300);
      }
    });

    it(`refuses modifiers nested deeper than ${MAX_MODIFIER_DEPTH} levels before reading them`, () => {
      let modifier: Record<string, unknown> = { name: 'leaf' };
      for (let level = 0; level < 20_000; level += 1) modifier = { name: `level ${level}`, modifiers: [modifier] };
      const readAll = (source: PayloadObject, depth: number): unknown => ({
        name: source.string('name'),
        modifiers: source.modifiers('modifiers', depth + 1, readAll),
      });
      const run = (): unknown => read({ modifiers: [modifier] }).modifiers('modifiers', 1, readAll);
      expect(run).toThrow(PayloadError);
      expect(run).toThrow(`nests modifiers deeper than ${MAX_MODIFIER_DEPTH} levels`);
    });
  });
});
