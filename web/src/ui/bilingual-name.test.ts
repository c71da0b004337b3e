import { hasArabic, splitBilingualName } from './bilingual-name';

describe('bilingual names', () => {
  it.each([
    ['Chicken Shawarma Wrap | شاورما دجاج', { primary: 'Chicken Shawarma Wrap', arabic: 'شاورما دجاج' }],
    ['كنافة | Kunafa', { primary: 'Kunafa', arabic: 'كنافة' }],
    ['ساندويش شاورما دجاج', { primary: 'ساندويش شاورما دجاج', arabic: null }],
    ['Falafel Wrap', { primary: 'Falafel Wrap', arabic: null }],
    // Two English parts, or a stray bar, are one name: nothing to split.
    ['Size | Large', { primary: 'Size | Large', arabic: null }],
    ['Karak | ', { primary: 'Karak |', arabic: null }],
    ['A | ب | C', { primary: 'A | ب | C', arabic: null }],
  ])('%s', (name, expected) => {
    expect(splitBilingualName(name)).toEqual(expected);
  });

  it('recognises Arabic script, including presentation forms', () => {
    expect([hasArabic('لبن'), hasArabic('ﻻ'), hasArabic('Laban'), hasArabic('١٢٫٥')]).toEqual([
      true,
      true,
      false,
      true,
    ]);
  });
});
