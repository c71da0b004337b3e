import { toMinorUnits } from '@nexara/kit';
import { DEMO_TENANTS } from './demo-data';
import { dishesOf, importMenuInput, optionsOf, simulatorMenu, type DemoMenu } from './demo-menus';

describe('the demo menus', () => {
  it.each(DEMO_TENANTS.map((demo) => [demo.slug, demo] as const))(
    '%s: every ref is listed once, every item named in both languages and priced in its currency',
    (_slug, demo) => {
      const refs = demo.menu.items.map((item) => item.ref);
      expect(new Set(refs).size).toBe(refs.length);
      const posIds = demo.menu.items.map((item) => item.externalPosId);
      expect(new Set(posIds).size).toBe(posIds.length);
      for (const item of demo.menu.items) {
        expect([item.ref, item.name.en.length >= 2, item.name.ar.length >= 2]).toEqual([item.ref, true, true]);
        // Throws for more decimals than the currency has (SAR 2, KWD 3).
        expect(toMinorUnits(item.price, demo.currency)).toBeGreaterThanOrEqual(0);
      }
      const named = [
        ...demo.menu.categories.flatMap((c) => c.itemRefs),
        ...demo.menu.modifierGroups.flatMap((g) => g.optionRefs),
      ];
      expect(named.filter((ref) => !refs.includes(ref))).toEqual([]);
      expect(importMenuInput(demo.menu, demo.currency, ['branch-1'])).toMatchObject({
        currency: demo.currency,
        branchIds: ['branch-1'],
      });
    },
  );

  it("gives the simulator the dishes with their options, in the currency's minor units and with their POS ids", () => {
    const bistro = DEMO_TENANTS.find((demo) => demo.slug === 'demo-bistro')!;
    const menu = simulatorMenu(bistro.menu, bistro, 'SAR');
    expect(menu.items.map((item) => item.posId)).toEqual(dishesOf(bistro.menu).map((dish) => dish.externalPosId));
    const wrap = menu.items.find((item) => item.en === 'Falafel Wrap')!;
    expect([wrap.priceMinor, wrap.ar, wrap.groups.map((g) => g.id)]).toEqual([
      1850,
      'لفافة فلافل',
      ['sauces', 'extras'],
    ]);
    const dish = dishesOf(bistro.menu).find((d) => d.ref === 'falafel-wrap')!;
    expect(wrap.groups.flatMap((g) => g.options.map((o) => o.posId))).toEqual(
      optionsOf(bistro.menu, dish).map((o) => o.externalPosId),
    );

    const harbor = DEMO_TENANTS.find((demo) => demo.slug === 'harbor-grill')!;
    const hammour = simulatorMenu(harbor.menu, harbor, 'KWD').items.find((item) => item.posId === 'HG-201')!;
    expect(hammour.priceMinor).toBe(4750);
  });

  it('names a ref a group lists but the menu does not', () => {
    const broken: DemoMenu = {
      ...DEMO_TENANTS[0]!.menu,
      modifierGroups: [{ ref: 'g', name: { en: 'G', ar: 'ج' }, min: 0, max: 1, optionRefs: ['ghost'] }],
    };
    expect(() => importMenuInput(broken, 'SAR', [])).toThrow('names an item ref "ghost" it does not list');
  });
});
