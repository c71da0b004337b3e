import type { DemoMenu } from './demo-menus';

/** Dishes per category, and one modifier group (of three option items) per this many items. */
const CATEGORY_SIZE = 25;
const ITEMS_PER_GROUP = 50;
const OPTIONS_PER_GROUP = 3;

/**
 * A made-up menu of exactly `itemCount` items, modifier options included,
 * for measuring a big menu publish (`npm run bench -- --scenario control`,
 * docs/control-plane.md "Figures"): dishes in categories of 25, one modifier
 * group of three options per 50 items, every fifth dish offering one group.
 * Names are within every provider's limits (docs/control-plane.md,
 * "Validation"), prices have `decimals` places (the currency's exponent), POS
 * ids are `GEN-<n>`. The same count gives the same menu.
 */
export function generatedMenu(itemCount: number, decimals: number): DemoMenu {
  if (!Number.isInteger(itemCount) || itemCount < OPTIONS_PER_GROUP + 1 || itemCount > 10_000)
    throw new RangeError(`A generated menu has 4 to 10000 items, not ${String(itemCount)}.`);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 3)
    throw new RangeError(`A currency has 0 to 3 decimals, not ${String(decimals)}.`);
  const price = (major: number): string => (decimals === 0 ? `${major}` : `${major}.${'5'.padEnd(decimals, '0')}`);

  const groupCount = Math.floor(itemCount / ITEMS_PER_GROUP);
  const modifierGroups: DemoMenu['modifierGroups'] = [];
  const items: DemoMenu['items'] = [];
  for (let g = 1; g <= groupCount; g += 1) {
    const optionRefs: string[] = [];
    for (let o = 1; o <= OPTIONS_PER_GROUP; o += 1) {
      const ref = `g${g}-o${o}`;
      optionRefs.push(ref);
      items.push({
        ref,
        externalPosId: `GEN-${items.length + 1}`,
        name: { en: `Extra ${g}.${o}`, ar: `إضافة ${g}.${o}` },
        price: price(o),
      });
    }
    modifierGroups.push({
      ref: `g${g}`,
      name: { en: `Extras ${g}`, ar: `إضافات ${g}` },
      min: 0,
      max: OPTIONS_PER_GROUP,
      optionRefs,
    });
  }

  const categories: DemoMenu['categories'] = [];
  const dishCount = itemCount - items.length;
  for (let d = 1; d <= dishCount; d += 1) {
    const ref = `d${d}`;
    items.push({
      ref,
      externalPosId: `GEN-${items.length + 1}`,
      name: { en: `Dish ${d}`, ar: `طبق ${d}` },
      price: price(10 + (d % 40)),
      ...(groupCount > 0 && d % 5 === 1 ? { modifierGroupRefs: [`g${1 + (Math.floor(d / 5) % groupCount)}`] } : {}),
    });
    const category = Math.ceil(d / CATEGORY_SIZE);
    if (categories.length < category)
      categories.push({
        ref: `c${category}`,
        name: { en: `Section ${category}`, ar: `قسم ${category}` },
        itemRefs: [],
      });
    categories[category - 1]!.itemRefs.push(ref);
  }
  return {
    name: { en: `Generated menu of ${itemCount} items`, ar: `قائمة من ${itemCount} صنف` },
    categories,
    items,
    modifierGroups,
  };
}
