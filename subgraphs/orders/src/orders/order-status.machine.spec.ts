import { ORDER_STATUSES, type OrderStatus } from '@nexara/kit';
import {
  isFinalStatus,
  providerTransition,
  staffTransitionAllowed,
  type ProviderTransition,
} from './order-status.machine';

const ALL_PAIRS: [OrderStatus, OrderStatus][] = ORDER_STATUSES.flatMap((from) =>
  ORDER_STATUSES.map((to): [OrderStatus, OrderStatus] => [from, to]),
);

// Written out by hand, not derived from the module under test.
const STAFF_ALLOWED = new Set([
  'RECEIVED>ACCEPTED',
  'RECEIVED>REJECTED',
  'RECEIVED>CANCELLED',
  'ACCEPTED>PREPARING',
  'ACCEPTED>CANCELLED',
  'PREPARING>READY',
  'PREPARING>CANCELLED',
  'READY>PICKED_UP',
  'READY>CANCELLED',
  'PICKED_UP>DELIVERED',
  'PICKED_UP>CANCELLED',
]);

/**
 * Rows: from. Columns, in order: RECEIVED ACCEPTED PREPARING READY PICKED_UP DELIVERED REJECTED CANCELLED.
 * `=` unchanged, `F` ignored (final), `B` ignored (backward), otherwise the statuses passed, joined by `>`.
 */
const PROVIDER_TABLE: Record<OrderStatus, string[]> = {
  RECEIVED: [
    '=',
    'ACCEPTED',
    'ACCEPTED>PREPARING',
    'ACCEPTED>PREPARING>READY',
    'ACCEPTED>PREPARING>READY>PICKED_UP',
    'ACCEPTED>PREPARING>READY>PICKED_UP>DELIVERED',
    'REJECTED',
    'CANCELLED',
  ],
  ACCEPTED: [
    'B',
    '=',
    'PREPARING',
    'PREPARING>READY',
    'PREPARING>READY>PICKED_UP',
    'PREPARING>READY>PICKED_UP>DELIVERED',
    'B',
    'CANCELLED',
  ],
  PREPARING: ['B', 'B', '=', 'READY', 'READY>PICKED_UP', 'READY>PICKED_UP>DELIVERED', 'B', 'CANCELLED'],
  READY: ['B', 'B', 'B', '=', 'PICKED_UP', 'PICKED_UP>DELIVERED', 'B', 'CANCELLED'],
  PICKED_UP: ['B', 'B', 'B', 'B', '=', 'DELIVERED', 'B', 'CANCELLED'],
  DELIVERED: ['F', 'F', 'F', 'F', 'F', '=', 'F', 'F'],
  REJECTED: ['F', 'F', 'F', 'F', 'F', 'F', '=', 'F'],
  CANCELLED: ['F', 'F', 'F', 'F', 'F', 'F', 'F', '='],
};

function expectedProviderTransition(from: OrderStatus, to: OrderStatus): ProviderTransition {
  const cell = PROVIDER_TABLE[from][ORDER_STATUSES.indexOf(to)];
  if (cell === '=') return { kind: 'unchanged' };
  if (cell === 'F') return { kind: 'ignored', reason: 'FINAL' };
  if (cell === 'B') return { kind: 'ignored', reason: 'BACKWARD' };
  return { kind: 'advance', path: String(cell).split('>') as OrderStatus[] };
}

describe('order status machine', () => {
  it('covers all 64 pairs of the 8 statuses', () => {
    expect(ORDER_STATUSES).toHaveLength(8);
    expect(ALL_PAIRS).toHaveLength(64);
  });

  it('knows the final statuses', () => {
    expect(ORDER_STATUSES.filter(isFinalStatus)).toEqual(['DELIVERED', 'REJECTED', 'CANCELLED']);
  });

  describe('staffTransitionAllowed', () => {
    it.each(ALL_PAIRS.map(([from, to]) => [from, to, STAFF_ALLOWED.has(`${from}>${to}`)] as const))(
      '%s -> %s: allowed=%s',
      (from, to, allowed) => {
        expect(staffTransitionAllowed(from, to)).toBe(allowed);
      },
    );
  });

  describe('providerTransition', () => {
    it.each(ALL_PAIRS.map(([from, to]) => [from, to, expectedProviderTransition(from, to)] as const))(
      '%s -> %s: %j',
      (from, to, expected) => {
        expect(providerTransition(from, to)).toEqual(expected);
      },
    );
  });
});
