import type { ControlConnection, ControlMenu } from '../control';
import type { Provider } from '../display';
import { aConnection } from './test-support';

/**
 * The canonical menu of the wire contracts' examples (each provider's doc
 * page, "Control"): one burger with a sauce group offering mayo, SAR, Monday
 * 10:00-23:59. The golden-payload specs build every provider's request from it.
 */
export function aControlMenu(overrides: Partial<ControlMenu> = {}): ControlMenu {
  return {
    id: 'm1',
    name: { en: 'Main', ar: 'الرئيسية' },
    description: null,
    currency: 'SAR',
    schedule: [{ day: 'MONDAY', start: '10:00', end: '23:59' }],
    categories: [{ id: 'c1', name: { en: 'Burgers', ar: 'برجر' }, description: null, itemIds: ['i1'] }],
    items: [
      {
        id: 'i1',
        externalPosId: 'POS-11',
        type: 'ITEM',
        name: { en: 'Burger', ar: 'برجر' },
        description: null,
        operationalName: null,
        price: 2500,
        priceOverrides: [],
        taxRate: '15',
        images: [{ url: 'https://cdn/x.jpg' }],
        containsAlcohol: false,
        modifierGroupIds: ['g1'],
      },
      {
        id: 'o1',
        externalPosId: 'POS-90',
        type: 'ITEM',
        name: { en: 'Mayo', ar: 'مايونيز' },
        description: null,
        operationalName: null,
        price: 200,
        priceOverrides: [],
        taxRate: null,
        images: [],
        containsAlcohol: false,
        modifierGroupIds: [],
      },
    ],
    modifierGroups: [
      {
        id: 'g1',
        name: { en: 'Sauce', ar: 'صوص' },
        min: 0,
        max: 2,
        repeatable: false,
        options: [{ itemId: 'o1', priceDelta: 200 }],
      },
    ],
    ...overrides,
  };
}

/** A connection for control calls: store `B1`, no control ids unless given. */
/** Every control id any provider's calls need, so one connection fixture serves them all. */
export const EVERY_CONTROL_ID: Readonly<Record<string, string>> = {
  brandId: 'b1',
  clientId: 'c1',
  username: 'u1',
  platformKey: 'PK',
  platformRestaurantId: '1',
  globalEntityId: 'GE',
};

export function aControlConnection(provider: Provider, overrides: Partial<ControlConnection> = {}): ControlConnection {
  return {
    ...aConnection(provider, { externalStoreId: 'B1', currency: 'SAR' }),
    controlIds: {},
    ...overrides,
  };
}
