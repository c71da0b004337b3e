import type { OrderFilterInput } from '../../gql/graphql';
import { EMPTY_ORDER_FILTER, OPEN_STATUSES, orderMatchesFilter, toOrderFilterInput } from './order-filter';
import { anOrderRow } from './order-row.fixture';

const order = anOrderRow();

describe('orders filter', () => {
  it('sends picked days as the tenant-zone instants they span', () => {
    const input = toOrderFilterInput(
      { ...EMPTY_ORDER_FILTER, fromDate: '2026-03-12', toDate: '2026-03-12', status: 'OPEN' },
      'Asia/Riyadh',
    );
    expect(input).toMatchObject({
      from: '2026-03-11T21:00:00.000Z',
      to: '2026-03-12T21:00:00.000Z',
      status: [...OPEN_STATUSES],
      provider: null,
      search: null,
    });
  });

  it.each<[string, OrderFilterInput, boolean]>([
    ['no filter', {}, true],
    ['its status', { status: ['RECEIVED'] }, true],
    ['another status', { status: ['ACCEPTED'] }, false],
    ['its provider', { provider: ['CAREEM'] }, true],
    ['another provider', { provider: ['JAHEZ'] }, false],
    ['another connection', { connectionId: 'c-2' }, false],
    ['a range holding it', { from: '2026-03-12T09:00:00.000Z', to: '2026-03-12T10:00:00.001Z' }, true],
    ['a range ending at it', { to: '2026-03-12T10:00:00.000Z' }, false],
    ['a range starting after it', { from: '2026-03-12T10:00:00.001Z' }, false],
    ['its code in lower case', { search: 'ab1' }, true],
    ['its customer phone', { search: '500000001' }, true],
    ['text it lacks', { search: 'pizza' }, false],
  ])('a live order matching %s: %s', (_label, filter, expected) => {
    expect(orderMatchesFilter(order, filter)).toBe(expected);
  });
});
