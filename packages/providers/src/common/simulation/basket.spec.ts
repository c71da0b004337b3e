import { basketSubtotal, flattenChoices, lineTotal, randomBasket } from './basket';
import type { Menu } from './menus';
import { createRandom } from './random';

/** A menu priced in the connection's own currency, as the demo writes its catalog menu (SimulatedConnection.menu). */
const OWN_MENU: Menu = {
  id: 'bistro',
  en: 'Bistro',
  ar: 'بيسترو',
  items: [
    {
      id: 'wrap',
      platformId: 1,
      en: 'Falafel Wrap',
      ar: 'لفافة فلافل',
      priceAed: 0,
      priceMinor: 1850,
      posId: 'BIS-103',
      groups: [
        {
          id: 'sauces',
          en: 'Sauces',
          ar: 'الصلصات',
          min: 1,
          max: 1,
          options: [{ id: 'tahini', en: 'Tahini', ar: 'طحينة', priceAed: 0, priceMinor: 200, posId: 'BIS-902' }],
        },
      ],
    },
    { id: 'soup', platformId: 2, en: 'Lentil Soup', ar: 'شوربة عدس', priceAed: 0, priceMinor: 1550, groups: [] },
  ],
};

describe('randomBasket', () => {
  it("draws from the connection's own menu: its POS ids and its prices as they are", () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const basket = randomBasket(createRandom(seed), 'store-1', 'SAR', OWN_MENU);
      expect(basket.menu).toBe(OWN_MENU);
      for (const line of basket.lines) {
        const [posId, price] = line.id === 'wrap' ? ['BIS-103', 1850] : ['POS-SOUP', 1550];
        expect([line.remoteCode, line.unitPrice]).toEqual([posId, price]);
        for (const choice of flattenChoices(line.choices))
          expect([choice.remoteCode, choice.unitPrice]).toEqual(['BIS-902', 200]);
      }
      expect(basketSubtotal(basket)).toBe(basket.lines.reduce((sum, line) => sum + lineTotal(line), 0));
    }
  });

  it('keeps to the built-in menu of the store without one', () => {
    const basket = randomBasket(createRandom(3), 'store-1', 'SAR');
    expect(basket.menu.id).not.toBe(OWN_MENU.id);
    expect(basket.lines.every((line) => line.remoteCode.startsWith('POS-'))).toBe(true);
  });
});
