import { providerDefinition } from '@nexara/providers';
import { SIMULATED_PROVIDERS } from './connections';
import { ScenarioRunner, percentile, summarizeLedger, type LedgerEntry } from './scenario-runner';
import { startFakePlatform, type FakePlatform } from './testing/fake-platform';

describe('ScenarioRunner against a fake platform', () => {
  let platform: FakePlatform;

  beforeEach(async () => {
    platform = await startFakePlatform();
  });

  afterEach(async () => {
    await platform.close();
  });

  const originals = (ledger: readonly LedgerEntry[]) => ledger.filter((entry) => entry.duplicateOf === null);

  it('sends the orders asked for, round-robin, with follow-ups, duplicates and out-of-order updates, and a ledger that matches what arrived', async () => {
    const runner = new ScenarioRunner({
      connections: platform.connections,
      ratePerSecond: 500,
      maxOrders: 10 * platform.connections.length,
      seed: 7,
      statusUpdateRatio: 0.6,
      cancellationRatio: 0.2,
      duplicateRatio: 0.3,
      outOfOrderRatio: 0.5,
      followUpDelayMs: 0,
    });
    const ledger = await runner.run();

    // Counts.
    const newOrders = originals(ledger).filter((entry) => entry.kind === 'new_order');
    expect(newOrders).toHaveLength(10 * platform.connections.length);
    for (let index = 0; index < platform.connections.length; index += 1) {
      expect(newOrders.filter((entry) => entry.connectionIndex === index)).toHaveLength(10);
    }
    expect(runner.orders).toHaveLength(newOrders.length);
    expect(runner.problems).toEqual([]);

    // The ledger is exactly what the platform received, answer for answer.
    expect(ledger).toHaveLength(platform.deliveries.length);
    expect(ledger.map((entry) => entry.status).sort()).toEqual(platform.deliveries.map((d) => d.status).sort());
    expect(ledger.every((entry) => entry.status >= 200 && entry.status < 300)).toBe(true);
    expect(ledger.filter((entry) => entry.contractViolation !== null)).toEqual([]);
    expect(new Set(ledger.map((entry) => entry.seq)).size).toBe(ledger.length);

    // Duplicates are exact resends: same key, same order, and answered as duplicates where the receipt says so.
    const duplicates = ledger.filter((entry) => entry.duplicateOf !== null);
    expect(duplicates.length).toBeGreaterThan(0);
    expect(duplicates.some((entry) => entry.concurrentDuplicate)).toBe(true);
    expect(duplicates.some((entry) => !entry.concurrentDuplicate)).toBe(true);
    for (const copy of duplicates) {
      const original = ledger.find((entry) => entry.seq === copy.duplicateOf);
      expect(original).toBeDefined();
      expect([copy.idempotencyKey, copy.url, copy.kind, copy.externalId]).toEqual([
        original?.idempotencyKey,
        original?.url,
        original?.kind,
        original?.externalId,
      ]);
    }

    // Every 2xx delivery was processed exactly once by its idempotency key, and nothing else was.
    const acceptedKeys = new Set(ledger.filter((e) => e.status < 300).map((e) => e.idempotencyKey));
    expect(new Set(platform.processed.keys())).toEqual(acceptedKeys);
    expect([...platform.processed.values()].every((count) => count === 1)).toBe(true);
    const firstTimes = platform.deliveries.filter((d) => d.firstTime).length;
    expect(firstTimes).toBe(acceptedKeys.size);
    const receipts = ledger.filter((e) => e.answeredDuplicate !== null);
    expect(receipts.filter((e) => e.answeredDuplicate === false)).toHaveLength(
      new Set(receipts.map((e) => e.idempotencyKey)).size,
    );

    // Follow-ups: cancellations, status updates, out-of-order sequences, the answered id where the provider names orders by it.
    const summary = runner.summary();
    expect(summary.cancellations).toBe(runner.orders.filter((o) => o.cancelled).length);
    expect(summary.cancellations).toBeGreaterThan(0);
    expect(summary.statusUpdates).toBe(runner.orders.reduce((sum, o) => sum + o.plannedStatuses.length, 0));
    const outOfOrder = runner.orders.filter((o) => o.outOfOrder);
    expect(outOfOrder.length).toBeGreaterThan(0);
    for (const order of outOfOrder) {
      const sent = originals(ledger)
        .filter((e) => e.orderIndex === order.orderIndex && e.kind === 'status_update')
        .sort((a, b) => a.seq - b.seq)
        .map((e) => e.providerStatus);
      expect(sent).toEqual([...order.plannedStatuses].reverse());
      expect(order.plannedStatuses.length).toBeGreaterThanOrEqual(2);
    }
    // The fake platform answers such a provider's new order with `nx-<its id>`.
    const referencing = runner.orders.filter((o) => providerDefinition(o.provider).simulator.followUpReference);
    const referencedFollowUps = originals(ledger).filter(
      (e) => e.kind !== 'new_order' && referencing.some((o) => o.orderIndex === e.orderIndex),
    );
    expect(referencedFollowUps.length).toBeGreaterThan(0);
    for (const followUp of referencedFollowUps) {
      const order = referencing.find((o) => o.orderIndex === followUp.orderIndex)!;
      expect(order.remoteOrderId).toBe(`nx-${order.externalId}`);
      expect(followUp.url).toContain(`/nx-${encodeURIComponent(order.externalId)}/`);
    }
  });

  it('repeats the same orders and decisions for the same seed', async () => {
    const play = async () => {
      const runner = new ScenarioRunner({
        connections: platform.connections,
        ratePerSecond: 500,
        maxOrders: 12,
        seed: 99,
        followUpDelayMs: 0,
        duplicateRatio: 0.3,
      });
      await runner.run();
      return [...runner.orders]
        .sort((a, b) => a.orderIndex - b.orderIndex)
        .map((o) => ({ id: o.externalId, statuses: o.sentStatuses, cancelled: o.cancelled, totals: o.totals }));
    };
    const first = await play();
    platform.processed.clear();
    expect(await play()).toEqual(first);
  });

  it('never creates more orders than the rate allows within a bounded run', async () => {
    const runner = new ScenarioRunner({
      connections: platform.connections,
      ratePerSecond: 20,
      durationMs: 250,
      seed: 3,
      statusUpdateRatio: 0,
      cancellationRatio: 0,
      duplicateRatio: 0,
    });
    const ledger = await runner.run();
    const created = ledger.filter((entry) => entry.kind === 'new_order').length;
    // One at once, then one every 50 ms: at most floor(0.25 s x 20/s) + 1.
    expect(created).toBeGreaterThanOrEqual(1);
    expect(created).toBeLessThanOrEqual(6);
    expect(ledger).toHaveLength(created);
  });

  it('skips follow-ups of orders the platform refused, and counts the refusals', async () => {
    const refused = platform.connections[0]!.provider;
    platform.failNewOrders.set(refused, 503);
    const runner = new ScenarioRunner({
      connections: platform.connections.filter((c) => c.provider === refused),
      ratePerSecond: 500,
      maxOrders: 6,
      seed: 11,
      statusUpdateRatio: 1,
      cancellationRatio: 0,
      duplicateRatio: 0,
      followUpDelayMs: 0,
    });
    const ledger = await runner.run();
    expect(ledger).toHaveLength(6);
    expect(runner.summary()).toMatchObject({ sent: 6, newOrders: 6, statusUpdates: 0, serverErrors: 6, ok: 0 });
    expect(runner.orders.every((order) => order.skipped === 'new order answered 503')).toBe(true);
  });

  it('stops at once when asked, dropping follow-ups not yet due', async () => {
    let answered = 0;
    let allAnswered: () => void = () => undefined;
    const fourAnswered = new Promise<void>((resolve) => {
      allAnswered = resolve;
    });
    const runner = new ScenarioRunner({
      connections: platform.connections,
      ratePerSecond: 500,
      maxOrders: 4,
      seed: 5,
      statusUpdateRatio: 1,
      cancellationRatio: 0,
      duplicateRatio: 0,
      followUpDelayMs: 600_000,
      onEntry: () => {
        answered += 1;
        if (answered === 4) allAnswered();
      },
    });
    runner.start();
    await fourAnswered;
    await runner.stop();
    expect(runner.ledger.map((entry) => entry.kind)).toEqual(['new_order', 'new_order', 'new_order', 'new_order']);
    expect(runner.running).toBe(false);
  });

  it('records a contract violation when an answer breaks the provider contract', async () => {
    // A receipt answered 202: a provider whose contract wants another answer to a new order.
    const answer = { status: 202, body: '{"eventId":"e","duplicate":false}' };
    const problemOf = (provider: (typeof SIMULATED_PROVIDERS)[number]): string | null =>
      providerDefinition(provider).simulator.checkAnswer('new_order', answer);
    const strict = platform.connections.find((c) => problemOf(c.provider) !== null)!;
    const runner = new ScenarioRunner({
      connections: [strict],
      ratePerSecond: 500,
      maxOrders: 2,
      seed: 1,
      statusUpdateRatio: 0,
      cancellationRatio: 0,
      duplicateRatio: 0,
      send: async () => ({ ...answer, elapsedMs: 3 }),
    });
    await runner.run();
    expect(runner.summary().contractViolations).toBe(2);
    expect(runner.ledger[0]?.contractViolation).toBe(problemOf(strict.provider));
  });

  it('refuses connections it cannot price before sending anything', () => {
    expect(
      () => new ScenarioRunner({ connections: [{ ...platform.connections[0]!, currency: 'XYZ' }], ratePerSecond: 1 }),
    ).toThrow(/XYZ/);
    expect(() => new ScenarioRunner({ connections: [], ratePerSecond: 1 })).toThrow(/at least one connection/);
    expect(() => new ScenarioRunner({ connections: platform.connections, ratePerSecond: 0 })).toThrow(/positive/);
  });
});

