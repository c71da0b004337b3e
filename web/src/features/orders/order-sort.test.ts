import type { OrderRowFragment, OrderSortInput } from '../../gql/graphql';
import { compareOrderRows, DEFAULT_ORDER_SORT, sortFromColumns } from './order-sort';
import { anOrderRow } from './order-row.fixture';

const row = (id: string, changes: Partial<OrderRowFragment> = {}) => anOrderRow({ id, ...changes });

const sorted = (rows: OrderRowFragment[], sort: OrderSortInput) =>
  [...rows].sort((a, b) => compareOrderRows(a, b, sort)).map((r) => r.id);

describe('orders sort', () => {
  it('maps the sorted grid column to the server sort, and no sorted column to the default', () => {
    expect(
      sortFromColumns([
        { colId: 'placedAt', sort: null },
        { colId: 'total', sort: 'asc' },
      ]),
    ).toEqual({ field: 'TOTAL', direction: 'ASC' });
    expect(sortFromColumns([{ colId: 'acceptBy', sort: 'desc' }])).toEqual({ field: 'ACCEPT_BY', direction: 'DESC' });
    expect(sortFromColumns([{ colId: 'placedAt', sort: null }])).toEqual(DEFAULT_ORDER_SORT);
    // A column the server cannot sort by never becomes a server sort.
    expect(sortFromColumns([{ colId: 'customer', sort: 'asc' }])).toEqual(DEFAULT_ORDER_SORT);
  });

  it('breaks ties by id in the sort direction, like the server', () => {
    const rows = [row('b', { total: { amount: 500, currency: 'SAR' } }), row('c'), row('a')];
    expect(sorted(rows, { field: 'TOTAL', direction: 'ASC' })).toEqual(['b', 'a', 'c']);
    expect(sorted(rows, { field: 'TOTAL', direction: 'DESC' })).toEqual(['c', 'a', 'b']);
  });

  it('compares totals as minor units whatever the currency', () => {
    const rows = [
      row('kwd', { total: { amount: 900, currency: 'KWD' } }),
      row('sar', { total: { amount: 1000, currency: 'SAR' } }),
    ];
    expect(sorted(rows, { field: 'TOTAL', direction: 'DESC' })).toEqual(['sar', 'kwd']);
  });

  it('puts orders without an accept-by deadline last in both directions', () => {
    const rows = [
      row('none'),
      row('late', { acceptBy: '2026-03-12T10:09:00.000Z' }),
      row('soon', { acceptBy: '2026-03-12T10:05:00.000Z' }),
    ];
    expect(sorted(rows, { field: 'ACCEPT_BY', direction: 'ASC' })).toEqual(['soon', 'late', 'none']);
    expect(sorted(rows, { field: 'ACCEPT_BY', direction: 'DESC' })).toEqual(['late', 'soon', 'none']);
  });

  it('sorts status and provider by name, and placed-at by instant', () => {
    const rows = [
      row('r', { status: 'RECEIVED', provider: 'JAHEZ' }),
      row('a', { status: 'ACCEPTED', provider: 'TALABAT', placedAt: '2026-03-12T11:00:00.000Z' }),
    ];
    expect(sorted(rows, { field: 'STATUS', direction: 'ASC' })).toEqual(['a', 'r']);
    expect(sorted(rows, { field: 'PROVIDER', direction: 'ASC' })).toEqual(['r', 'a']);
    expect(sorted(rows, DEFAULT_ORDER_SORT)).toEqual(['a', 'r']);
  });
});
