import { isCurrencyCode, MoneyError, toMinorUnits } from '@nexara/kit';
import { PROVIDERS, type Provider } from '@nexara/providers/display';
import { WEEKDAYS, type WeeklyPeriod, type Weekday } from '@nexara/contracts';

/**
 * importMenu's input, checked as a whole before anything is written: every
 * problem is reported with its path (`items[3].name.en`), and one problem
 * means nothing of the menu is stored. Limits are the strictest of the
 * providers' (docs/control-plane.md, "Contract"): Deliveroo's 3-120 characters
 * for category names, 2-120 for item names, 500 for descriptions.
 */

export type LocalizedTextInput = { en: string; ar?: string | null };
export type PriceOverrideInput = { provider?: Provider | null; context?: string | null; price: string };
export type ImageInput = { url: string; width?: number | null; height?: number | null };
export type MenuItemInput = {
  ref: string;
  externalPosId?: string | null;
  type?: 'ITEM' | 'BUNDLE' | null;
  name: LocalizedTextInput;
  description?: LocalizedTextInput | null;
  operationalName?: LocalizedTextInput | null;
  price: string;
  priceOverrides?: PriceOverrideInput[] | null;
  taxRate?: string | null;
  images?: ImageInput[] | null;
  containsAlcohol?: boolean | null;
  modifierGroupRefs?: string[] | null;
};
export type MenuCategoryInput = {
  ref: string;
  name: LocalizedTextInput;
  description?: LocalizedTextInput | null;
  itemRefs: string[];
};
export type ModifierOptionInput = { itemRef: string; priceDelta?: string | null };
export type ModifierGroupInput = {
  ref: string;
  name: LocalizedTextInput;
  min: number;
  max: number;
  repeatable?: boolean | null;
  options: ModifierOptionInput[];
};
export type SchedulePeriodInput = { day: Weekday; start: string; end: string };
export type ImportMenuInput = {
  /** Replaces this menu (items keep their ids by ref); absent: a new menu. */
  id?: string | null;
  branchIds: string[];
  name: LocalizedTextInput;
  description?: LocalizedTextInput | null;
  currency: string;
  schedule?: SchedulePeriodInput[] | null;
  categories: MenuCategoryInput[];
  items: MenuItemInput[];
  modifierGroups?: ModifierGroupInput[] | null;
};

export type LocalizedText = { en: string; ar: string | null };
export type PriceOverride = { provider: Provider | null; context: string | null; price: number };
export type Image = { url: string; width: number | null; height: number | null };

/** The validated menu, prices in minor units, references still by ref (ids are given when stored). */
export type ValidMenu = {
  id: string | null;
  branchIds: string[];
  name: LocalizedText;
  description: LocalizedText | null;
  currency: string;
  schedule: WeeklyPeriod[];
  categories: { ref: string; name: LocalizedText; description: LocalizedText | null; itemRefs: string[] }[];
  items: {
    ref: string;
    externalPosId: string | null;
    type: 'ITEM' | 'BUNDLE';
    name: LocalizedText;
    description: LocalizedText | null;
    operationalName: LocalizedText | null;
    price: number;
    priceOverrides: PriceOverride[];
    taxRate: string | null;
    images: Image[];
    containsAlcohol: boolean;
    modifierGroupRefs: string[];
  }[];
  modifierGroups: {
    ref: string;
    name: LocalizedText;
    min: number;
    max: number;
    repeatable: boolean;
    options: { itemRef: string; priceDelta: number }[];
  }[];
};

export type Problem = { path: string; message: string };

export const LIMITS = {
  menuName: { min: 1, max: 120 },
  categoryName: { min: 3, max: 120 },
  itemName: { min: 2, max: 120 },
  groupName: { min: 1, max: 120 },
  description: 500,
  ref: 100,
  externalPosId: 100,
  items: 5_000,
  categories: 500,
  groups: 1_000,
  options: 100,
  images: 10,
  branches: 500,
} as const;

