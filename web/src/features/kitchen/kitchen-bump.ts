import { allowedOrderActions } from '../orders/order-actions';

/**
 * What a tap on a ticket does: the order's next kitchen step, if the
 * user's role may take it (the same rule the order drawer follows, from
 * the orders subgraph's state machine). A new order is accepted with a
 * prep time; after that each tap moves it one step, and the last one
 * (picked up) takes it off the board.
 */
export type KitchenBumpAction = 'ACCEPT' | 'MARK_PREPARING' | 'MARK_READY' | 'MARK_PICKED_UP';

export type KitchenStep = { action: KitchenBumpAction; to: 'ACCEPTED' | 'PREPARING' | 'READY' | 'PICKED_UP' };

const NEXT: Readonly<Record<string, KitchenStep>> = {
  RECEIVED: { action: 'ACCEPT', to: 'ACCEPTED' },
  ACCEPTED: { action: 'MARK_PREPARING', to: 'PREPARING' },
  PREPARING: { action: 'MARK_READY', to: 'READY' },
  READY: { action: 'MARK_PICKED_UP', to: 'PICKED_UP' },
};

export function kitchenStep(status: string, role: string): KitchenStep | null {
  const step = NEXT[status];
  return step && allowedOrderActions(status, role).includes(step.action) ? step : null;
}

/** How long a bump can be taken back before it is sent (the state machine never goes back once it is). */
export const UNDO_WINDOW_MS = 5_000;

/** Prep times offered on a new ticket (the drawer offers more; a kitchen wants three big buttons). */
export const KITCHEN_PREP_CHOICES = [10, 20, 30] as const;

export type PendingBump = {
  id: string;
  displayCode: string;
  /** The status the bump starts from: if the order has moved on by the time it is sent, it is dropped. */
  from: string;
  to: KitchenStep['to'];
  action: KitchenBumpAction;
  prepMinutes: number | null;
  /** When it will be sent (ms since epoch). */
  sendsAt: number;
};

/**
 * Bumps inside their undo window. Each waits `windowMs` and is then handed
 * to `send`; `undo` drops it before that. A second bump of the same ticket
 * sends the first at once (a cook tapping twice means two steps). `flush`
 * sends everything now: when the page is being left, the taps already made
 * must still reach the API.
 */
export class BumpQueue {
  private readonly pending = new Map<string, { bump: PendingBump; timer: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly options: {
      windowMs: number;
      send: (bump: PendingBump) => void;
      onChange: (pending: readonly PendingBump[]) => void;
      now?: () => number;
    },
  ) {}

  bump(bump: Omit<PendingBump, 'sendsAt'>): void {
    if (this.pending.has(bump.id)) this.sendNow(bump.id);
    const sendsAt = (this.options.now ?? Date.now)() + this.options.windowMs;
    const timer = setTimeout(() => this.sendNow(bump.id), this.options.windowMs);
    this.pending.set(bump.id, { bump: { ...bump, sendsAt }, timer });
    this.changed();
  }

  /** Takes a bump back; false when it was already sent (or never made). */
  undo(id: string): boolean {
    const entry = this.pending.get(id);
    if (!entry) return false;
    clearTimeout(entry.timer);
    this.pending.delete(id);
    this.changed();
    return true;
  }

  flush(): void {
    for (const id of [...this.pending.keys()]) this.sendNow(id);
  }

  list(): PendingBump[] {
    return [...this.pending.values()].map((entry) => entry.bump);
  }

  private sendNow(id: string): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(id);
    this.changed();
    this.options.send(entry.bump);
  }

  private changed(): void {
    this.options.onChange(this.list());
  }
}
