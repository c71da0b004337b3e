import { toMinorUnits } from '@nexara/kit';
import type { SimulatedMenu, SimulatedMenuGroup, SimulatedMenuOption } from '@nexara/providers';

/**
 * A demo restaurant's menu, in the shape of the catalog's `ImportMenuInput`
 * (docs/control-plane.md): categories of item refs, items (modifier options are
 * items too, listed in no category), groups of option refs. Prices are decimal
 * strings in the tenant's currency; an option costs its own price on top of the
 * item it is chosen with.
 */
export type DemoMenu = {
  name: { en: string; ar: string };
  categories: { ref: string; name: { en: string; ar: string }; itemRefs: string[] }[];
  items: {
    ref: string;
    externalPosId: string;
    name: { en: string; ar: string };
    price: string;
    modifierGroupRefs?: string[];
  }[];
  modifierGroups: { ref: string; name: { en: string; ar: string }; min: number; max: number; optionRefs: string[] }[];
};

type Item = DemoMenu['items'][number];
const item = (ref: string, externalPosId: string, en: string, ar: string, price: string, groups?: string[]): Item => ({
  ref,
  externalPosId,
  name: { en, ar },
  price,
  ...(groups ? { modifierGroupRefs: groups } : {}),
});

/** Demo Bistro, Riyadh: Levantine and Saudi dishes in SAR (2 decimals). */
export const BISTRO_MENU: DemoMenu = {
  name: { en: 'Demo Bistro all day', ar: 'ديمو بيسترو طوال اليوم' },
  categories: [
    { ref: 'mezze', name: { en: 'Mezze', ar: 'مقبلات' }, itemRefs: ['hummus', 'moutabal', 'falafel-wrap'] },
    {
      ref: 'mains',
      name: { en: 'Mains', ar: 'الأطباق الرئيسية' },
      itemRefs: ['shawarma-plate', 'mixed-grill', 'kabsa'],
    },
    { ref: 'salads', name: { en: 'Salads and soups', ar: 'سلطات وشوربات' }, itemRefs: ['fattoush', 'lentil-soup'] },
    { ref: 'desserts', name: { en: 'Desserts', ar: 'حلويات' }, itemRefs: ['kunafa', 'umm-ali'] },
    { ref: 'drinks', name: { en: 'Drinks', ar: 'مشروبات' }, itemRefs: ['mint-lemonade', 'arabic-coffee'] },
  ],
  items: [
    item('hummus', 'BIS-101', 'Hummus with Pine Nuts', 'حمص بالصنوبر', '21.00', ['extras']),
    item('moutabal', 'BIS-102', 'Moutabal', 'متبل', '19.00'),
    item('falafel-wrap', 'BIS-103', 'Falafel Wrap', 'لفافة فلافل', '18.50', ['sauces', 'extras']),
    item('shawarma-plate', 'BIS-201', 'Chicken Shawarma Plate', 'صحن شاورما دجاج', '32.00', ['size', 'sauces']),
    item('mixed-grill', 'BIS-202', 'Mixed Grill for Two', 'مشاوي مشكلة لشخصين', '89.00', ['sauces']),
    item('kabsa', 'BIS-203', 'Lamb Kabsa', 'كبسة لحم', '54.00', ['size']),
    item('fattoush', 'BIS-301', 'Fattoush', 'فتوش', '22.00', ['extras']),
    item('lentil-soup', 'BIS-302', 'Lentil Soup', 'شوربة عدس', '15.50'),
    item('kunafa', 'BIS-401', 'Kunafa', 'كنافة', '26.00'),
    item('umm-ali', 'BIS-402', 'Umm Ali', 'أم علي', '19.00'),
    item('mint-lemonade', 'BIS-501', 'Mint Lemonade', 'ليمون بالنعناع', '12.00'),
    item('arabic-coffee', 'BIS-502', 'Arabic Coffee', 'قهوة عربية', '9.00'),
    item('garlic-sauce', 'BIS-901', 'Extra garlic sauce', 'صلصة ثوم إضافية', '2.00'),
    item('tahini', 'BIS-902', 'Tahini sauce', 'صلصة طحينة', '2.00'),
    item('spicy', 'BIS-903', 'Make it spicy', 'حار', '0'),
    item('regular', 'BIS-911', 'Regular', 'عادي', '0'),
    item('large', 'BIS-912', 'Large size', 'حجم كبير', '6.00'),
    item('halloumi', 'BIS-921', 'Add halloumi', 'إضافة حلوم', '7.50'),
    item('pickles', 'BIS-922', 'Extra pickles', 'مخلل إضافي', '1.50'),
  ],
  modifierGroups: [
    {
      ref: 'size',
      name: { en: 'Choose your size', ar: 'اختر الحجم' },
      min: 1,
      max: 1,
      optionRefs: ['regular', 'large'],
    },
    {
      ref: 'sauces',
      name: { en: 'Sauces', ar: 'الصلصات' },
      min: 0,
      max: 2,
      optionRefs: ['garlic-sauce', 'tahini', 'spicy'],
    },
    { ref: 'extras', name: { en: 'Extras', ar: 'إضافات' }, min: 0, max: 2, optionRefs: ['halloumi', 'pickles'] },
  ],
};

