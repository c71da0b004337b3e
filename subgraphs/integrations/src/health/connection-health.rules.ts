export const CONNECTION_HEALTH_STATES = ['HEALTHY', 'DEGRADED', 'FAILING', 'SILENT'] as const;
export type ConnectionHealthState = (typeof CONNECTION_HEALTH_STATES)[number];

/**
 * The thresholds of the health rule, in one place: the API describes them
 * from here (ConnectionHealthState values), so what the dashboard explains is
 * what the code does.
 */
export const HEALTH_THRESHOLDS = {
  /** FAILING below this share of processed deliveries among those finished in the last hour. */
  failingBelowSuccessRate: 0.5,
  /** DEGRADED below this share. */
  degradedBelowSuccessRate: 0.95,
  /** DEGRADED when the last hour's p95 processing time is above this (ms). */
  degradedAboveP95Ms: 5_000,
} as const;

/** What the rule looks at, for one connection (read by one SQL query, see connection-health.repository.ts). */
export type ConnectionHealthFacts = {
  connectionStatus: 'ACTIVE' | 'PAUSED';
  /** Deliveries received in the last hour (any status). */
  deliveriesLastHour: number;
  /** Of those, PROCESSED ... */
  processedLastHour: number;
  /** ... and FAILED or DEAD. The rest are still queued, retrying or running. */
  failuresLastHour: number;
  p95ProcessingMs: number | null;
  /** DEAD and FAILED deliveries waiting for a replay, whenever received. */
  deadCount: number;
  failedCount: number;
  /** Minutes since the last delivery, or since the connection was made when none ever came. */
  quietMinutes: number;
  silentAfterMinutes: number;
  /** Now is within the connection's expected hours (always, when none are set). */
  withinExpectedHours: boolean;
};

export type ConnectionHealthVerdict = { state: ConnectionHealthState; reason: string };

/** Processed among deliveries finished in the last hour; null when none finished. */
export function successRate(
  facts: Pick<ConnectionHealthFacts, 'processedLastHour' | 'failuresLastHour'>,
): number | null {
  const finished = facts.processedLastHour + facts.failuresLastHour;
  return finished === 0 ? null : facts.processedLastHour / finished;
}

const percent = (rate: number): string => `${Math.round(rate * 1000) / 10}%`;

/**
 * The health rule. The first that holds wins:
 * 1. FAILING: under 50% of the deliveries finished in the last hour were processed.
 * 2. SILENT: an ACTIVE connection got nothing for `silentAfterMinutes` during its expected hours.
 * 3. DEGRADED: under 95% processed, or deliveries DEAD/FAILED waiting for a replay, or p95 over 5 s.
 * 4. HEALTHY otherwise.
 * FAILING outranks SILENT: a provider whose deliveries fail is heard, and the failures are the news.
 */
export function connectionHealthState(facts: ConnectionHealthFacts): ConnectionHealthVerdict {
  const rate = successRate(facts);
  const finished = facts.processedLastHour + facts.failuresLastHour;
  const t = HEALTH_THRESHOLDS;
  if (rate !== null && rate < t.failingBelowSuccessRate) {
    return {
      state: 'FAILING',
      reason: `Only ${percent(rate)} of the ${finished} deliveries finished in the last hour were processed (FAILING below ${percent(t.failingBelowSuccessRate)}).`,
    };
  }
  if (
    facts.connectionStatus === 'ACTIVE' &&
    facts.withinExpectedHours &&
    facts.quietMinutes >= facts.silentAfterMinutes
  ) {
    return {
      state: 'SILENT',
      reason: `No delivery for ${facts.quietMinutes} minutes during expected hours (SILENT after ${facts.silentAfterMinutes}).`,
    };
  }
  const stopped = facts.deadCount + facts.failedCount;
  if (rate !== null && rate < t.degradedBelowSuccessRate) {
    return {
      state: 'DEGRADED',
      reason: `${percent(rate)} of the ${finished} deliveries finished in the last hour were processed (DEGRADED below ${percent(t.degradedBelowSuccessRate)}).`,
    };
  }
  if (stopped > 0) {
    return {
      state: 'DEGRADED',
      reason: `${facts.deadCount} DEAD and ${facts.failedCount} FAILED deliveries wait for a replay (DEGRADED while any do).`,
    };
  }
  if (facts.p95ProcessingMs !== null && facts.p95ProcessingMs > t.degradedAboveP95Ms) {
    return {
      state: 'DEGRADED',
      reason: `p95 processing time in the last hour is ${Math.round(facts.p95ProcessingMs)} ms (DEGRADED above ${t.degradedAboveP95Ms} ms).`,
    };
  }
  if (facts.connectionStatus === 'PAUSED')
    return { state: 'HEALTHY', reason: 'Paused: no deliveries are expected, none are failing.' };
  return {
    state: 'HEALTHY',
    reason:
      finished === 0
        ? `No delivery finished in the last hour, none failing, last one ${facts.quietMinutes} minutes ago.`
        : `${percent(rate ?? 1)} of the ${finished} deliveries finished in the last hour were processed; none wait for a replay.`,
  };
}
