import type { OrderRowFragment, OrderSortField, OrderSortInput } from '../../gql/graphql';

/** The API's own default: newest first. */
export const DEFAULT_ORDER_SORT: OrderSortInput = { field: 'PLACED_AT', direction: 'DESC' };

/** Grid column id -> the server sort it stands for; only these columns are sortable. */
export const SORT_FIELD_BY_COLUMN: Readonly<Record<string, OrderSortField>> = {
  provider: 'PROVIDER',
  status: 'STATUS',
  acceptBy: 'ACCEPT_BY',
  placedAt: 'PLACED_AT',
  total: 'TOTAL',
};

/** The server sort for the grid's column state; no sorted column means the default. */
export function sortFromColumns(columns: readonly { colId: string; sort?: 'asc' | 'desc' | null }[]): OrderSortInput {
  const sorted = columns.find((column) => column.sort && SORT_FIELD_BY_COLUMN[column.colId]);
  const field = sorted && SORT_FIELD_BY_COLUMN[sorted.colId];
  if (!sorted || !field) return DEFAULT_ORDER_SORT;
  return { field, direction: sorted.sort === 'asc' ? 'ASC' : 'DESC' };
}

type Key = number | string | null;

function keyOf(row: OrderRowFragment, field: OrderSortField): Key {
  switch (field) {
    case 'PLACED_AT':
      return Date.parse(row.placedAt);
    case 'ACCEPT_BY':
      return row.acceptBy ? Date.parse(row.acceptBy) : null;
    case 'TOTAL':
      return row.total.amount;
    case 'STATUS':
      return row.status;
    case 'PROVIDER':
      return row.provider;
  }
}

const ascending = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Where the server puts `a` relative to `b` (negative: `a` first): by the
 * sort key, then by id, both in the sort's direction, with a missing
 * accept-by deadline last either way. Totals compare as minor units, as on
 * the server. Timestamps here have milliseconds where the server has
 * microseconds, so rows within one millisecond may differ in tie order.
 */
export function compareOrderRows(a: OrderRowFragment, b: OrderRowFragment, sort: OrderSortInput): number {
  const keyA = keyOf(a, sort.field);
  const keyB = keyOf(b, sort.field);
  if (keyA === null || keyB === null) {
    if (keyA !== keyB) return keyA === null ? 1 : -1;
  } else if (keyA !== keyB) {
    return sort.direction === 'ASC' ? ascending(keyA, keyB) : ascending(keyB, keyA);
  }
  return sort.direction === 'ASC' ? ascending(a.id, b.id) : ascending(b.id, a.id);
}
