import { localPriceMinor, percentOfMinor } from './money';
import type { Random } from './random';
import { menuForStore, type Menu, type MenuGroup, type MenuItem, type MenuOption } from './menus';
import { randomItemNote, type Language } from './people';

/**
 * The provider-neutral basket every provider payload is rendered from. All
 * money is integer minor units of the basket's currency; the provider builders
 * only change the shape and the number format, so the totals identity holds for
 * every provider by construction.
 */
export type BasketChoice = {
  id: string;
  remoteCode: string;
  groupId: string;
  groupName: string;
  name: string;
  /** Price of one unit of this choice. */
  unitPrice: number;
  /** Units of this choice on ONE unit of its parent (item or choice). */
  quantity: number;
  children: BasketChoice[];
};

export type BasketLine = {
  id: string;
  platformId: number;
  remoteCode: string;
  name: string;
  /** Price of one unit of the item without its choices. */
  unitPrice: number;
  quantity: number;
  choices: BasketChoice[];
  note: string;
};

export type Basket = { currency: string; language: Language; menu: Menu; lines: BasketLine[] };

export type Fulfilment = 'delivery' | 'pickup';

/**
 * What the order adds up to, in minor units. For every provider:
 * `subtotal + deliveryFee + tax + tip - discount === total`.
 */
export type ExpectedTotals = {
  currency: string;
  subtotal: number;
  deliveryFee: number;
  tax: number;
  tip: number;
  discount: number;
  total: number;
};

/** Price of a choice for one unit of its parent: quantity x (own price + its children). */
export function choiceTotal(choice: BasketChoice): number {
  return choice.quantity * (choice.unitPrice + choice.children.reduce((sum, child) => sum + choiceTotal(child), 0));
}

/** Price of one unit of the item with all its choices. */
export function lineUnitTotal(line: BasketLine): number {
  return line.unitPrice + line.choices.reduce((sum, choice) => sum + choiceTotal(choice), 0);
}

export function lineTotal(line: BasketLine): number {
  return line.quantity * lineUnitTotal(line);
}

export function basketSubtotal(basket: Basket): number {
  return basket.lines.reduce((sum, line) => sum + lineTotal(line), 0);
}

function chooseFromGroups(
  groups: readonly MenuGroup[],
  random: Random,
  currency: string,
  language: Language,
): BasketChoice[] {
  const choices: BasketChoice[] = [];
  for (const group of groups) {
    const wanted = group.min > 0 ? group.min : random.chance(0.45) ? random.int(1, group.max) : 0;
    const pool = [...group.options];
    for (let i = 0; i < wanted && pool.length > 0; i += 1) {
      const option = pool.splice(random.int(0, pool.length - 1), 1)[0];
      if (!option) break;
      const maxQuantity = option.maxQuantity ?? 1;
      choices.push({
        id: option.id,
        remoteCode: posIdOf(option),
        groupId: group.id,
        groupName: group[language],
        name: option[language],
        unitPrice: unitPriceOf(option, currency),
        quantity: maxQuantity > 1 && random.chance(0.3) ? random.int(2, maxQuantity) : 1,
        children: chooseFromGroups(option.groups ?? [], random, currency, language),
      });
    }
  }
  return choices;
}

/** The POS id a provider sends for an item or option: the menu's own, else one derived from our id. */
function posIdOf(entry: MenuItem | MenuOption): string {
  return entry.posId ?? `POS-${entry.id.toUpperCase()}`;
}

/** A menu priced in the connection's currency is used as is; the built-in menus are converted from AED. */
function unitPriceOf(entry: MenuItem | MenuOption, currency: string): number {
  return entry.priceMinor ?? localPriceMinor(entry.priceAed, currency);
}

/**
 * A random basket from `menu` (a connection's own, e.g. the demo's catalog
 * menu) or, when none is given, from the built-in menu the store always sells.
 */
export function randomBasket(random: Random, externalStoreId: string, currency: string, menu?: Menu): Basket {
  menu ??= menuForStore(externalStoreId);
  const language: Language = random.chance(0.35) ? 'ar' : 'en';
  const pool = [...menu.items];
  const lineCount = random.int(1, Math.min(4, pool.length));
  const lines: BasketLine[] = [];
  for (let i = 0; i < lineCount; i += 1) {
    const item = pool.splice(random.int(0, pool.length - 1), 1)[0];
    if (!item) break;
    const roll = random.next();
    lines.push({
      id: item.id,
      platformId: item.platformId,
      remoteCode: posIdOf(item),
      name: item[language],
      unitPrice: unitPriceOf(item, currency),
      quantity: roll < 0.7 ? 1 : roll < 0.9 ? 2 : 3,
      choices: chooseFromGroups(item.groups, random, currency, language),
      note: randomItemNote(random, language),
    });
  }
  return { currency, language, menu, lines };
}

/** Children of every choice, flattened for providers whose options do not nest; quantities become per item unit. */
export function flattenChoices(choices: readonly BasketChoice[], multiplier = 1): BasketChoice[] {
  return choices.flatMap((choice) => [
    { ...choice, quantity: choice.quantity * multiplier, children: [] },
    ...flattenChoices(choice.children, choice.quantity * multiplier),
  ]);
}

export function randomDeliveryFee(random: Random, currency: string, fulfilment: Fulfilment): number {
  if (fulfilment === 'pickup' || random.chance(0.15)) return 0;
  return localPriceMinor(random.pick([500, 700, 900, 1200]), currency);
}

/** Roughly a third of orders carry a promotion of 10-25 % of the subtotal, on the price grid. */
export function randomDiscount(random: Random, subtotal: number): number {
  if (!random.chance(0.3)) return 0;
  const raw = percentOfMinor(subtotal, random.pick([10, 15, 20, 25]));
  return Math.floor(raw / 5) * 5;
}

export function randomFulfilment(random: Random): Fulfilment {
  return random.chance(0.75) ? 'delivery' : 'pickup';
}

/** Integer-only greatest common divisor, for exact tax arithmetic. */
export function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** What every provider's order builder needs. */
export type OrderBuildInput = {
  externalStoreId: string;
  currency: string;
  random: Random;
  now: Date;
  /** Random (mostly delivery) when omitted. */
  fulfilment?: Fulfilment;
  /** The connection's own menu, when it has one (`SimulatedConnection.menu`). */
  menu?: Menu;
};

/** A provider order plus what the platform should make of it. */
export type BuiltOrder<TOrder> = {
  order: TOrder;
  /** The provider's order id as a string (its folder's page says which field). */
  externalId: string;
  totals: ExpectedTotals;
  fulfilment: Fulfilment;
};

/** A stable 6-digit numeric id for a menu code: the id a provider platform would have given the option. */
export function numericIdOf(code: string): number {
  let hash = 2166136261;
  for (const char of code) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619) >>> 0;
  return 100000 + (hash % 900000);
}

/**
 * The order builder's input for one simulated webhook: the connection's store,
 * currency and menu (`SimulatedConnection`) with the webhook's random source and
 * clock; a new order adds its fulfilment.
 */
export function orderBuildInputOf(input: {
  connection: { externalStoreId: string; currency: string; menu?: Menu };
  random: Random;
  now: Date;
}): OrderBuildInput {
  const { connection, random, now } = input;
  return {
    externalStoreId: connection.externalStoreId,
    currency: connection.currency,
    random,
    now,
    menu: connection.menu,
  };
}
