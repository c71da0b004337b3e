/**
 * The kitchen display's tickets, as pure functions of the orders it has
 * heard about (apart from React, so every rule is tested on its own).
 *
 * A ticket is on the board while its order is open in the kitchen
 * (RECEIVED, ACCEPTED, PREPARING, READY). Finished tickets leave (picked up,
 * delivered, rejected) into a short list kept for recall; a cancelled one
 * stays, struck through, until someone clears it or CANCELLED_SHOWN_MS
 * passes, so the cook hears about it. Nothing else is kept: the board's size
 * follows the kitchen's open orders, however long the screen stays on.
 */
export type KitchenColumn = 'NEW' | 'ACCEPTED' | 'PREPARING' | 'READY';

export const KITCHEN_COLUMNS: readonly KitchenColumn[] = ['NEW', 'ACCEPTED', 'PREPARING', 'READY'];

const COLUMN_OF_STATUS: Readonly<Record<string, KitchenColumn>> = {
  RECEIVED: 'NEW',
  ACCEPTED: 'ACCEPTED',
  PREPARING: 'PREPARING',
  READY: 'READY',
};

/** The column an order in `status` belongs in; null once it has left the kitchen. */
export function kitchenColumn(status: string): KitchenColumn | null {
  return COLUMN_OF_STATUS[status] ?? null;
}

/** Tickets that left, kept for recall (newest first). */
export const DEPARTED_KEPT = 12;
/** How long a cancelled ticket stays up if nobody clears it. */
export const CANCELLED_SHOWN_MS = 10 * 60_000;
/** Orders placed longer ago than this are not kitchen work any more (a stale, never-closed order). */
export const KITCHEN_WINDOW_MS = 12 * 3_600_000;

export type TicketOrder = { id: string; status: string; placedAt: string; updatedAt: string };

export type BoardTicket<T extends TicketOrder> = {
  order: T;
  /** Where it stands; a cancelled ticket keeps the column it was cancelled in. */
  column: KitchenColumn;
  /** When this display learnt of the cancellation (ms since epoch); null while the order is open. */
  cancelledAt: number | null;
};

export type KitchenBoard<T extends TicketOrder> = {
  tickets: ReadonlyMap<string, BoardTicket<T>>;
  departed: readonly T[];
};

export function emptyBoard<T extends TicketOrder>(): KitchenBoard<T> {
  return { tickets: new Map(), departed: [] };
}

/** Live events and re-reads can cross: a version older than the one held is stale. */
function isOlder(candidate: TicketOrder, held: TicketOrder): boolean {
  return Date.parse(candidate.updatedAt) < Date.parse(held.updatedAt);
}

function leave<T extends TicketOrder>(board: KitchenBoard<T>, order: T): KitchenBoard<T> {
  const tickets = new Map(board.tickets);
  tickets.delete(order.id);
  const departed = [order, ...board.departed.filter((entry) => entry.id !== order.id)].slice(0, DEPARTED_KEPT);
  return { tickets, departed };
}

/** One changed order (a live event, a mutation's answer, a row of a re-read) applied to the board. */
export function applyOrderChange<T extends TicketOrder>(
  board: KitchenBoard<T>,
  order: T,
  now: number,
): KitchenBoard<T> {
  const held = board.tickets.get(order.id);
  if (held && isOlder(order, held.order)) return board;
  const column = kitchenColumn(order.status);

  if (!held) {
    const gone = board.departed.find((entry) => entry.id === order.id);
    if (gone && !isOlder(gone, order)) return board; // an old open version of an order that already left
    if (!column) {
      // Not on the board: only a recalled entry's state can change.
      if (!gone) return board;
      return { ...board, departed: board.departed.map((entry) => (entry.id === order.id ? order : entry)) };
    }
    const tickets = new Map(board.tickets).set(order.id, { order, column, cancelledAt: null });
    return { tickets, departed: gone ? board.departed.filter((entry) => entry.id !== order.id) : board.departed };
  }

  if (column) {
    return { ...board, tickets: new Map(board.tickets).set(order.id, { order, column, cancelledAt: null }) };
  }
  if (order.status === 'CANCELLED') {
    const ticket = { order, column: held.column, cancelledAt: held.cancelledAt ?? now };
    return { ...board, tickets: new Map(board.tickets).set(order.id, ticket) };
  }
  return leave(board, order);
}

/**
 * A fresh read of every open order (on start, after a reconnect, and now and
 * then) laid over the board. Tickets the read no longer lists left while
 * nothing was heard (a dropped connection), unless a live event touched
 * them while the read was on its way: those are newer than the read.
 */
export function applySnapshot<T extends TicketOrder>(
  board: KitchenBoard<T>,
  snapshot: readonly T[],
  touchedDuringRead: ReadonlySet<string>,
  now: number,
): KitchenBoard<T> {
  const listed = new Set(snapshot.map((order) => order.id));
  let next = board;
  for (const [id, ticket] of board.tickets) {
    if (listed.has(id) || touchedDuringRead.has(id) || ticket.cancelledAt !== null) continue;
    next = leave(next, ticket.order);
  }
  for (const order of snapshot) next = applyOrderChange(next, order, now);
  return next;
}

/** Clears a cancelled ticket (a tap on it); open tickets leave only by their order's state. */
export function clearCancelled<T extends TicketOrder>(board: KitchenBoard<T>, id: string): KitchenBoard<T> {
  const ticket = board.tickets.get(id);
  return ticket && ticket.cancelledAt !== null ? leave(board, ticket.order) : board;
}

/** Cancelled tickets nobody cleared leave after CANCELLED_SHOWN_MS. */
export function pruneCancelled<T extends TicketOrder>(board: KitchenBoard<T>, now: number): KitchenBoard<T> {
  let next = board;
  for (const ticket of board.tickets.values()) {
    if (ticket.cancelledAt !== null && now - ticket.cancelledAt >= CANCELLED_SHOWN_MS) next = leave(next, ticket.order);
  }
  return next;
}

/**
 * The columns as the screen shows them, oldest ticket first. `moving` holds
 * the bumps still inside their undo window: such a ticket already shows in
 * the column it is going to (or is gone, when it is leaving the kitchen).
 */
export function ticketsByColumn<T extends TicketOrder>(
  board: KitchenBoard<T>,
  moving: ReadonlyMap<string, string> = new Map(),
): Record<KitchenColumn, BoardTicket<T>[]> {
  const columns: Record<KitchenColumn, BoardTicket<T>[]> = { NEW: [], ACCEPTED: [], PREPARING: [], READY: [] };
  for (const ticket of board.tickets.values()) {
    const to = moving.get(ticket.order.id);
    const column = to === undefined || ticket.cancelledAt !== null ? ticket.column : kitchenColumn(to);
    if (column) columns[column].push(ticket);
  }
  for (const column of KITCHEN_COLUMNS) {
    columns[column].sort(
      (a, b) => Date.parse(a.order.placedAt) - Date.parse(b.order.placedAt) || (a.order.id < b.order.id ? -1 : 1),
    );
  }
  return columns;
}
