import { appError } from '@nexara/kit';

/**
 * A position in the order list (newest first, then id). `placedAtMicros` is
 * microseconds since the Unix epoch as PostgreSQL stores them: a JavaScript
 * Date would drop the last three digits and skip or repeat rows at a page edge.
 */
export type OrderCursor = { placedAtMicros: string; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MICROS = /^-?\d{1,19}$/;

const MICROS_PER_SECOND = 1_000_000n;
/** JavaScript Dates reach ±8.64e15 ms; beyond that no order can have been placed. */
const MAX_ABS_MICROS = 8_640_000_000_000_000_000n;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function encodeOrderCursor(cursor: OrderCursor): string {
  return Buffer.from(`o1:${cursor.placedAtMicros}:${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeOrderCursor(text: string): OrderCursor {
  const [version, placedAtMicros, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split(':');
  if (version !== 'o1' || !placedAtMicros || !MICROS.test(placedAtMicros) || !id || !isUuid(id) || rest.length > 0) {
    throw appError('BAD_USER_INPUT', 'The cursor is not valid: pass `after` an endCursor or edge cursor this API returned.');
  }
  return { placedAtMicros, id: id.toLowerCase() };
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
