/**
 * How the endToEnd scenario counts what happened to its deliveries and to its
 * subscribers' arrivals: pure functions over what the load generator sent and
 * saw and what the database stored, so the rules are unit-tested
 * (end-to-end-accounting.spec.ts) apart from a run.
 */

/** One delivery the load generator sent. `key` names it as the inbox does: provider and idempotency key. */
export type SentDelivery = { key: string; acknowledged: boolean };

/** One inbox row of a sent delivery, with what processing it left behind. */
export type StoredDelivery = {
  key: string;
  status: string;
  /** Orders the row's processing touched (a new-order delivery: one). */
  orders: number;
  /** Arrival entries (RECEIVED from the provider) on those orders' timelines: one, unless it was applied twice. */
  arrivalEntries: number;
};

/**
 * The promise (docs/webhooks.md): every acknowledged delivery is stored and
 * processed exactly once, and nothing stored is processed twice. A delivery
 * stored whose 2xx the load generator never read (it gave up waiting) is no
 * breach: the provider would send it again and the idempotency key would
 * answer it; it is counted apart.
 */
export type DeliveryAccount = {
  sent: number;
  /** 2xx answers the load generator read. */
  acknowledged: number;
  /** Sent deliveries in the inbox (distinct keys). */
  stored: number;
  /** Stored, though the load generator never read a 2xx for them (timed out, or the connection broke). */
  storedWithoutAcknowledgement: number;
  /** Acknowledged and not in the inbox: a breach of durability. */
  acknowledgedNotStored: number;
  /** Stored keys processed exactly once: PROCESSED, one order, one arrival entry on it. */
  processed: number;
  /** Stored keys not (yet) PROCESSED when counted. */
  notProcessed: number;
  /** Keys stored more than once, or whose processing left more than one order or arrival entry. */
  duplicated: number;
  /** The promise held: nothing acknowledged is missing, everything stored was processed once, nothing twice. */
  ok: boolean;
};

export function countDeliveries(sent: readonly SentDelivery[], stored: readonly StoredDelivery[]): DeliveryAccount {
  const rowsByKey = new Map<string, StoredDelivery[]>();
  for (const row of stored) rowsByKey.set(row.key, [...(rowsByKey.get(row.key) ?? []), row]);
  let acknowledged = 0;
  let storedKeys = 0;
  let storedWithoutAcknowledgement = 0;
  let acknowledgedNotStored = 0;
  let processed = 0;
  let notProcessed = 0;
  let duplicated = 0;
  for (const delivery of new Map(sent.map((d) => [d.key, d])).values()) {
    if (delivery.acknowledged) acknowledged += 1;
    const rows = rowsByKey.get(delivery.key) ?? [];
    if (rows.length === 0) {
      if (delivery.acknowledged) acknowledgedNotStored += 1;
      continue;
    }
    storedKeys += 1;
    if (!delivery.acknowledged) storedWithoutAcknowledgement += 1;
    const [row] = rows;
    if (rows.length > 1 || row!.orders > 1 || row!.arrivalEntries > 1) duplicated += 1;
    else if (row!.status === 'PROCESSED' && row!.orders === 1 && row!.arrivalEntries === 1) processed += 1;
    else notProcessed += 1;
  }
  return {
    sent: new Set(sent.map((d) => d.key)).size,
    acknowledged,
    stored: storedKeys,
    storedWithoutAcknowledgement,
    acknowledgedNotStored,
    processed,
    notProcessed,
    duplicated,
    ok: acknowledgedNotStored === 0 && notProcessed === 0 && duplicated === 0,
  };
}

/**
 * One connection of a subscriber's socket: from its `connected` to its close
 * (null: still open). `unreadMs`: how long the subscriber's process had not
 * read its socket when it closed (its event loop stalled): what the gateway
 * sent in that time was lost with the terminated connection, unread.
 */
export type SocketSpan = { openedAt: number; closedAt: number | null; unreadMs?: number };

/**
 * How long after its commit an order's arrival may still be on its way: the
 * gateway re-reads it (with retries 0.1 + 0.4 + 1.6 s apart) after a
 * credentials check (the same retries), each call waiting up to a few
 * seconds under load. A socket that closed within this time after a commit
 * may have been cut while the arrival was in flight.
 */
export const ARRIVAL_GRACE_MS = 10_000;

/** An order committed that never reached its tenant's subscriber. */
export type MissedArrival = { subscriber: string; committedAt: number };

/**
 * Missed arrivals split by what the subscriber's socket was doing: one that
 * stayed open from the commit until `graceMs` (and the subscriber's unread
 * time before the close) after it broke the promise
 * (each version once, in order, on an open socket); one that was closed, or
 * closed soon after, lost what was in flight and is told so by the close (a
 * client refetches on reconnect; no replay is promised).
 */
