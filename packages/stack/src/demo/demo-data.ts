import { PROVIDER_IDENTITIES, type Provider } from '@nexara/providers/display';
import { BISTRO_MENU, HARBOR_MENU, type DemoMenu } from './demo-menus';

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
  /** What it sells: imported into the catalog at start, and what demo orders are made of. */
  menu: DemoMenu;
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
    menu: BISTRO_MENU,
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
    menu: HARBOR_MENU,
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
  /** The provider's ids its control calls need, set on each demo connection. */
  controlIds: Readonly<Record<string, string>>;
}[] = PROVIDER_IDENTITIES.map((identity) => ({
  provider: identity.code,
  weight: identity.demo.weight,
  deliveryFee: identity.demo.deliveryFees,
  acceptMinutes: identity.acceptMinutes,
  controlIds: identity.demo.controlIds,
}));
