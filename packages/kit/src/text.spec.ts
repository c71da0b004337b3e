import { isStorableText, storableText } from './text';

describe('storable text', () => {
  it.each([
    ['plain text', 'Falafel Plate | صحن فلافل', true],
    ['an emoji (a surrogate pair)', 'Mint 🍋', true],
    ['a NUL', 'a\u0000b', false],
    ['a lone high surrogate', 'x\ud800', false],
    ['a lone low surrogate', '\udfffy', false],
    ['other control characters', 'tab\tnew\nline\u0001', true],
  ])('%s: %s', (_case, text, storable) => {
    expect(isStorableText(text)).toBe(storable);
    expect(isStorableText(storableText(text))).toBe(true);
  });

  it('replaces only what PostgreSQL refuses', () => {
    expect(storableText('a\u0000b\ud800c🍋')).toBe('a\ufffdb\ufffdc🍋');
  });
});