export function classifyMissedArrivals(
  missed: readonly MissedArrival[],
  spans: ReadonlyMap<string, readonly SocketSpan[]>,
  graceMs = ARRIVAL_GRACE_MS,
): { whileDisconnected: number; onOpenSocket: number } {
  let onOpenSocket = 0;
  for (const { subscriber, committedAt } of missed) {
    const open = (spans.get(subscriber) ?? []).some(
      (span) =>
        span.openedAt <= committedAt &&
        (span.closedAt === null || span.closedAt > committedAt + graceMs + (span.unreadMs ?? 0)),
    );
    if (open) onOpenSocket += 1;
  }
  return { whileDisconnected: missed.length - onOpenSocket, onOpenSocket };
}

/** What a step needs to count as kept up (issue #14 target 1). */
export type StepOutcome = {
  offeredPerSecond: number;
  sent: number;
  acknowledged: number;
  /** p99 of acknowledgement to committed, and to the subscriber, ms. */
  lagToCommittedP99Ms: number;
  lagToSubscriberP99Ms: number;
  backlogAtEnd: number;
  /** The step's acknowledged orders that never reached their subscriber (their lag is unbounded). */
  missedArrivals: number;
};

/**
 * Kept up: every delivery acknowledged, lag p99 under 1 s both to the order
 * committed and to the subscriber (a missed arrival has no lag under 1 s, so
 * any miss fails the step), and no growing backlog: less than one second's
 * offer still waiting when the step ends (each step starts with the previous
 * one's backlog worked off).
 */
export function keptUp(step: StepOutcome): boolean {
  return (
    step.sent > 0 &&
    step.acknowledged === step.sent &&
    step.lagToCommittedP99Ms < 1_000 &&
    step.lagToSubscriberP99Ms < 1_000 &&
    step.missedArrivals === 0 &&
    step.backlogAtEnd <= step.offeredPerSecond
  );
}

/** The highest offered rate whose step kept up; 0 when none did. */
export function sustainedPerSecond(steps: readonly StepOutcome[]): number {
  return Math.max(0, ...steps.filter(keptUp).map((step) => step.offeredPerSecond));
}

/**
 * What one subscriber saw of one order: every version once and in order.
 * Returns what the new version was: the next one, a repeat (at or below the
 * last seen), or after a gap (versions skipped: expected across a reconnect,
 * a breach on an open socket).
 */
export function versionSeen(last: number | undefined, version: number): 'next' | 'repeat' | 'gap' {
  if (last === undefined) return version === 1 ? 'next' : 'gap';
  if (version <= last) return 'repeat';
  return version === last + 1 ? 'next' : 'gap';
}

/** What the subscribers saw of the versions of the orders this scenario sent. */
export type VersionAccount = {
  /** A version seen again, or after a later one. */
  repeated: number;
  /** A version seen with the one before it never seen (an arrival other than version 1 counts). */
  gaps: number;
  /**
   * Orders the subscribers heard of that this scenario did not send (an earlier scenario's, still changing):
   * their first version seen is rarely 1, and no promise covers what came before a subscription.
   */
  otherOrders: number;
  /**
   * Every change the subscribers received, of any order: with the gateway's count of what it sent
   * (SubscriberAccount.gatewayDeliveries), it tells a change lost on the way to the client from one the gateway
   * never heard of.
   */
  received: number;
};

/**
 * Every version each subscriber saw, per order (named `connection/externalId`:
 * external ids are unique per connection only, and random ones of two
 * providers or connections can collide). Judged by `account` against the
 * orders the scenario sent, so another scenario's orders, whose earlier
 * versions came before the subscription, are not counted as gaps.
 */
export class VersionLog {
  private readonly last = new Map<string, number>();
  private readonly repeats = new Map<string, number>();
  private readonly gaps = new Map<string, number>();
  private received = 0;

  see(order: string, version: number): 'next' | 'repeat' | 'gap' {
    this.received += 1;
    const seen = versionSeen(this.last.get(order), version);
    if (seen === 'repeat') {
      this.repeats.set(order, (this.repeats.get(order) ?? 0) + 1);
      return seen;
    }
    if (seen === 'gap') this.gaps.set(order, (this.gaps.get(order) ?? 0) + 1);
    this.last.set(order, version);
    return seen;
  }

  account(sent: ReadonlySet<string>): VersionAccount {
    const sum = (counts: Map<string, number>): number =>
      [...counts].reduce((total, [order, n]) => total + (sent.has(order) ? n : 0), 0);
    return {
      repeated: sum(this.repeats),
      gaps: sum(this.gaps),
      otherOrders: [...this.last.keys()].filter((order) => !sent.has(order)).length,
      received: this.received,
    };
  }
}
