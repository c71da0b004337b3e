/**
 * Menus of Gulf restaurants the simulated orders are drawn from. Prices are in
 * AED fils and converted to each connection's currency (see `localPriceMinor`).
 * Option groups nest (a combo asks for a drink and a side), so providers with
 * nested modifiers get nested payloads.
 */
export type MenuOption = {
  id: string;
  en: string;
  ar: string;
  /** Price of one unit of the option, AED fils; 0 for free choices. */
  priceAed: number;
  /** A menu in the connection's own currency (the demo's catalog menu): the price in its minor units, used as is. */
  priceMinor?: number;
  /** The restaurant's POS id for it (the catalog's `externalPosId`); `POS-<ID>` when absent. */
  posId?: string;
  /** How many of this option one parent unit may carry. */
  maxQuantity?: number;
  groups?: MenuGroup[];
};

export type MenuGroup = {
  id: string;
  en: string;
  ar: string;
  /** 1 for a required single choice (size, rice), 0 for optional extras. */
  min: number;
  max: number;
  options: MenuOption[];
};

export type MenuItem = {
  id: string;
  /** The provider platform's own numeric id for the product. */
  platformId: number;
  en: string;
  ar: string;
  priceAed: number;
  /** As on an option: the price in the connection currency's minor units, used as is. */
  priceMinor?: number;
  /** As on an option: the catalog's `externalPosId`; `POS-<ID>` when absent. */
  posId?: string;
  groups: MenuGroup[];
};

export type Menu = { id: string; en: string; ar: string; items: MenuItem[] };

const opt = (id: string, en: string, ar: string, priceAed: number, extra: Partial<MenuOption> = {}): MenuOption => ({
  id,
  en,
  ar,
  priceAed,
  ...extra,
});

const drinkGroup: MenuGroup = {
  id: 'grp-drink',
  en: 'Choose your drink',
  ar: 'اختر مشروبك',
  min: 1,
  max: 1,
  options: [
    opt('opt-pepsi', 'Pepsi', 'بيبسي', 0),
    opt('opt-laban', 'Laban', 'لبن', 100),
    opt('opt-water', 'Water', 'ماء', 0),
    opt('opt-lemon-mint', 'Fresh Lemon Mint', 'ليمون بالنعناع', 500),
  ],
};

const sideGroup: MenuGroup = {
  id: 'grp-side',
  en: 'Choose your side',
  ar: 'اختر الطبق الجانبي',
  min: 1,
  max: 1,
  options: [
    opt('opt-fries', 'French Fries', 'بطاطس مقلية', 0),
    opt('opt-spicy-fries', 'Spicy Fries', 'بطاطس حارة', 200),
    opt('opt-coleslaw', 'Coleslaw', 'كول سلو', 0),
  ],
};

const comboGroup = (priceAed: number): MenuGroup => ({
  id: 'grp-combo',
  en: 'Make it a meal',
  ar: 'اجعلها وجبة',
  min: 0,
  max: 1,
  options: [
    opt('opt-combo', 'Meal (drink + side)', 'وجبة (مشروب + طبق جانبي)', priceAed, { groups: [drinkGroup, sideGroup] }),
  ],
});