/** Harbor Grill, Kuwait: seafood in KWD (3 decimals). */
export const HARBOR_MENU: DemoMenu = {
  name: { en: 'Harbor Grill all day', ar: 'هاربر جريل طوال اليوم' },
  categories: [
    { ref: 'starters', name: { en: 'Starters', ar: 'مقبلات' }, itemRefs: ['harbor-salad', 'shrimp-soup'] },
    {
      ref: 'sea',
      name: { en: 'From the sea', ar: 'من البحر' },
      itemRefs: ['hammour', 'machboos', 'fish-and-chips', 'zubaidi'],
    },
    { ref: 'sandwiches', name: { en: 'Sandwiches', ar: 'سندويشات' }, itemRefs: ['lobster-roll', 'tikka-wrap'] },
    { ref: 'desserts', name: { en: 'Desserts', ar: 'حلويات' }, itemRefs: ['rice-pudding', 'lgaimat'] },
    { ref: 'drinks', name: { en: 'Drinks', ar: 'مشروبات' }, itemRefs: ['orange-juice', 'sparkling-water'] },
  ],
  items: [
    item('harbor-salad', 'HG-101', 'Harbor Salad', 'سلطة هاربر', '1.750', ['sauces']),
    item('shrimp-soup', 'HG-102', 'Shrimp Soup', 'شوربة روبيان', '1.500'),
    item('hammour', 'HG-201', 'Grilled Hammour', 'هامور مشوي', '4.750', ['side', 'sauces']),
    item('machboos', 'HG-202', 'Shrimp Machboos', 'مجبوس روبيان', '3.900', ['size']),
    item('fish-and-chips', 'HG-203', 'Fish and Chips', 'سمك وبطاطس', '2.850', ['sauces']),
    item('zubaidi', 'HG-204', 'Fried Zubaidi', 'زبيدي مقلي', '5.250', ['side']),
    item('lobster-roll', 'HG-301', 'Lobster Roll', 'ساندويش لوبستر', '5.500'),
    item('tikka-wrap', 'HG-302', 'Fish Tikka Wrap', 'لفافة تكا سمك', '2.250', ['sauces']),
    item('rice-pudding', 'HG-401', 'Saffron Rice Pudding', 'مهلبية بالزعفران', '1.250'),
    item('lgaimat', 'HG-402', 'Lgaimat', 'لقيمات', '1.000'),
    item('orange-juice', 'HG-501', 'Fresh Orange Juice', 'عصير برتقال طازج', '0.950'),
    item('sparkling-water', 'HG-502', 'Sparkling Water', 'مياه غازية', '0.500'),
    item('lemon-butter', 'HG-901', 'Extra lemon butter', 'زبدة الليمون إضافية', '0.250'),
    item('tartar', 'HG-902', 'Tartar sauce', 'صلصة التارتار', '0.200'),
    item('no-onions', 'HG-903', 'No onions', 'بدون بصل', '0'),
    item('white-rice', 'HG-911', 'White rice', 'رز أبيض', '0'),
    item('saffron-rice', 'HG-912', 'Saffron rice', 'رز بالزعفران', '0.350'),
    item('fries', 'HG-913', 'French fries', 'بطاطس مقلية', '0'),
    item('regular', 'HG-921', 'Regular', 'عادي', '0'),
    item('family', 'HG-922', 'Family size', 'حجم عائلي', '2.500'),
  ],
  modifierGroups: [
    {
      ref: 'side',
      name: { en: 'Choose your side', ar: 'اختر الطبق الجانبي' },
      min: 1,
      max: 1,
      optionRefs: ['white-rice', 'saffron-rice', 'fries'],
    },
    {
      ref: 'sauces',
      name: { en: 'Sauces', ar: 'الصلصات' },
      min: 0,
      max: 2,
      optionRefs: ['lemon-butter', 'tartar', 'no-onions'],
    },
    {
      ref: 'size',
      name: { en: 'Choose your size', ar: 'اختر الحجم' },
      min: 1,
      max: 1,
      optionRefs: ['regular', 'family'],
    },
  ],
};