describe('summaries', () => {
  it('computes nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBe(0);
    expect(percentile([5], 99)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([10, 1, 2, 3, 4, 5, 6, 7, 8, 9], 99)).toBe(10);
  });

  it('counts by class of answer', () => {
    const entry = (status: number, extra: Partial<LedgerEntry> = {}): LedgerEntry => ({
      seq: 0,
      orderIndex: 0,
      provider: SIMULATED_PROVIDERS[0],
      connectionIndex: 0,
      kind: 'new_order',
      externalId: '1',
      idempotencyKey: 'k',
      providerStatus: null,
      duplicateOf: null,
      concurrentDuplicate: false,
      outOfOrder: false,
      method: 'POST',
      url: 'http://x',
      sentAt: new Date(0),
      status,
      elapsedMs: status,
      responseBody: '',
      answeredDuplicate: null,
      error: null,
      contractViolation: null,
      ...extra,
    });
    expect(
      summarizeLedger([
        entry(202),
        entry(200, { duplicateOf: 0 }),
        entry(401),
        entry(503),
        entry(0),
        entry(202, { kind: 'cancellation' }),
      ]),
    ).toEqual({
      sent: 6,
      newOrders: 4,
      statusUpdates: 0,
      cancellations: 1,
      duplicates: 1,
      outOfOrder: 0,
      ok: 3,
      clientErrors: 1,
      serverErrors: 1,
      networkErrors: 1,
      contractViolations: 0,
      p50Ms: 202,
      p99Ms: 503,
    });
  });
});
