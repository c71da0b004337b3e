import { INVALID_CURSOR_MESSAGE } from '@nexara/contracts';
import { appError, ORDER_STATUSES } from '@nexara/kit';
import { PROVIDERS } from '@nexara/providers/display';

export const ORDER_SORT_FIELDS = ['PLACED_AT', 'TOTAL', 'STATUS', 'PROVIDER', 'ACCEPT_BY'] as const;
export type OrderSortField = (typeof ORDER_SORT_FIELDS)[number];
export const SORT_DIRECTIONS = ['ASC', 'DESC'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];
export type OrderSort = { field: OrderSortField; direction: SortDirection };

/** What `orders` sorts by when the caller does not say: newest first. */
export const DEFAULT_ORDER_SORT: OrderSort = { field: 'PLACED_AT', direction: 'DESC' };

/**
 * A position in the order list: the sort it was made for, the row's sort key
 * and its id (the tie-break). Timestamp keys are microseconds since the Unix
 * epoch as PostgreSQL stores them: a JavaScript Date would drop the last three
 * digits and skip or repeat rows at a page edge. `key` is null only for an
 * order without an accept-by deadline (sorted last).
 */
export type OrderCursor = { sort: OrderSort; key: string | null; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGER = /^-?\d{1,19}$/;

const MICROS_PER_SECOND = 1_000_000n;
/** JavaScript Dates reach ±8.64e15 ms; beyond that no order can have been placed. */
const MAX_ABS_MICROS = 8_640_000_000_000_000_000n;
/** PostgreSQL bigint bounds, for TOTAL keys. */
const MAX_BIGINT = 9_223_372_036_854_775_807n;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Version 2 names the sort; version 1 cursors (before `orderBy`) were always PLACED_AT DESC. */
export function encodeOrderCursor(cursor: OrderCursor): string {
  const { sort, key, id } = cursor;
  return Buffer.from(`o2:${sort.field}:${sort.direction}:${key ?? ''}:${id}`, 'utf8').toString('base64url');
}

export function decodeOrderCursor(text: string): OrderCursor {
  const parts = Buffer.from(text, 'base64url').toString('utf8').split(':');
  const cursor = parts[0] === 'o1' ? fromVersionOne(parts) : parts[0] === 'o2' ? fromVersionTwo(parts) : null;
  if (!cursor) throw appError('BAD_USER_INPUT', INVALID_CURSOR_MESSAGE);
  return cursor;
}

/** A cursor only means something under the sort it came from: under another it would skip or repeat rows. */
export function requireCursorSort(cursor: OrderCursor, sort: OrderSort): void {
  if (cursor.sort.field !== sort.field || cursor.sort.direction !== sort.direction) {
    throw appError(
      'BAD_USER_INPUT',
      `The cursor was made for orderBy { field: ${cursor.sort.field}, direction: ${cursor.sort.direction} }, ` +
        `not { field: ${sort.field}, direction: ${sort.direction} }: pass the same orderBy on every page, or start again without \`after\`.`,
    );
  }
}

function fromVersionOne([, micros, id, ...rest]: string[]): OrderCursor | null {
  if (!micros || !INTEGER.test(micros) || !id || !isUuid(id) || rest.length > 0) return null;
  return { sort: DEFAULT_ORDER_SORT, key: micros, id: id.toLowerCase() };
}

function fromVersionTwo([, field, direction, key, id, ...rest]: string[]): OrderCursor | null {
  if (!isOneOf(ORDER_SORT_FIELDS, field) || !isOneOf(SORT_DIRECTIONS, direction)) return null;
  if (key === undefined || !id || !isUuid(id) || rest.length > 0) return null;
  if (!validKey(field, key)) return null;
  return { sort: { field, direction }, key: key === '' ? null : key, id: id.toLowerCase() };
}

function validKey(field: OrderSortField, key: string): boolean {
  switch (field) {
    case 'PLACED_AT':
      return INTEGER.test(key);
    case 'ACCEPT_BY':
      return key === '' || INTEGER.test(key);
    case 'TOTAL':
      return INTEGER.test(key) && BigInt(key) <= MAX_BIGINT && BigInt(key) >= -MAX_BIGINT - 1n;
    case 'STATUS':
      return isOneOf(ORDER_STATUSES, key);
    case 'PROVIDER':
      return isOneOf(PROVIDERS, key);
  }
}

function isOneOf<T extends string>(values: readonly T[], value: string | undefined): value is T {
  return value !== undefined && (values as readonly string[]).includes(value);
}

/**
 * The exact instant of a cursor as a PostgreSQL timestamptz literal, computed
 * with integers so all six fractional digits survive.
 */
export function cursorTimestamp(placedAtMicros: string): string {
  const micros = BigInt(placedAtMicros);
  if (micros > MAX_ABS_MICROS || micros < -MAX_ABS_MICROS) {
    throw appError('BAD_USER_INPUT', 'The cursor is not valid: its timestamp is out of range.');
  }
  let seconds = micros / MICROS_PER_SECOND;
  let fraction = micros % MICROS_PER_SECOND;
  if (fraction < 0n) {
    fraction += MICROS_PER_SECOND;
    seconds -= 1n;
  }
  const wholeSeconds = new Date(Number(seconds) * 1000).toISOString().slice(0, -5);
  return `${wholeSeconds}.${fraction.toString().padStart(6, '0')}Z`;
}
