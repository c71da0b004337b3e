import type { LedgerEntry } from '@nexara/simulator';
import { eventually } from '@nexara/test-support';
import type { FaultPlatform } from './fault-platform';

export const isOk = (entry: LedgerEntry): boolean => entry.status >= 200 && entry.status < 300;

/**
 * Questions about a ledger still being written. Each fault waits for the platform to have shown the state it
 * tests (acknowledging, restarted, answering during an outage), never for a fixed time: on a loaded machine a
 * restart can take longer than any pause we would pick, and an outage window would then see no answers at all.
 */
export function watchLedger(ledger: readonly LedgerEntry[]): {
  answered: (from: number, to: number) => LedgerEntry[];
  acknowledgedSince: (from: number, count: number, what: string) => Promise<true>;
} {
  const answered = (from: number, to: number): LedgerEntry[] =>
    ledger.filter((e) => e.sentAt.getTime() >= from && e.sentAt.getTime() < to && e.status > 0);
  return {
    answered,
    acknowledgedSince: (from, count, what) =>
      eventually(async () => (answered(from, Infinity).filter(isOk).length >= count ? true : undefined), 90_000, what),
  };
}

/**
 * The key the platform stores a delivery under. Providers send ids, not keys; the
 * simulator records the id each delivery carries. A status call of a Delivery Hero brand
 * (Talabat, HungerStation) carries none, and the platform keys it by the fact it reports (`posOrderStatus:<order>:<status>`).
 */
function platformKeyOf(entry: LedgerEntry): string | null {
  if (!entry.idempotencyKey) return null;
  const deliveryHeroBrand = entry.provider === 'TALABAT' || entry.provider === 'HUNGERSTATION';
  return deliveryHeroBrand && entry.kind !== 'new_order'
    ? `posOrderStatus:${entry.idempotencyKey}`
    : entry.idempotencyKey;
}

export type LedgerSummary = { acknowledged: number; refused: number; unanswered: number; orders: number };

/**
 * What the design promises whatever failed (docs/architecture.md): once the
 * platform settles, every delivery answered 2xx was stored once and processed,
 * none refused with 4xx/5xx (and never acknowledged on a resend) was stored,
 * no order exists twice, and every acknowledged new order is an order.
 * `describe` says when a refused delivery was sent, for the failure message.
 */
export async function expectEveryAcknowledgedOnce(
  platform: FaultPlatform,
  ledger: readonly LedgerEntry[],
  describe: (entry: LedgerEntry) => string = (entry) => `${entry.status}`,
): Promise<LedgerSummary> {
  // Group the deliveries by the platform's idempotency key: a key may be sent twice (the simulator's duplicates).
  const byKey = new Map<string, LedgerEntry[]>();
  for (const entry of ledger) {
    const key = platformKeyOf(entry);
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), entry]);
  }
  const acknowledged = [...byKey].filter(([, entries]) => entries.some(isOk)).map(([key]) => key);
  const refused = [...byKey].filter(([, entries]) => entries.every((e) => e.status >= 400)).map(([key]) => key);

  // Every stored event reaches a final state once the platform settles.
  const openEvents = (): Promise<number> =>
    platform.withDatabase(async (client) => {
      const { rows } = await client.query<{ open: string }>(
        `select count(*) as open from integrations.webhook_events where status in ('QUEUED', 'PROCESSING')`,
      );
      return Number(rows[0]!.open);
    });
  await eventually(
    async () => ((await openEvents()) === 0 ? true : undefined),
    90_000,
    'every stored event settled',
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${platform.serviceLogs()}`);
  });

  const events = await platform.withDatabase(async (client) => {
    const { rows } = await client.query<{ idempotency_key: string; status: string; last_error: string | null }>(
      `select idempotency_key, status, last_error from integrations.webhook_events`,
    );
    return rows;
  });
  const eventsByKey = new Map<string, typeof events>();
  for (const event of events)
    eventsByKey.set(event.idempotency_key, [...(eventsByKey.get(event.idempotency_key) ?? []), event]);

  // Every 2xx: stored once and processed.
  const notProcessed = acknowledged.filter(
    (key) => eventsByKey.get(key)?.length !== 1 || eventsByKey.get(key)![0]!.status !== 'PROCESSED',
  );
  expect(notProcessed.map((key) => ({ key, events: eventsByKey.get(key) ?? [] }))).toEqual([]);
  // Every delivery refused with 4xx/5xx (and never acknowledged on a resend): nothing stored.
  expect(
    refused.filter((key) => eventsByKey.has(key)).map((key) => ({ key, answers: byKey.get(key)!.map(describe) })),
  ).toEqual([]);
  // A delivery whose answer was cut off (a gateway killed mid-request) may or may not have committed;
  // if it did, it was processed like any other.
  expect(events.filter((e) => e.status !== 'PROCESSED')).toEqual([]);

  // No order twice, and one order for every acknowledged new order.
  const newOrders = new Set(
    ledger.filter((e) => e.kind === 'new_order' && isOk(e)).map((e) => `${e.provider}:${e.externalId}`),
  );
  const orders = await platform.withDatabase(async (client) => {
    const { rows } = await client.query<{ provider: string; external_id: string; copies: string }>(
      `select provider, external_id, count(*) as copies from orders.orders group by provider, external_id`,
    );
    return rows;
  });
  expect(orders.filter((o) => Number(o.copies) !== 1)).toEqual([]);
  const stored = new Set(orders.map((o) => `${o.provider}:${o.external_id}`));
  expect([...newOrders].filter((key) => !stored.has(key))).toEqual([]);

  return {
    acknowledged: acknowledged.length,
    refused: refused.length,
    unanswered: ledger.filter((e) => e.status === 0).length,
    orders: orders.length,
  };
}
