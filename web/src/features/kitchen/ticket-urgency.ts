import { URGENT_SECONDS } from '../../ui/countdown';

/**
 * How a ticket's time looks: its header's colour and the clock it shows.
 * Each state is timed against what was promised at that point:
 *   RECEIVED   the provider's acceptBy (urgent in its last two minutes, as the countdown elsewhere);
 *   ACCEPTED,
 *   PREPARING  the prep time given at accept (acceptedAt + prepMinutes): warn at 75 %, late past it;
 *   READY      the wait for the courier since it became ready: warn at 5 min, late at 10.
 * The clock always shows time since the customer placed the order.
 */
export type UrgencyLevel = 'new' | 'ok' | 'warn' | 'late';

export type TicketTiming = {
  status: string;
  placedAt: string;
  acceptBy?: string | null;
  acceptedAt?: string | null;
  prepMinutes?: number | null;
  /** For a READY order: when it became ready (its last change). */
  updatedAt: string;
};

export type TicketUrgency = {
  level: UrgencyLevel;
  /** Seconds since the order was placed (never negative: a device clock may run behind). */
  elapsedSeconds: number;
  /** When it is due: acceptBy for a new order, the promised ready time while cooking; null otherwise. */
  dueAt: number | null;
};

/** Prep time assumed when an order was accepted without one (auto-accept with no default). */
export const DEFAULT_PREP_MINUTES = 20;
export const PREP_WARN_SHARE = 0.75;
export const READY_WARN_MS = 5 * 60_000;
export const READY_LATE_MS = 10 * 60_000;

export function ticketUrgency(ticket: TicketTiming, now: number): TicketUrgency {
  const placed = Date.parse(ticket.placedAt);
  const elapsedSeconds = Math.max(0, Math.floor((now - placed) / 1000));
  switch (ticket.status) {
    case 'RECEIVED': {
      if (!ticket.acceptBy) return { level: 'new', elapsedSeconds, dueAt: null };
      const deadline = Date.parse(ticket.acceptBy);
      const left = deadline - now;
      const level = left <= 0 ? 'late' : left <= URGENT_SECONDS * 1000 ? 'warn' : 'new';
      return { level, elapsedSeconds, dueAt: deadline };
    }
    case 'ACCEPTED':
    case 'PREPARING': {
      const start = ticket.acceptedAt ? Date.parse(ticket.acceptedAt) : placed;
      const prepMs = (ticket.prepMinutes ?? DEFAULT_PREP_MINUTES) * 60_000;
      const spent = now - start;
      const level = spent >= prepMs ? 'late' : spent >= prepMs * PREP_WARN_SHARE ? 'warn' : 'ok';
      return { level, elapsedSeconds, dueAt: start + prepMs };
    }
    case 'READY': {
      const waiting = now - Date.parse(ticket.updatedAt);
      const level = waiting >= READY_LATE_MS ? 'late' : waiting >= READY_WARN_MS ? 'warn' : 'ok';
      return { level, elapsedSeconds, dueAt: null };
    }
    default:
      return { level: 'ok', elapsedSeconds, dueAt: null };
  }
}
