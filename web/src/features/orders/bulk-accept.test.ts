import { acceptEach, bulkSummary } from './bulk-accept';

const orders = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id, displayCode: id.toUpperCase() }));

describe('accepting several orders', () => {
  it('accepts each, at most `concurrency` at a time, and reports each failure against its order', async () => {
    let inFlight = 0;
    let most = 0;
    const outcomes = await acceptEach(
      orders,
      async (id) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 0));
        inFlight--;
        if (id === 'c') throw new Error('Order is already REJECTED');
      },
      2,
    );
    expect(most).toBe(2);
    expect(outcomes.map((o) => [o.order.displayCode, o.error])).toEqual([
      ['A', null],
      ['B', null],
      ['C', 'Order is already REJECTED'],
      ['D', null],
      ['E', null],
      ['F', null],
    ]);
    expect(bulkSummary(outcomes)).toBe('Accepted 5 of 6 orders; 1 could not be accepted:');
    expect(bulkSummary(outcomes.slice(0, 1))).toBe('Accepted 1 order.');
  });
});
