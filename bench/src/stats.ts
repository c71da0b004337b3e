import { percentile } from '@nexara/simulator';

/** Latencies of one measured run, in milliseconds. */
export type LatencySummary = { samples: number; median: number; p95: number; p99: number; max: number; mean: number };

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

export function summarizeLatencies(values: readonly number[]): LatencySummary {
  if (values.length === 0) return { samples: 0, median: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    median: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1]!),
    mean: round(sorted.reduce((sum, v) => sum + v, 0) / sorted.length),
  };
}

/** `ours / baseline`, rounded; null when the baseline measured nothing. */
export function ratio(ours: number, baseline: number): number | null {
  return baseline > 0 ? round(ours / baseline, 3) : null;
}

/**
 * The pair whose ratio is the median of `pairs` (of an even count, the lower
 * of the two middle ones; a pair without a ratio counts as the lowest).
 */
export function medianPair<T extends { ratio: number | null }>(pairs: readonly T[]): T {
  if (pairs.length === 0) throw new Error('no measured pair');
  const key = (pair: T): number => pair.ratio ?? -Infinity;
  const sorted = [...pairs].sort((a, b) => (key(a) === key(b) ? 0 : key(a) < key(b) ? -1 : 1));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

export { round };
