import type { OrderFilterInput, OrderRowFragment } from '../../gql/graphql';
import { nextDate, startOfZonedDay } from '../../ui/time';

/** The filter bar's state: what the user picked, dates as the tenant's calendar days. */
export type OrderFilterState = {
  status: string;
  provider: string;
  connectionId: string;
  fromDate: string;
  toDate: string;
  search: string;
};

export const EMPTY_ORDER_FILTER: OrderFilterState = {
  status: '',
  provider: '',
  connectionId: '',
  fromDate: '',
  toDate: '',
  search: '',
};

/** "Open" in the status picker: every state an order still needs work in. */
export const OPEN_STATUSES = ['RECEIVED', 'ACCEPTED', 'PREPARING', 'READY', 'PICKED_UP'] as const;

function statusesOf(status: string): OrderFilterInput['status'] {
  if (!status) return null;
  return (status === 'OPEN' ? [...OPEN_STATUSES] : [status]) as OrderFilterInput['status'];
}

/** The API filter: date pickers' days start at the tenant's midnight; "to" includes its whole day. */
export function toOrderFilterInput(state: OrderFilterState, timeZone: string): OrderFilterInput {
  return {
    status: statusesOf(state.status),
    provider: state.provider ? ([state.provider] as OrderFilterInput['provider']) : null,
    connectionId: state.connectionId || null,
    from: state.fromDate ? startOfZonedDay(state.fromDate, timeZone) : null,
    to: state.toDate ? startOfZonedDay(nextDate(state.toDate), timeZone) : null,
    search: state.search.trim() || null,
  };
}

/**
 * Whether a live order belongs in the grid under the current filter: the
 * same rules the API applies, so a row the server would not list never
 * appears, and one that stops matching leaves.
 */
export function orderMatchesFilter(order: OrderRowFragment, filter: OrderFilterInput): boolean {
  if (filter.status?.length && !filter.status.includes(order.status)) return false;
  if (filter.provider?.length && !filter.provider.includes(order.provider)) return false;
  if (filter.connectionId && order.connection.id !== filter.connectionId) return false;
  const placed = new Date(order.placedAt).getTime();
  if (filter.from && placed < new Date(filter.from).getTime()) return false;
  if (filter.to && placed >= new Date(filter.to).getTime()) return false;
  if (filter.search) {
    const needle = filter.search.toLowerCase();
    const haystack = [order.displayCode, order.externalId, order.customer?.name ?? '', order.customer?.phone ?? ''].map(
      (text) => text.toLowerCase(),
    );
    if (!haystack.some((text) => text.includes(needle))) return false;
  }
  return true;
}
