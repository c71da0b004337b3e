import {
  ARRIVAL_GRACE_MS,
  classifyMissedArrivals,
  countDeliveries,
  keptUp,
  sustainedPerSecond,
  versionSeen,
  VersionLog,
  type StepOutcome,
  type StoredDelivery,
} from './end-to-end-accounting';

const processedOnce = (key: string): StoredDelivery => ({ key, status: 'PROCESSED', orders: 1, arrivalEntries: 1 });

describe('countDeliveries', () => {
  it('holds the promise when stored deliveries outnumber the 2xx the load generator read', () => {
    // The published 17,513 of 11,808 case: stored without an acknowledgement is no breach.
    const account = countDeliveries(
      [
        { key: 'c1/a', acknowledged: true },
        { key: 'c1/b', acknowledged: false },
        { key: 'c2/a', acknowledged: false },
      ],
      [processedOnce('c1/a'), processedOnce('c1/b')],
    );
    expect(account).toEqual({
      sent: 3,
      acknowledged: 1,
      stored: 2,
      storedWithoutAcknowledgement: 1,
      acknowledgedNotStored: 0,
      processed: 2,
      notProcessed: 0,
      duplicated: 0,
      ok: true,
    });
  });

  it.each([
    ['an acknowledged delivery missing from the inbox', [], { acknowledgedNotStored: 1 }],
    [
      'a stored delivery still queued',
      [{ key: 'k', status: 'QUEUED', orders: 0, arrivalEntries: 0 }],
      { notProcessed: 1, processed: 0 },
    ],
    [
      'a delivery processed without its order',
      [{ key: 'k', status: 'PROCESSED', orders: 0, arrivalEntries: 0 }],
      { notProcessed: 1, processed: 0 },
    ],
    ['a key stored twice', [processedOnce('k'), processedOnce('k')], { duplicated: 1, processed: 0 }],
    [
      'an order arrival entered twice',
      [{ key: 'k', status: 'PROCESSED', orders: 1, arrivalEntries: 2 }],
      { duplicated: 1, processed: 0 },
    ],
  ] as const)('breaks the promise on %s', (_, stored, expected) => {
    const account = countDeliveries([{ key: 'k', acknowledged: true }], stored);
    expect(account).toMatchObject({ ...expected, ok: false });
  });

  it('ignores inbox rows of deliveries the scenario did not send, and counts a key sent twice once', () => {
    const account = countDeliveries(
      [
        { key: 'k', acknowledged: true },
        { key: 'k', acknowledged: true },
      ],
      [processedOnce('k'), processedOnce('menu-result')],
    );
    expect(account).toMatchObject({ sent: 1, acknowledged: 1, stored: 1, processed: 1, ok: true });
  });
});

describe('classifyMissedArrivals', () => {
  const spans = new Map([
    [
      'tenant-a',
      [
        { openedAt: 0, closedAt: 100_000 },
        { openedAt: 104_000, closedAt: null },
      ],
    ],
  ]);

  it('counts a miss on a socket open from the commit until the grace after it as on an open socket', () => {
    const missed = [
      { subscriber: 'tenant-a', committedAt: 50_000 },
      { subscriber: 'tenant-a', committedAt: 200_000 },
    ];
    expect(classifyMissedArrivals(missed, spans)).toEqual({ whileDisconnected: 0, onOpenSocket: 2 });
  });

  it('counts a miss while the socket was closed, or closed within the grace after the commit, as disconnected', () => {
    const missed = [
      { subscriber: 'tenant-a', committedAt: 102_000 },
      { subscriber: 'tenant-a', committedAt: 100_000 - ARRIVAL_GRACE_MS + 1 },
      { subscriber: 'tenant-a', committedAt: 104_000 - 1 },
      { subscriber: 'tenant-b', committedAt: 50_000 },
    ];
    expect(classifyMissedArrivals(missed, spans)).toEqual({ whileDisconnected: 4, onOpenSocket: 0 });
  });

  it('widens the grace by the time the subscriber had left its socket unread before the close', () => {
    const stalled = new Map([['tenant-a', [{ openedAt: 0, closedAt: 100_000, unreadMs: 25_000 }]]]);
    const missed = [
      { subscriber: 'tenant-a', committedAt: 100_000 - ARRIVAL_GRACE_MS - 20_000 },
      { subscriber: 'tenant-a', committedAt: 100_000 - ARRIVAL_GRACE_MS - 30_000 },
    ];
    expect(classifyMissedArrivals(missed, stalled)).toEqual({ whileDisconnected: 1, onOpenSocket: 1 });
  });
});

describe('keptUp and sustainedPerSecond', () => {
  const step = (overrides: Partial<StepOutcome>): StepOutcome => ({
    offeredPerSecond: 100,
    sent: 2_000,
    acknowledged: 2_000,
    lagToCommittedP99Ms: 400,
    lagToSubscriberP99Ms: 600,
    backlogAtEnd: 50,
    missedArrivals: 0,
    ...overrides,
  });

  it.each([
    ['a delivery not acknowledged', { acknowledged: 1_999 }],
    ['lag p99 to committed of 1 s', { lagToCommittedP99Ms: 1_000 }],
    ['lag p99 to the subscriber of 1 s', { lagToSubscriberP99Ms: 1_000 }],
    ['an arrival missed', { missedArrivals: 1 }],
    ['more than a second of offer left waiting', { backlogAtEnd: 101 }],
    ['nothing sent', { sent: 0, acknowledged: 0 }],
  ])('fails a step with %s', (_, overrides) => {
    expect(keptUp(step(overrides))).toBe(false);
  });

  it('is the highest offered rate whose step kept up, 0 when none did', () => {
    expect(keptUp(step({}))).toBe(true);
    expect(
      sustainedPerSecond([
        step({ offeredPerSecond: 100 }),
        step({ offeredPerSecond: 250 }),
        step({ offeredPerSecond: 500, lagToCommittedP99Ms: 8_800 }),
      ]),
    ).toBe(250);
    expect(sustainedPerSecond([step({ lagToSubscriberP99Ms: 2_416 })])).toBe(0);
  });
});

describe('versionSeen', () => {
  it.each([
    [undefined, 1, 'next'],
    [1, 2, 'next'],
    [1, 1, 'repeat'],
    [3, 2, 'repeat'],
    [1, 3, 'gap'],
    [undefined, 2, 'gap'],
  ] as const)('after version %s, version %s is %s', (last, version, expected) => {
    expect(versionSeen(last, version)).toBe(expected);
  });
});

describe('VersionLog', () => {
  it("counts gaps and repeats of the scenario's own orders only", () => {
    const log = new VersionLog();
    log.see('c1/100', 1);
    log.see('c1/100', 2);
    log.see('c1/100', 2); // repeat
    log.see('c1/101', 2); // arrival seen at version 2: a gap
    log.see('c1/101', 4); // version 3 skipped: a gap
    log.see('c2/100', 1); // the same external id on another connection is another order
    log.see('c9/7', 5); // an earlier scenario's order, first heard of at version 5
    log.see('c9/7', 3);
    expect(log.account(new Set(['c1/100', 'c1/101', 'c2/100']))).toEqual({
      repeated: 1,
      gaps: 2,
      otherOrders: 1,
      received: 8,
    });
  });
});