const SHAWARMA: Menu = {
  id: 'shawarma',
  en: 'Shawarma Station',
  ar: 'محطة الشاورما',
  items: [
    {
      id: 'shw-chicken-sandwich',
      platformId: 410021,
      en: 'Chicken Shawarma Sandwich',
      ar: 'ساندويش شاورما دجاج',
      priceAed: 1200,
      groups: [
        {
          id: 'grp-bread',
          en: 'Bread',
          ar: 'الخبز',
          min: 1,
          max: 1,
          options: [
            opt('opt-arabic-bread', 'Arabic bread', 'خبز عربي', 0),
            opt('opt-saj', 'Saj bread', 'خبز صاج', 150),
          ],
        },
        {
          id: 'grp-shw-extras',
          en: 'Extras',
          ar: 'إضافات',
          min: 0,
          max: 3,
          options: [
            opt('opt-toum', 'Extra garlic toum', 'ثوم إضافي', 200, { maxQuantity: 2 }),
            opt('opt-cheese', 'Cheese', 'جبنة', 300),
            opt('opt-pickles', 'Pickles', 'مخلل', 0),
            opt('opt-spicy', 'Make it spicy', 'حار', 0),
          ],
        },
        comboGroup(900),
      ],
    },
    {
      id: 'shw-beef-plate',
      platformId: 410022,
      en: 'Beef Shawarma Plate',
      ar: 'صحن شاورما لحم',
      priceAed: 3200,
      groups: [
        {
          id: 'grp-plate-side',
          en: 'Side',
          ar: 'الطبق الجانبي',
          min: 1,
          max: 1,
          options: [
            opt('opt-fries', 'French Fries', 'بطاطس مقلية', 0),
            opt('opt-rice', 'Vermicelli rice', 'أرز بالشعيرية', 0),
          ],
        },
      ],
    },
    { id: 'shw-falafel-wrap', platformId: 410023, en: 'Falafel Wrap', ar: 'لفافة فلافل', priceAed: 950, groups: [] },
    {
      id: 'shw-hummus-meat',
      platformId: 410024,
      en: 'Hummus with Meat',
      ar: 'حمص باللحمة',
      priceAed: 2400,
      groups: [],
    },
    { id: 'shw-fattoush', platformId: 410025, en: 'Fattoush', ar: 'فتوش', priceAed: 1800, groups: [] },
    { id: 'shw-fries', platformId: 410026, en: 'French Fries', ar: 'بطاطس مقلية', priceAed: 800, groups: [] },
    { id: 'shw-laban-up', platformId: 410027, en: 'Laban Up', ar: 'لبن أب', priceAed: 350, groups: [] },
  ],
};

const BURGER: Menu = {
  id: 'burger',
  en: 'Smash & Co. Burgers',
  ar: 'سماش آند كو برجر',
  items: [
    {
      id: 'brg-classic-smash',
      platformId: 520101,
      en: 'Classic Smash Burger',
      ar: 'برجر سماش كلاسيك',
      priceAed: 3400,
      groups: [
        {
          id: 'grp-brg-addons',
          en: 'Add-ons',
          ar: 'إضافات',
          min: 0,
          max: 4,
          options: [
            opt('opt-extra-cheese', 'Extra cheese', 'جبنة إضافية', 400, { maxQuantity: 2 }),
            opt('opt-jalapeno', 'Jalapeños', 'هالبينو', 300),
            opt('opt-beef-bacon', 'Beef bacon', 'بيف بيكون', 600),
            opt('opt-caramelised-onion', 'Caramelised onions', 'بصل مكرمل', 300),
          ],
        },
        comboGroup(1400),
      ],
    },
    {
      id: 'brg-double-wagyu',
      platformId: 520102,
      en: 'Double Wagyu Burger',
      ar: 'برجر واغيو دبل',
      priceAed: 5800,
      groups: [
        {
          id: 'grp-doneness',
          en: 'Doneness',
          ar: 'درجة الاستواء',
          min: 1,
          max: 1,
          options: [opt('opt-medium', 'Medium', 'متوسط', 0), opt('opt-well-done', 'Well done', 'مستوي جيداً', 0)],
        },
        comboGroup(1400),
      ],
    },
    {
      id: 'brg-crispy-chicken',
      platformId: 520103,
      en: 'Crispy Chicken Burger',
      ar: 'برجر دجاج مقرمش',
      priceAed: 3200,
      groups: [],
    },
    {
      id: 'brg-truffle-fries',
      platformId: 520104,
      en: 'Truffle Fries',
      ar: 'بطاطس بالترفل',
      priceAed: 2200,
      groups: [],
    },
    { id: 'brg-onion-rings', platformId: 520105, en: 'Onion Rings', ar: 'حلقات البصل', priceAed: 1600, groups: [] },
    {
      id: 'brg-milkshake',
      platformId: 520106,
      en: 'Milkshake',
      ar: 'ميلك شيك',
      priceAed: 2400,
      groups: [
        {
          id: 'grp-flavour',
          en: 'Flavour',
          ar: 'النكهة',
          min: 1,
          max: 1,
          options: [
            opt('opt-vanilla', 'Vanilla', 'فانيلا', 0),
            opt('opt-chocolate', 'Chocolate', 'شوكولاتة', 0),
            opt('opt-lotus', 'Lotus Biscoff', 'لوتس', 300),
          ],
        },
      ],
    },
  ],
};

