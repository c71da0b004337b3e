import type { Menu } from './menus';

/** A menu priced in the connection's own currency, as the demo writes its catalog menu (SimulatedConnection.menu). */
export const OWN_MENU: Menu = {
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
