import {
  applyOrderChange,
  applySnapshot,
  CANCELLED_SHOWN_MS,
  clearCancelled,
  DEPARTED_KEPT,
  emptyBoard,
  kitchenColumn,
  pruneCancelled,
  ticketsByColumn,
  type KitchenBoard,
  type TicketOrder,
} from './kitchen-board';

const NOW = Date.parse('2026-03-12T12:00:00.000Z');
const at = (seconds: number) => new Date(NOW + seconds * 1000).toISOString();

/** An order `id` in `status`, placed at second `placed`, last changed at second `changed`. */
const order = (id: string, status: string, placed = 0, changed = placed): TicketOrder => ({
  id,
  status,
  placedAt: at(placed),
  updatedAt: at(changed),
});

const apply = (board: KitchenBoard<TicketOrder>, ...orders: TicketOrder[]) =>
  orders.reduce((held, next) => applyOrderChange(held, next, NOW), board);
const ids = (board: KitchenBoard<TicketOrder>) => {
  const columns = ticketsByColumn(board);
  return Object.fromEntries(
    Object.entries(columns).map(([column, tickets]) => [column, tickets.map((t) => t.order.id)]),
  );
};

describe('kitchen board', () => {
  it.each([
    ['RECEIVED', 'NEW'],
    ['ACCEPTED', 'ACCEPTED'],
    ['PREPARING', 'PREPARING'],
    ['READY', 'READY'],
    ['PICKED_UP', null],
    ['DELIVERED', null],
    ['REJECTED', null],
    ['CANCELLED', null],
  ])('puts an order in %s in column %s', (status, column) => {
    expect(kitchenColumn(status)).toBe(column);
  });

  it('groups tickets by state, oldest first in each column', () => {
    const board = apply(
      emptyBoard(),
      order('late', 'ACCEPTED', 30),
      order('early', 'ACCEPTED', 10),
      order('new', 'RECEIVED', 50),
      order('cooking', 'PREPARING', 5),
      order('done', 'READY', 1),
    );
    expect(ids(board)).toEqual({ NEW: ['new'], ACCEPTED: ['early', 'late'], PREPARING: ['cooking'], READY: ['done'] });
  });

  it('moves a ticket along as its order moves, and off the board once picked up, into the recall list', () => {
    let board = apply(emptyBoard(), order('a', 'RECEIVED', 0, 0), order('a', 'ACCEPTED', 0, 5));
    expect(ids(board).ACCEPTED).toEqual(['a']);
    board = apply(board, order('a', 'PREPARING', 0, 10), order('a', 'READY', 0, 20), order('a', 'PICKED_UP', 0, 30));
    expect(board.tickets.size).toBe(0);
    expect(board.departed.map((o) => [o.id, o.status])).toEqual([['a', 'PICKED_UP']]);
    // The courier's delivery later only updates the recalled entry.
    board = apply(board, order('a', 'DELIVERED', 0, 900));
    expect(board.departed.map((o) => o.status)).toEqual(['DELIVERED']);
    expect(board.tickets.size).toBe(0);
  });

  it('ignores a stale version (events and re-reads cross), including an open version of an order that already left', () => {
    let board = apply(emptyBoard(), order('a', 'PREPARING', 0, 10));
    board = apply(board, order('a', 'ACCEPTED', 0, 5));
    expect(ids(board).PREPARING).toEqual(['a']);
    board = apply(board, order('a', 'PICKED_UP', 0, 30), order('a', 'READY', 0, 20));
    expect(board.tickets.size).toBe(0);
  });

  it('ignores orders that never were on the board and are not kitchen work', () => {
    const board = apply(emptyBoard(), order('x', 'DELIVERED'), order('y', 'REJECTED'), order('z', 'CANCELLED'));
    expect(board.tickets.size).toBe(0);
    expect(board.departed).toEqual([]);
  });

  it('keeps a cancelled ticket, struck through in its column, until it is cleared or its time is up', () => {
    let board = apply(emptyBoard(), order('a', 'PREPARING', 0, 10), order('b', 'READY', 0, 10));
    board = applyOrderChange(board, order('a', 'CANCELLED', 0, 20), NOW);
    board = applyOrderChange(board, order('b', 'CANCELLED', 0, 20), NOW + 60_000);
    expect(board.tickets.get('a')).toMatchObject({ column: 'PREPARING', cancelledAt: NOW });
    expect(ids(board)).toMatchObject({ PREPARING: ['a'], READY: ['b'] });

    board = clearCancelled(board, 'a');
    expect([...board.tickets.keys()]).toEqual(['b']);
    expect(clearCancelled(board, 'nothing')).toBe(board);

    expect(pruneCancelled(board, NOW + 60_000 + CANCELLED_SHOWN_MS - 1).tickets.size).toBe(1);
    expect(pruneCancelled(board, NOW + 60_000 + CANCELLED_SHOWN_MS).tickets.size).toBe(0);
  });

  it('does not clear an open ticket by tapping', () => {
    const board = apply(emptyBoard(), order('a', 'ACCEPTED'));
    expect(clearCancelled(board, 'a')).toBe(board);
  });

  it('stays bounded however many orders flow through it', () => {
    let board = emptyBoard<TicketOrder>();
    for (let i = 0; i < 5_000; i += 1) {
      const id = `o${i}`;
      for (const [step, status] of ['RECEIVED', 'ACCEPTED', 'PREPARING', 'READY', 'PICKED_UP'].entries())
        board = applyOrderChange(board, order(id, status, i, i + step), NOW);
    }
    expect(board.tickets.size).toBe(0);
    expect(board.departed).toHaveLength(DEPARTED_KEPT);
    expect(board.departed[0]!.id).toBe('o4999');
  });

  describe('a fresh read laid over the board', () => {
    it('adds what was missed, moves what changed, and drops tickets that left unheard', () => {
      const board = apply(emptyBoard(), order('gone', 'READY', 0, 10), order('moved', 'ACCEPTED', 0, 10));
      const next = applySnapshot(
        board,
        [order('moved', 'PREPARING', 0, 20), order('missed', 'RECEIVED', 30, 30)],
        new Set(),
        NOW,
      );
      expect(ids(next)).toEqual({ NEW: ['missed'], ACCEPTED: [], PREPARING: ['moved'], READY: [] });
      expect(next.departed.map((o) => o.id)).toEqual(['gone']);
    });

    it('keeps what live events brought while the read was on its way', () => {
      let board = apply(emptyBoard(), order('a', 'ACCEPTED', 0, 10));
      // During the read: a new order arrives, and `a` moves on.
      board = apply(board, order('fresh', 'RECEIVED', 40, 40), order('a', 'PREPARING', 0, 50));
      const next = applySnapshot(board, [order('a', 'ACCEPTED', 0, 10)], new Set(['fresh', 'a']), NOW);
      expect(ids(next)).toEqual({ NEW: ['fresh'], ACCEPTED: [], PREPARING: ['a'], READY: [] });
    });

    it('does not bring back an order that left while the read was on its way', () => {
      let board = apply(emptyBoard(), order('a', 'READY', 0, 10));
      board = apply(board, order('a', 'PICKED_UP', 0, 60));
      const next = applySnapshot(board, [order('a', 'READY', 0, 10)], new Set(['a']), NOW);
      expect(next.tickets.size).toBe(0);
    });

    it('keeps cancelled tickets up (the read lists only open orders)', () => {
      let board = apply(emptyBoard(), order('a', 'PREPARING', 0, 10));
      board = apply(board, order('a', 'CANCELLED', 0, 20));
      expect(applySnapshot(board, [], new Set(), NOW).tickets.has('a')).toBe(true);
    });
  });

  it('shows a bump inside its undo window in the column it goes to, or not at all when it leaves', () => {
    const board = apply(emptyBoard(), order('a', 'ACCEPTED', 0), order('b', 'READY', 5), order('c', 'PREPARING', 9));
    const moving = new Map([
      ['a', 'PREPARING'],
      ['b', 'PICKED_UP'],
    ]);
    expect(ids(board)).toMatchObject({ ACCEPTED: ['a'], READY: ['b'] });
    const columns = ticketsByColumn(board, moving);
    expect(columns.PREPARING.map((t) => t.order.id)).toEqual(['a', 'c']);
    expect(columns.READY).toEqual([]);
  });
});