const MANDI: Menu = {
  id: 'mandi',
  en: 'Bait Al Mandi',
  ar: 'بيت المندي',
  items: [
    {
      id: 'mnd-chicken',
      platformId: 630201,
      en: 'Chicken Mandi',
      ar: 'مندي دجاج',
      priceAed: 3800,
      groups: [
        {
          id: 'grp-rice',
          en: 'Rice',
          ar: 'الأرز',
          min: 1,
          max: 1,
          options: [
            opt('opt-mandi-rice', 'Mandi rice', 'رز مندي', 0),
            opt('opt-kabsa-rice', 'Kabsa rice', 'رز كبسة', 0),
            opt('opt-biryani-rice', 'Biryani rice', 'رز برياني', 300),
          ],
        },
        {
          id: 'grp-mandi-extras',
          en: 'Extras',
          ar: 'إضافات',
          min: 0,
          max: 2,
          options: [
            opt('opt-extra-rice', 'Extra rice', 'رز إضافي', 800),
            opt('opt-daqoos', 'Daqoos sauce', 'صلصة دقوس', 200, { maxQuantity: 3 }),
          ],
        },
      ],
    },
    {
      id: 'mnd-lamb-half',
      platformId: 630202,
      en: 'Lamb Mandi (half)',
      ar: 'نصف مندي لحم',
      priceAed: 9500,
      groups: [],
    },
    { id: 'mnd-chicken-kabsa', platformId: 630203, en: 'Chicken Kabsa', ar: 'كبسة دجاج', priceAed: 3600, groups: [] },
    { id: 'mnd-madfoon', platformId: 630204, en: 'Lamb Madfoon', ar: 'مدفون لحم', priceAed: 8900, groups: [] },
    { id: 'mnd-salad', platformId: 630205, en: 'Arabic Salad', ar: 'سلطة عربية', priceAed: 800, groups: [] },
    { id: 'mnd-vimto', platformId: 630206, en: 'Vimto', ar: 'فيمتو', priceAed: 400, groups: [] },
  ],
};

const milkGroup: MenuGroup = {
  id: 'grp-milk',
  en: 'Milk',
  ar: 'الحليب',
  min: 1,
  max: 1,
  options: [
    opt('opt-full-milk', 'Full cream milk', 'حليب كامل الدسم', 0),
    opt('opt-oat-milk', 'Oat milk', 'حليب الشوفان', 300),
    opt('opt-almond-milk', 'Almond milk', 'حليب اللوز', 300),
  ],
};

