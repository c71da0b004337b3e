import { en as kitchenEn, ar as kitchenAr } from '../i18n/strings/kitchen.strings';
import { en as printingEn, ar as printingAr } from '../i18n/strings/printing.strings';
import { fill } from './fill';

describe('fill (i18next-style placeholders)', () => {
  it('puts each value in its {{placeholder}}, and leaves unknown ones visible', () => {
    expect(fill('Order {{code}}: mark {{ step }}', { code: 'A-1', step: 'ready' })).toBe('Order A-1: mark ready');
    expect(fill('{{n}} of {{total}}', { n: 3 })).toBe('3 of {{total}}');
  });

  /** The same placeholders in both languages, or a translation would show a raw {{name}}. */
  const placeholders = (strings: object): Record<string, string> =>
    Object.fromEntries(
      Object.entries(strings).flatMap(([key, value]) =>
        typeof value === 'string'
          ? [
              [
                key,
                [...value.matchAll(/\{\{\s*(\w+)\s*\}\}/g)]
                  .map((m) => m[1])
                  .sort()
                  .join(','),
              ],
            ]
          : Object.entries(placeholders(value as object)).map(([inner, names]) => [`${key}.${inner}`, names]),
      ),
    );

  it.each([
    ['kitchen', kitchenEn, kitchenAr],
    ['printing', printingEn, printingAr],
  ])('the %s strings take the same placeholders in Arabic as in English', (_, en, ar) => {
    expect(placeholders(ar)).toEqual(placeholders(en));
  });
});