/** The items staff sell on their own (every category's), in menu order. */
export function dishesOf(menu: DemoMenu): Item[] {
  const refs = new Set(menu.categories.flatMap((category) => category.itemRefs));
  return menu.items.filter((entry) => refs.has(entry.ref));
}

/** The options a dish may be ordered with, over all its groups. */
export function optionsOf(menu: DemoMenu, dish: Item): Item[] {
  const groups = menu.modifierGroups.filter((group) => dish.modifierGroupRefs?.includes(group.ref));
  return groups.flatMap((group) => group.optionRefs.map((ref) => itemByRef(menu, ref)));
}

function itemByRef(menu: DemoMenu, ref: string): Item {
  const found = menu.items.find((entry) => entry.ref === ref);
  if (!found) throw new Error(`The demo menu "${menu.name.en}" names an item ref "${ref}" it does not list.`);
  return found;
}

/** The catalog's `ImportMenuInput` for the menu, sold at the given branches. */
export function importMenuInput(menu: DemoMenu, currency: string, branchIds: string[]): Record<string, unknown> {
  return {
    branchIds,
    name: menu.name,
    currency,
    categories: menu.categories.map(({ ref, name, itemRefs }) => ({ ref, name, itemRefs })),
    items: menu.items.map(({ ref, externalPosId, name, price, modifierGroupRefs }) => ({
      ref,
      externalPosId,
      name,
      price,
      modifierGroupRefs: modifierGroupRefs ?? [],
    })),
    modifierGroups: menu.modifierGroups.map(({ ref, name, min, max, optionRefs }) => ({
      ref,
      name,
      min,
      max,
      options: optionRefs.map((itemRef) => ({ itemRef, priceDelta: itemByRef(menu, itemRef).price })),
    })),
  };
}

/**
 * The menu as the provider simulator draws orders from it
 * (`SimulatedConnection.menu`): the dishes with their groups, prices in the
 * currency's minor units and each item's POS id, so every generated order
 * names items the catalog has.
 */
export function simulatorMenu(
  menu: DemoMenu,
  restaurant: { slug: string; name: string },
  currency: string,
): SimulatedMenu {
  const minor = (price: string): number => toMinorUnits(price, currency);
  const option = (entry: Item): SimulatedMenuOption => ({
    id: entry.ref,
    en: entry.name.en,
    ar: entry.name.ar,
    priceAed: 0,
    priceMinor: minor(entry.price),
    posId: entry.externalPosId,
  });
  const groups = (dish: Item): SimulatedMenuGroup[] =>
    menu.modifierGroups
      .filter((group) => dish.modifierGroupRefs?.includes(group.ref))
      .map((group) => ({
        id: group.ref,
        en: group.name.en,
        ar: group.name.ar,
        min: group.min,
        max: group.max,
        options: group.optionRefs.map((ref) => option(itemByRef(menu, ref))),
      }));
  return {
    id: restaurant.slug,
    en: restaurant.name,
    ar: menu.name.ar,
    items: dishesOf(menu).map((dish, index) => ({
      ...option(dish),
      // The provider platform's numeric id for the product (stable: the dish's place on the menu).
      platformId: 700_001 + index,
      groups: groups(dish),
    })),
  };
}
