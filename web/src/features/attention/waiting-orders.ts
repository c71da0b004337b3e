/**
 * Which orders wait for an answer, apart from React so it can be tested on
 * its own. `waiting`: every order still RECEIVED (the tab title counts
 * them); `ringing`: those among them that arrived while the dashboard was
 * open (they ring until accepted or rejected). An order is new the first
 * time it is seen, RECEIVED, after the first load.
 */
export type WaitingOrders = { waiting: ReadonlySet<string>; ringing: ReadonlySet<string>; seen: ReadonlySet<string> };

export type WaitingChange = { id: string; status: string };

export function initialWaiting(waitingIds: readonly string[]): WaitingOrders {
  return { waiting: new Set(waitingIds), ringing: new Set(), seen: new Set(waitingIds) };
}

/** The state after an order changed, and whether it is a new order to announce. */
export function applyOrderChange(state: WaitingOrders, order: WaitingChange): { state: WaitingOrders; isNew: boolean } {
  const isNew = order.status === 'RECEIVED' && !state.seen.has(order.id);
  const seen = state.seen.has(order.id) ? state.seen : new Set(state.seen).add(order.id);
  const waiting = new Set(state.waiting);
  const ringing = new Set(state.ringing);
  if (order.status === 'RECEIVED') {
    waiting.add(order.id);
    if (isNew) ringing.add(order.id);
  } else {
    waiting.delete(order.id);
    ringing.delete(order.id);
  }
  return { state: { waiting, ringing, seen }, isNew };
}

/** "(3) Nexara · Operations" while 3 orders wait, the title alone when none do. */
export function titleWithCount(baseTitle: string, waiting: number): string {
  return waiting > 0 ? `(${waiting}) ${baseTitle}` : baseTitle;
}