const CAFE: Menu = {
  id: 'cafe',
  en: 'Qahwa & Co.',
  ar: 'قهوة وشركاه',
  items: [
    {
      id: 'cafe-spanish-latte',
      platformId: 740301,
      en: 'Spanish Latte',
      ar: 'سبانش لاتيه',
      priceAed: 2200,
      groups: [
        {
          id: 'grp-size',
          en: 'Size',
          ar: 'الحجم',
          min: 1,
          max: 1,
          options: [
            opt('opt-small', 'Small', 'صغير', 0),
            opt('opt-medium-size', 'Medium', 'وسط', 300),
            opt('opt-large', 'Large', 'كبير', 500),
          ],
        },
        milkGroup,
        {
          id: 'grp-coffee-extras',
          en: 'Extras',
          ar: 'إضافات',
          min: 0,
          max: 2,
          options: [
            opt('opt-extra-shot', 'Extra shot', 'شوت إضافي', 400, { maxQuantity: 2 }),
            opt('opt-hazelnut', 'Hazelnut syrup', 'شراب البندق', 200),
          ],
        },
      ],
    },
    { id: 'cafe-karak', platformId: 740302, en: 'Karak Tea', ar: 'شاي كرك', priceAed: 600, groups: [] },
    {
      id: 'cafe-saudi-coffee',
      platformId: 740303,
      en: 'Saudi Coffee (dallah)',
      ar: 'دلة قهوة سعودية',
      priceAed: 3500,
      groups: [],
    },
    {
      id: 'cafe-iced-americano',
      platformId: 740304,
      en: 'Iced Americano',
      ar: 'آيس أمريكانو',
      priceAed: 1800,
      groups: [milkGroup],
    },
    { id: 'cafe-kunafa', platformId: 740305, en: 'Pistachio Kunafa', ar: 'كنافة بالفستق', priceAed: 2800, groups: [] },
    {
      id: 'cafe-luqaimat',
      platformId: 740306,
      en: 'Luqaimat with date syrup',
      ar: 'لقيمات بدبس التمر',
      priceAed: 1800,
      groups: [],
    },
  ],
};

const MANAKISH: Menu = {
  id: 'manakish',
  en: 'Furn Al Manakish',
  ar: 'فرن المناقيش',
  items: [
    { id: 'mnk-zaatar', platformId: 850401, en: "Za'atar Manakeesh", ar: 'مناقيش زعتر', priceAed: 700, groups: [] },
    {
      id: 'mnk-cheese',
      platformId: 850402,
      en: 'Akkawi Cheese Manakeesh',
      ar: 'مناقيش جبنة عكاوي',
      priceAed: 1000,
      groups: [],
    },
    {
      id: 'mnk-margherita',
      platformId: 850403,
      en: 'Margherita Pizza',
      ar: 'بيتزا مارغريتا',
      priceAed: 3800,
      groups: [
        {
          id: 'grp-pizza-size',
          en: 'Size',
          ar: 'الحجم',
          min: 1,
          max: 1,
          options: [opt('opt-pizza-medium', 'Medium', 'وسط', 0), opt('opt-pizza-large', 'Large', 'كبير', 1200)],
        },
        {
          id: 'grp-crust',
          en: 'Crust',
          ar: 'العجينة',
          min: 1,
          max: 1,
          options: [
            opt('opt-classic-crust', 'Classic', 'كلاسيك', 0),
            opt('opt-thin-crust', 'Thin', 'رقيقة', 0),
            opt('opt-stuffed-crust', 'Cheese-stuffed crust', 'أطراف محشوة بالجبنة', 800),
          ],
        },
        {
          id: 'grp-toppings',
          en: 'Toppings',
          ar: 'الإضافات',
          min: 0,
          max: 3,
          options: [
            opt('opt-mushroom', 'Mushrooms', 'فطر', 400),
            opt('opt-olives', 'Black olives', 'زيتون أسود', 300),
            opt('opt-mozzarella', 'Extra mozzarella', 'موزاريلا إضافية', 600, { maxQuantity: 2 }),
          ],
        },
      ],
    },
    {
      id: 'mnk-spinach-fatayer',
      platformId: 850404,
      en: 'Spinach Fatayer (3 pcs)',
      ar: 'فطاير سبانخ (٣ قطع)',
      priceAed: 1200,
      groups: [],
    },
    { id: 'mnk-ayran', platformId: 850405, en: 'Ayran', ar: 'عيران', priceAed: 450, groups: [] },
  ],
};

export const MENUS: readonly Menu[] = [SHAWARMA, BURGER, MANDI, CAFE, MANAKISH];

/** A connection always sells from the same menu, so one branch's orders look like one restaurant's. */
export function menuForStore(externalStoreId: string): Menu {
  let hash = 0;
  for (const char of externalStoreId) hash = (Math.imul(hash, 31) + (char.codePointAt(0) ?? 0)) >>> 0;
  return MENUS[hash % MENUS.length] as Menu;
}