const REF = /^[A-Za-z0-9._:-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const TAX_RATE = /^\d{1,3}(\.\d{1,4})?$/;

/** Whether `text` names a UUID (anything else cannot name a row and is refused before it reaches a uuid column). */
export const isUuid = (text: string): boolean => UUID.test(text);

export class MenuValidator {
  readonly problems: Problem[] = [];

  problem(path: string, message: string): void {
    if (this.problems.length < 100) this.problems.push({ path, message });
  }

  text(
    value: LocalizedTextInput | null | undefined,
    path: string,
    limits: { min: number; max: number },
  ): LocalizedText {
    const en = (value?.en ?? '').trim();
    const ar = value?.ar?.trim() || null;
    if (!en) this.problem(`${path}.en`, 'is required');
    else if (en.length < limits.min || en.length > limits.max)
      this.problem(`${path}.en`, `must be ${limits.min}-${limits.max} characters (is ${en.length})`);
    if (ar !== null && (ar.length < limits.min || ar.length > limits.max))
      this.problem(`${path}.ar`, `must be ${limits.min}-${limits.max} characters (is ${ar.length})`);
    return { en, ar };
  }

  optionalText(value: LocalizedTextInput | null | undefined, path: string, max: number): LocalizedText | null {
    if (!value) return null;
    const en = (value.en ?? '').trim();
    const ar = value.ar?.trim() || null;
    if (en.length > max) this.problem(`${path}.en`, `must be at most ${max} characters (is ${en.length})`);
    if (ar !== null && ar.length > max)
      this.problem(`${path}.ar`, `must be at most ${max} characters (is ${ar.length})`);
    return en || ar ? { en, ar } : null;
  }

  price(value: string, currency: string | null, path: string): number {
    if (currency === null) return 0;
    try {
      const amount = toMinorUnits(value, currency);
      if (amount < 0) this.problem(path, `must be 0 or more (is ${value})`);
      return amount;
    } catch (error) {
      this.problem(path, error instanceof MoneyError ? error.message : `"${value}" is not a decimal amount`);
      return 0;
    }
  }

  /** A signed amount (an option's price delta may lower the price). */
  delta(value: string, currency: string | null, path: string): number {
    if (currency === null) return 0;
    try {
      return toMinorUnits(value, currency);
    } catch (error) {
      this.problem(path, error instanceof MoneyError ? error.message : `"${value}" is not a decimal amount`);
      return 0;
    }
  }

  ref(value: string, path: string, seen: Set<string>): string {
    const ref = (value ?? '').trim();
    if (!ref) this.problem(path, 'is required');
    else if (ref.length > LIMITS.ref || !REF.test(ref))
      this.problem(path, `must be 1-${LIMITS.ref} characters of A-Z a-z 0-9 . _ : -`);
    else if (seen.has(ref)) this.problem(path, `"${ref}" is used twice`);
    seen.add(ref);
    return ref;
  }

  count(list: unknown[] | null | undefined, path: string, max: number, min = 0): void {
    const length = list?.length ?? 0;
    if (length < min) this.problem(path, `needs at least ${min}`);
    if (length > max) this.problem(path, `has ${length}; at most ${max}`);
  }

  periods(list: SchedulePeriodInput[] | null | undefined, path: string): WeeklyPeriod[] {
    return validWeek(list ?? [], path, this);
  }
}

/**
 * A weekly schedule: `HH:MM` periods per day that do not overlap. A period
 * that ends before it starts runs overnight and is split at 23:59 into the
 * next day (Careem refuses an end of 00:00).
 */
export function validWeek(list: SchedulePeriodInput[], path: string, validator: MenuValidator): WeeklyPeriod[] {
  validator.count(list, path, 7 * 10);
  const periods: (WeeklyPeriod & { index: number })[] = [];
  list.forEach((period, index) => {
    const at = `${path}[${index}]`;
    if (!WEEKDAYS.includes(period.day)) validator.problem(`${at}.day`, `must be one of ${WEEKDAYS.join(', ')}`);
    const startOk = TIME.test(period.start);
    const endOk = TIME.test(period.end);
    if (!startOk) validator.problem(`${at}.start`, 'must be HH:MM (00:00-23:59)');
    if (!endOk) validator.problem(`${at}.end`, 'must be HH:MM (00:00-23:59)');
    if (!startOk || !endOk) return;
    if (period.start === period.end) validator.problem(`${at}.end`, 'must differ from start');
    else if (period.end > period.start) periods.push({ ...period, index });
    else {
      periods.push({ day: period.day, start: period.start, end: '23:59', index });
      const next = WEEKDAYS[(WEEKDAYS.indexOf(period.day) + 1) % 7]!;
      if (period.end !== '00:00') periods.push({ day: next, start: '00:00', end: period.end, index });
    }
  });
  const sorted = [...periods].sort((a, b) =>
    a.day === b.day ? a.start.localeCompare(b.start) : WEEKDAYS.indexOf(a.day) - WEEKDAYS.indexOf(b.day),
  );
  for (let i = 1; i < sorted.length; i++) {
    const [previous, current] = [sorted[i - 1]!, sorted[i]!];
    if (previous.day === current.day && current.start < previous.end) {
      validator.problem(`${path}[${current.index}]`, `overlaps ${path}[${previous.index}] on ${current.day}`);
    }
  }
  return sorted.map(({ day, start, end }) => ({ day, start, end }));
}

/** The menu, or every problem with its path. Pure: branch ownership is checked by the caller. */
export function validateMenu(input: ImportMenuInput): { menu: ValidMenu } | { problems: Problem[] } {
  const v = new MenuValidator();
  const currency = isCurrencyCode(input.currency ?? '') ? input.currency : null;
  if (currency === null) v.problem('currency', `"${input.currency}" is not an ISO 4217 currency code`);
  if (input.id != null && !isUuid(input.id)) v.problem('id', 'is not a menu id');
  v.count(input.branchIds, 'branchIds', LIMITS.branches, 1);
  input.branchIds.forEach((id, index) => {
    if (!isUuid(id)) v.problem(`branchIds[${index}]`, `"${id}" is not a branch id`);
  });
  const name = v.text(input.name, 'name', LIMITS.menuName);
  const description = v.optionalText(input.description, 'description', LIMITS.description);
  const schedule = v.periods(input.schedule, 'schedule');

  v.count(input.items, 'items', LIMITS.items, 1);
  v.count(input.categories, 'categories', LIMITS.categories, 1);
  v.count(input.modifierGroups, 'modifierGroups', LIMITS.groups);
  const itemRefs = new Set<string>();
  const groupRefs = new Set<string>();
  const categoryRefs = new Set<string>();
  const groupsInput = input.modifierGroups ?? [];
  // Refs first, so every reference can be checked whatever order the lists come in.
  const items = input.items.map((item, index) => ({
    item,
    index,
    ref: v.ref(item.ref, `items[${index}].ref`, itemRefs),
  }));
  const groups = groupsInput.map((group, index) => ({
    group,
    index,
    ref: v.ref(group.ref, `modifierGroups[${index}].ref`, groupRefs),
  }));

  const validItems = items.map(({ item, index, ref }) => {
    const at = `items[${index}]`;
    const externalPosId = item.externalPosId?.trim() || null;
    if (externalPosId && externalPosId.length > LIMITS.externalPosId)
      v.problem(`${at}.externalPosId`, `must be at most ${LIMITS.externalPosId} characters`);
    const modifierGroupRefs = item.modifierGroupRefs ?? [];
    modifierGroupRefs.forEach((groupRef, g) => {
      if (!groupRefs.has(groupRef))
        v.problem(`${at}.modifierGroupRefs[${g}]`, `names no modifier group ("${groupRef}")`);
    });
    const priceOverrides = (item.priceOverrides ?? []).map((override, o) => {
      const path = `${at}.priceOverrides[${o}]`;
      if (override.provider != null && !PROVIDERS.includes(override.provider))
        v.problem(`${path}.provider`, `must be one of ${PROVIDERS.join(', ')}`);
      if (override.context != null && !groupRefs.has(override.context))
        v.problem(`${path}.context`, `names no modifier group ("${override.context}")`);
      return {
        provider: override.provider ?? null,
        context: override.context ?? null,
        price: v.price(override.price, currency, `${path}.price`),
      };
    });
    const taxRate = item.taxRate?.trim() || null;
    if (taxRate !== null && (!TAX_RATE.test(taxRate) || Number(taxRate) > 100))
      v.problem(`${at}.taxRate`, 'must be a decimal percent from 0 to 100 (at most 4 decimals)');
    v.count(item.images, `${at}.images`, LIMITS.images);
    const images = (item.images ?? []).map((image, i) => {
      let ok = false;
      try {
        ok = new URL(image.url).protocol === 'https:';
      } catch {
        ok = false;
      }
      if (!ok) v.problem(`${at}.images[${i}].url`, 'must be a public https:// URL');
      for (const side of ['width', 'height'] as const) {
        const size = image[side];
        if (size != null && (!Number.isInteger(size) || size < 1 || size > 10_000))
          v.problem(`${at}.images[${i}].${side}`, 'must be 1-10000 pixels');
      }
      return { url: image.url, width: image.width ?? null, height: image.height ?? null };
    });
    return {
      ref,
      externalPosId,
      type: item.type ?? 'ITEM',
      name: v.text(item.name, `${at}.name`, LIMITS.itemName),
      description: v.optionalText(item.description, `${at}.description`, LIMITS.description),
      operationalName: v.optionalText(item.operationalName, `${at}.operationalName`, LIMITS.itemName.max),
      price: v.price(item.price, currency, `${at}.price`),
      priceOverrides,
      taxRate,
      images,
      containsAlcohol: item.containsAlcohol ?? false,
      modifierGroupRefs,
    };
  });

  const validGroups = groups.map(({ group, index, ref }) => {
    const at = `modifierGroups[${index}]`;
    if (!Number.isInteger(group.min) || group.min < 0) v.problem(`${at}.min`, 'must be 0 or more');
    if (!Number.isInteger(group.max) || group.max < 1) v.problem(`${at}.max`, 'must be 1 or more');
    if (group.min > group.max) v.problem(`${at}.min`, `must be at most max (${group.min} > ${group.max})`);
    v.count(group.options, `${at}.options`, LIMITS.options, 1);
    const options = group.options.map((option, o) => {
      if (!itemRefs.has(option.itemRef))
        v.problem(`${at}.options[${o}].itemRef`, `names no item ("${option.itemRef}")`);
      return {
        itemRef: option.itemRef,
        priceDelta: option.priceDelta ? v.delta(option.priceDelta, currency, `${at}.options[${o}].priceDelta`) : 0,
      };
    });
    if (!group.repeatable && group.min > group.options.length)
      v.problem(`${at}.min`, `asks for ${group.min} choices of ${group.options.length} options`);
    return {
      ref,
      name: v.text(group.name, `${at}.name`, LIMITS.groupName),
      min: group.min,
      max: group.max,
      repeatable: group.repeatable ?? false,
      options,
    };
  });

  const validCategories = input.categories.map((category, index) => {
    const at = `categories[${index}]`;
    const ref = v.ref(category.ref, `${at}.ref`, categoryRefs);
    category.itemRefs.forEach((itemRef, i) => {
      if (!itemRefs.has(itemRef)) v.problem(`${at}.itemRefs[${i}]`, `names no item ("${itemRef}")`);
    });
    return {
      ref,
      name: v.text(category.name, `${at}.name`, LIMITS.categoryName),
      description: v.optionalText(category.description, `${at}.description`, LIMITS.description),
      itemRefs: [...category.itemRefs],
    };
  });

  if (v.problems.length) return { problems: v.problems };
  return {
    menu: {
      id: input.id ?? null,
      branchIds: [...new Set(input.branchIds.map((id) => id.toLowerCase()))],
      name,
      description,
      currency: currency!,
      schedule,
      categories: validCategories,
      items: validItems,
      modifierGroups: validGroups,
    },
  };
}

/** BAD_USER_INPUT's message: the first problems, each with its path. */
export function describeProblems(problems: Problem[]): string {
  const shown = problems.slice(0, 5).map((p) => `${p.path} ${p.message}`);
  const more = problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : '';
  return `The menu is not valid: ${shown.join('; ')}${more}. Nothing was imported.`;
}
