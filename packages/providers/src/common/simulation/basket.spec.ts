import { basketSubtotal, flattenChoices, lineTotal, randomBasket } from './basket';
import { OWN_MENU } from './own-menu.fixture';
import { createRandom } from './random';

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
