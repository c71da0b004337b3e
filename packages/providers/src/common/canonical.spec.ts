import { PayloadError } from './errors';
import type { CanonicalOrder } from '../canonical-order';
import { orderPlaced, statusChanged } from './canonical';

const order: Omit<CanonicalOrder, 'warnings'> = {
  displayCode: 'A-17',
  placedAt: '2026-11-28T10:00:00.000Z',
  acceptBy: null,
  currency: 'BHD',
  customer: null,
  delivery: null,
  items: [
    { externalId: null, name: 'Machboos', quantity: 1, unitPrice: 3500, total: 3500, notes: null, modifiers: [] },
  ],
  subtotal: 3500,
  deliveryFee: 0,
  discount: 0,
  tax: 0,
  tip: 0,
  total: 3500,
  payment: null,
  notes: null,
};
const placed = (overrides: Partial<CanonicalOrder> = {}) =>
  orderPlaced({
    eventKey: 'k1',
    externalId: 'J-1',
    occurredAt: '2026-11-28T10:00:01.000Z',
    order: { ...order, ...overrides },
  });

describe('canonical events built by the adapters', () => {
  it('are returned as built when the canonical schema takes them', () => {
    expect(placed()).toMatchObject({ kind: 'ORDER_PLACED', externalId: 'J-1', orderId: null, order: { warnings: [] } });
  });

  // Found by the adapter fuzz tests once they checked events against the schema: orders refused these for good.
  it('are refused as a PayloadError, naming each problem, when the orders subgraph would refuse them', () => {
    const build = () => placed({ notes: 'x'.repeat(2001), items: [{ ...order.items[0]!, quantity: 0 }] });
    expect(build).toThrow(PayloadError);
    expect(build).toThrow(
      'order.items[0].quantity must be a whole number of at least 1; order.notes must be at most 2000 characters',
    );
    expect(() =>
      statusChanged({ eventKey: 'k2', orderId: 'TLB-1', occurredAt: '2026-11-28T10:00:01.000Z', status: 'ACCEPTED' }),
    ).toThrow('orderId must be a UUID');
  });
});
