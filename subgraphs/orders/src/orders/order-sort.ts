import type { SelectQueryBuilder } from 'typeorm';
import { cursorTimestamp, type OrderCursor, type OrderSort, type OrderSortField } from './order-cursor';
import type { OrderEntity } from './order.entity';

type SortColumn = {
  column: string;
  /** The row's sort key as the cursor carries it (timestamps as exact microseconds). */
  cursorKey: string;
  /** The SQL type the cursor's key is cast to when compared with the column. */
  keyType: 'timestamptz' | 'bigint' | 'text';
  /** Only accept_by may be null; null keys sort last in both directions. */
  nullable: boolean;
};

const epochMicros = (column: string) => `cast(extract(epoch from ${column}) * 1000000 as bigint)`;
// An expression, not the bare `o.column`: TypeORM would take that as the entity's own column and re-alias it away.
const asText = (column: string) => `cast(${column} as text)`;

const SORT_COLUMNS: Record<OrderSortField, SortColumn> = {
  PLACED_AT: { column: 'o.placed_at', cursorKey: epochMicros('o.placed_at'), keyType: 'timestamptz', nullable: false },
  // Minor units compared as they are, across currencies: the list is one tenant's orders, mostly in one currency.
  TOTAL: { column: 'o.total', cursorKey: asText('o.total'), keyType: 'bigint', nullable: false },
  STATUS: { column: 'o.status', cursorKey: asText('o.status'), keyType: 'text', nullable: false },
  PROVIDER: { column: 'o.provider', cursorKey: asText('o.provider'), keyType: 'text', nullable: false },
  ACCEPT_BY: { column: 'o.accept_by', cursorKey: epochMicros('o.accept_by'), keyType: 'timestamptz', nullable: true },
};

/** The select alias of the cursor key in the page query. */
export const CURSOR_KEY = 'cursor_key';

/**
 * Sorts the page query by the sort's column then id (same direction), and,
 * after a cursor, keeps only the rows past it: a keyset, so pages stay stable
 * while orders arrive.
 */
export function applyOrderSort(
  query: SelectQueryBuilder<OrderEntity>,
  sort: OrderSort,
  after: OrderCursor | null,
): void {
  const { column, cursorKey, keyType, nullable } = SORT_COLUMNS[sort.field];
  query
    .addSelect(cursorKey, CURSOR_KEY)
    .orderBy(column, sort.direction, nullable ? 'NULLS LAST' : undefined)
    .addOrderBy('o.id', sort.direction);
  if (!after) return;

  const past = sort.direction === 'DESC' ? '<' : '>';
  if (after.key === null) {
    // Past the last row with a key: only the keyless rows further along by id.
    query.andWhere(`(${column} is null and o.id ${past} cast(:afterId as uuid))`, { afterId: after.id });
    return;
  }
  const key = keyType === 'timestamptz' ? cursorTimestamp(after.key) : after.key;
  const keyless = nullable ? ` or ${column} is null` : '';
  query.andWhere(`((${column}, o.id) ${past} (cast(:afterKey as ${keyType}), cast(:afterId as uuid))${keyless})`, {
    afterKey: key,
    afterId: after.id,
  });
}
