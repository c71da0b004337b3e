import { PROVIDER_IDENTITIES, type Provider } from '@nexara/providers/display';

/** The two demo restaurant groups: one in a 2-decimal currency, one in a 3-decimal one. */
export type DemoTenant = {
  slug: string;
  name: string;
  currency: string;
  timeZone: string;
  branchName: string;
  ownerEmail: string;
  ownerName: string;
  /** VAT charged on the subtotal, in basis points (15 % = 1500). */
  vatBasisPoints: number;
  menu: { name: string; price: string }[];
  modifiers: { name: string; price: string }[];
  areas: string[];
};

export const DEMO_PASSWORD = 'nexara-demo';
export const PLATFORM_ADMIN = { email: 'admin@nexara.test', name: 'Nexara Admin' };

export const DEMO_TENANTS: DemoTenant[] = [
  {
    slug: 'demo-bistro',
    name: 'Demo Bistro',
    currency: 'SAR',
    timeZone: 'Asia/Riyadh',
    branchName: 'Olaya Street',
    ownerEmail: 'owner@demo-bistro.test',
    ownerName: 'Noura Al-Harbi',
    vatBasisPoints: 1500,
    menu: [
      { name: 'Chicken Shawarma Plate', price: '32.00' },
      { name: 'Falafel Wrap', price: '18.50' },
      { name: 'Hummus with Pine Nuts', price: '21.00' },
      { name: 'Mixed Grill for Two', price: '89.00' },
      { name: 'Fattoush', price: '22.00' },
      { name: 'Mint Lemonade', price: '12.00' },
      { name: 'Kunafa', price: '26.00' },
      { name: 'Lentil Soup', price: '15.50' },
    ],
    modifiers: [
      { name: 'Extra garlic sauce', price: '2.00' },
      { name: 'Make it spicy', price: '0' },
      { name: 'Large size', price: '6.00' },
      { name: 'Add halloumi', price: '7.50' },
    ],
    areas: ['Al Olaya, Riyadh', 'Al Malqa, Riyadh', 'King Fahd District, Riyadh', 'Al Sahafa, Riyadh'],
  },
  {
    slug: 'harbor-grill',
    name: 'Harbor Grill',
    currency: 'KWD',
    timeZone: 'Asia/Kuwait',
    branchName: 'Salmiya Marina',
    ownerEmail: 'owner@harbor-grill.test',
    ownerName: 'Yousef Al-Sabah',
    vatBasisPoints: 0,
    menu: [
      { name: 'Grilled Hammour', price: '4.750' },
      { name: 'Shrimp Machboos', price: '3.900' },
      { name: 'Fish and Chips', price: '2.850' },
      { name: 'Lobster Roll', price: '5.500' },
      { name: 'Harbor Salad', price: '1.750' },
      { name: 'Fresh Orange Juice', price: '0.950' },
      { name: 'Saffron Rice Pudding', price: '1.250' },
    ],
    modifiers: [
      { name: 'Extra lemon butter', price: '0.250' },
      { name: 'Add rice', price: '0.500' },
      { name: 'No onions', price: '0' },
    ],
    areas: ['Salmiya, Kuwait City', 'Sharq, Kuwait City', 'Jabriya, Hawalli', 'Mishref, Mubarak Al-Kabeer'],
  },
];

export const CUSTOMERS = [
  'Sara Al-Qahtani',
  'Omar Haddad',
  'Lina Mansour',
  'Faisal Al-Mutairi',
  'Huda Rahman',
  'Khalid Al-Otaibi',
  'Maya Khoury',
  'Abdullah Saleh',
  'Reem Al-Dosari',
  'Tariq Nasser',
  'Dana Al-Ali',
  'Yara Fares',
];

/** Each provider's share of demo orders, and what its delivery fee looks like (in the tenant currency's major units). */
export const PROVIDER_MIX: {
  provider: Provider;
  weight: number;
  deliveryFee: readonly string[];
  acceptMinutes: number;
}[] = PROVIDER_IDENTITIES.map((identity) => ({
  provider: identity.code,
  weight: identity.demo.weight,
  deliveryFee: identity.demo.deliveryFees,
  acceptMinutes: identity.acceptMinutes,
}));
