import type { OrderRowFragment } from '../../gql/graphql';
import { minorUnitsToDecimal } from '../../ui/money';

/** Kept here too: the orders CSV spec pins its exactness. */
export { minorUnitsToDecimal };

/**
 * The filtered orders as CSV (RFC 4180: CRLF lines, fields quoted when they
 * hold a comma, quote or line break, quotes doubled), for a spreadsheet or
 * an accountant. Money is exact: the API's integer minor units written as a
 * decimal with the currency's exponent by string arithmetic, never through
 * floating point.
 */
export const ORDER_CSV_HEADER = [
  'Order',
  'Provider order id',
  'Provider',
  'Status',
  'Test',
  'Placed (tenant time)',
  'Placed (UTC)',
  'Customer',
  'Customer phone',
  'Connection',
  'Total',
  'Currency',
] as const;

/**
 * A spreadsheet runs a cell starting with = + - @ (or a tab or carriage
 * return) as a formula: such text gets a leading apostrophe. Numbers are
 * written by us and left alone.
 */
function neutralised(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** "2026-03-12 14:05:09" in the zone. */
function zonedStamp(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

export function orderCsvRow(order: OrderRowFragment, timeZone: string): string[] {
  return [
    neutralised(order.displayCode),
    neutralised(order.externalId),
    order.provider,
    order.status,
    order.test ? 'yes' : 'no',
    zonedStamp(order.placedAt, timeZone),
    new Date(order.placedAt).toISOString(),
    neutralised(order.customer?.name ?? ''),
    neutralised(order.customer?.phone ?? ''),
    neutralised(order.connection.name),
    minorUnitsToDecimal(order.total.amount, order.total.currency),
    order.total.currency,
  ];
}

/** The whole file: a header line, one line per order, CRLF after each. */
export function ordersCsv(orders: readonly OrderRowFragment[], timeZone: string): string {
  const header = ORDER_CSV_HEADER.map((title) => (title === 'Placed (tenant time)' ? `Placed (${timeZone})` : title));
  return [header, ...orders.map((order) => orderCsvRow(order, timeZone))]
    .map((fields) => fields.map(csvField).join(',') + '\r\n')
    .join('');
}
