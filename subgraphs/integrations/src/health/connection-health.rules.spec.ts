import { connectionHealthState, successRate, type ConnectionHealthFacts } from './connection-health.rules';

/** A quiet, healthy ACTIVE connection: 20 deliveries in the last hour, all processed, fast, last one a minute ago. */
const healthy: ConnectionHealthFacts = {
  connectionStatus: 'ACTIVE',
  deliveriesLastHour: 20,
  processedLastHour: 20,
  failuresLastHour: 0,
  p95ProcessingMs: 120,
  deadCount: 0,
  failedCount: 0,
  quietMinutes: 1,
  silentAfterMinutes: 60,
  withinExpectedHours: true,
};

const finished = (processed: number, failures: number): Partial<ConnectionHealthFacts> => ({
  deliveriesLastHour: processed + failures,
  processedLastHour: processed,
  failuresLastHour: failures,
  // Failures of the last hour are DEAD or FAILED events: they wait for a replay too.
  failedCount: failures,
});

describe(connectionHealthState.name, () => {
  it.each<[string, string, Partial<ConnectionHealthFacts>, RegExp]>([
    ['all processed', 'HEALTHY', {}, /100% of the 20 deliveries/],
    [
      'nothing finished yet in the hour',
      'HEALTHY',
      { deliveriesLastHour: 2, processedLastHour: 0 },
      /No delivery finished/,
    ],
    // FAILING: under 50%
    ['49 of 100 processed', 'FAILING', finished(49, 51), /49% of the 100 .*FAILING below 50%/],
    ['exactly 50% processed is not FAILING', 'DEGRADED', finished(1, 1), /50% of the 2 .*DEGRADED below 95%/],
    ['one delivery, failed', 'FAILING', finished(0, 1), /Only 0% of the 1 /],
    // DEGRADED: under 95%, or waiting dead letters, or slow
    ['94 of 100 processed', 'DEGRADED', { ...finished(94, 6), failedCount: 0 }, /94% .*DEGRADED below 95%/],
    ['exactly 95% processed, no dead letters', 'HEALTHY', { ...finished(95, 5), failedCount: 0 }, /95% of the 100/],
    ['exactly 95% processed, its failures waiting', 'DEGRADED', finished(95, 5), /0 DEAD and 5 FAILED/],
    ['an old DEAD delivery waits for a replay', 'DEGRADED', { deadCount: 1 }, /1 DEAD and 0 FAILED/],
    ['p95 just over 5 s', 'DEGRADED', { p95ProcessingMs: 5_001 }, /5001 ms .*DEGRADED above 5000 ms/],
    ['p95 exactly 5 s', 'HEALTHY', { p95ProcessingMs: 5_000 }, /processed/],
    // SILENT: ACTIVE, within expected hours, quiet for silentAfterMinutes
    [
      'quiet exactly silentAfterMinutes',
      'SILENT',
      { ...finished(0, 0), quietMinutes: 60 },
      /No delivery for 60 minutes .*SILENT after 60/,
    ],
    ['quiet one minute less', 'HEALTHY', { ...finished(0, 0), quietMinutes: 59 }, /last one 59 minutes ago/],
    [
      'quiet, but outside expected hours',
      'HEALTHY',
      { ...finished(0, 0), quietMinutes: 600, withinExpectedHours: false },
      /No delivery finished/,
    ],
    ['quiet, but paused', 'HEALTHY', { ...finished(0, 0), quietMinutes: 600, connectionStatus: 'PAUSED' }, /Paused/],
    [
      'quiet with a short threshold',
      'SILENT',
      { ...finished(0, 0), quietMinutes: 5, silentAfterMinutes: 5 },
      /SILENT after 5/,
    ],
    // Precedence
    [
      'failing and quiet: FAILING wins',
      'FAILING',
      { ...finished(0, 3), quietMinutes: 30, silentAfterMinutes: 10 },
      /FAILING/,
    ],
    [
      'quiet with dead letters: SILENT wins over DEGRADED',
      'SILENT',
      { ...finished(0, 0), deadCount: 2, quietMinutes: 90 },
      /SILENT/,
    ],
    ['paused with dead letters is still DEGRADED', 'DEGRADED', { connectionStatus: 'PAUSED', deadCount: 1 }, /1 DEAD/],
  ])('%s -> %s', (_name, state, overrides, reason) => {
    const verdict = connectionHealthState({ ...healthy, ...overrides });
    expect(verdict.state).toBe(state);
    expect(verdict.reason).toMatch(reason);
  });
});

describe(successRate.name, () => {
  it('is processed over finished, and null when none finished', () => {
    expect(successRate({ processedLastHour: 3, failuresLastHour: 1 })).toBe(0.75);
    expect(successRate({ processedLastHour: 0, failuresLastHour: 0 })).toBeNull();
  });
});
