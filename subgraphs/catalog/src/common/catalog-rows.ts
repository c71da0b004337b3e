import type {
  CatalogSyncKind,
  CatalogSyncStatus,
  ItemAvailabilityState,
  StoreStatusValue,
  WeeklyPeriod,
} from '@nexara/contracts';
import type { Provider } from '@nexara/providers/display';
import type {
  BusyModeType,
  CatalogSyncJobType,
  MenuItemType,
  MenuType,
  ModifierGroupType,
  MenuCategoryType,
} from './catalog.types';

/** Rows as the catalog's SQL selects them (jsonb arrives parsed, bigint as text). */
export type LocalizedTextRow = { en: string; ar: string | null };

export type MenuRow = {
  id: string;
  name: LocalizedTextRow;
  description: LocalizedTextRow | null;
  currency: string;
  branch_ids: string[];
  schedule: WeeklyPeriod[];
  version: number;
  created_at: Date;
  updated_at: Date;
};

export type MenuItemRow = {
  id: string;
  menu_id: string;
  ref: string;
  external_pos_id: string | null;
  type: 'ITEM' | 'BUNDLE';
  name: LocalizedTextRow;
  description: LocalizedTextRow | null;
  operational_name: LocalizedTextRow | null;
  base_price: string;
  price_overrides: { provider: Provider | null; context: string | null; price: number }[];
  tax_rate: string | null;
  images: { url: string; width: number | null; height: number | null }[];
  contains_alcohol: boolean;
  modifier_group_ids: string[];
  /** The menu's currency, joined in. */
  currency: string;
};

export type CategoryRow = {
  id: string;
  menu_id: string;
  ref: string;
  name: LocalizedTextRow;
  description: LocalizedTextRow | null;
  item_ids: string[];
};

export type GroupRow = {
  id: string;
  menu_id: string;
  ref: string;
  name: LocalizedTextRow;
  min_selections: number;
  max_selections: number;
  repeatable: boolean;
  options: { itemId: string; priceDelta: number }[];
};

export type SyncJobRow = {
  id: string;
  connection_id: string;
  provider: Provider;
  branch_id: string;
  kind: CatalogSyncKind;
  status: CatalogSyncStatus;
  reason: string | null;
  attempts: number;
  request: unknown;
  answer: unknown;
  created_at: Date;
  /** As PostgreSQL printed it, to the microsecond (cursors). */
  created_at_text: string;
  updated_at: Date;
};

export type BranchStateRow = {
  branch_id: string;
  status: StoreStatusValue;
  status_until: Date | null;
  status_reason: string | null;
  busy_prep_minutes: number | null;
  busy_until: Date | null;
  opening_hours: WeeklyPeriod[] | null;
  updated_at: Date;
};

export type AvailabilityRow = { item_id: string; state: ItemAvailabilityState; until: Date | null; updated_at: Date };

export const MENU_ITEM_COLUMNS = `i.id, i.menu_id, i.ref, i.external_pos_id, i.type, i.name, i.description,
  i.operational_name, i.base_price::text as base_price, i.price_overrides, i.tax_rate::text as tax_rate, i.images,
  i.contains_alcohol, i.modifier_group_ids, m.currency`;

export const SYNC_JOB_COLUMNS = `id, connection_id, provider, branch_id, kind, status, reason, attempts, request,
  answer, created_at, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at_text,
  updated_at`;

/** `15.0000` -> `15`, `7.5000` -> `7.5`. */
const trimRate = (rate: string | null): string | null => (rate === null ? null : rate.replace(/\.?0+$/, '') || '0');

export function toMenuItem(row: MenuItemRow): MenuItemType {
  const money = (amount: number) => ({ amount, currency: row.currency });
  return {
    id: row.id,
    menuId: row.menu_id,
    ref: row.ref,
    externalPosId: row.external_pos_id,
    type: row.type,
    name: row.name,
    description: row.description,
    operationalName: row.operational_name,
    price: money(Number(row.base_price)),
    priceOverrides: row.price_overrides.map((o) => ({
      provider: o.provider,
      context: o.context,
      price: money(o.price),
    })),
    taxRate: trimRate(row.tax_rate),
    images: row.images,
    containsAlcohol: row.contains_alcohol,
    modifierGroupIds: row.modifier_group_ids,
  };
}

export function toMenu(
  row: MenuRow,
  parts: { items: MenuItemRow[]; categories: CategoryRow[]; groups: GroupRow[] },
): MenuType {
  const categories: MenuCategoryType[] = parts.categories.map((c) => ({
    id: c.id,
    ref: c.ref,
    name: c.name,
    description: c.description,
    itemIds: c.item_ids,
  }));
  const modifierGroups: ModifierGroupType[] = parts.groups.map((g) => ({
    id: g.id,
    ref: g.ref,
    name: g.name,
    min: g.min_selections,
    max: g.max_selections,
    repeatable: g.repeatable,
    options: g.options.map((o) => ({ itemId: o.itemId, priceDelta: { amount: o.priceDelta, currency: row.currency } })),
  }));
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    currency: row.currency,
    branchIds: row.branch_ids,
    schedule: row.schedule,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    categories,
    items: parts.items.map(toMenuItem),
    modifierGroups,
  };
}

export function toSyncJob(row: SyncJobRow): CatalogSyncJobType {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    reason: row.reason,
    attempts: row.attempts,
    connection: { id: row.connection_id },
    provider: row.provider,
    branchId: row.branch_id,
    request: row.request,
    answer: row.answer,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toBusy(row: BranchStateRow | null, now: Date): BusyModeType | null {
  if (!row || row.busy_prep_minutes === null) return null;
  if (row.busy_until && row.busy_until <= now) return null;
  return { prepMinutes: row.busy_prep_minutes, until: row.busy_until };
}
