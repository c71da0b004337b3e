import { sumByCurrency, type MoneyValue } from './money';
import { translator } from '../i18n/translate';
import { formatCount } from './money';

/** What the metrics API answers per provider (and time bucket). */
export type MetricsBucketLike = {
  provider: string;
  orders: number;
  revenue: readonly MoneyValue[];
  acceptedOrders: number;
  decidedOrders: number;
  avgAcceptSeconds: number | null;
};

export type MetricsSummary = {
  orders: number;
  revenue: MoneyValue[];
  /** Accepted / decided, 0 to 1; null when nothing was decided. */
  acceptanceRate: number | null;
  avgAcceptSeconds: number | null;
};

/**
 * Combines buckets exactly: rates from their counts (never an average of
 * rates), the accept time weighted by accepted orders, revenue per currency.
 */
export function summarizeMetrics(buckets: readonly MetricsBucketLike[]): MetricsSummary {
  let orders = 0;
  let accepted = 0;
  let decided = 0;
  let acceptSeconds = 0;
  for (const bucket of buckets) {
    orders += bucket.orders;
    accepted += bucket.acceptedOrders;
    decided += bucket.decidedOrders;
    if (bucket.avgAcceptSeconds !== null) acceptSeconds += bucket.avgAcceptSeconds * bucket.acceptedOrders;
  }
  return {
    orders,
    revenue: sumByCurrency(buckets.flatMap((bucket) => bucket.revenue)),
    acceptanceRate: decided > 0 ? accepted / decided : null,
    avgAcceptSeconds: accepted > 0 ? acceptSeconds / accepted : null,
  };
}

/** One summary per provider, in the order providers first appear. */
export function summarizeByProvider(
  buckets: readonly MetricsBucketLike[],
): { provider: string; summary: MetricsSummary }[] {
  const groups = new Map<string, MetricsBucketLike[]>();
  for (const bucket of buckets) groups.set(bucket.provider, [...(groups.get(bucket.provider) ?? []), bucket]);
  return [...groups.entries()].map(([provider, group]) => ({ provider, summary: summarizeMetrics(group) }));
}

export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

/** 42 -> "42 s", 135 -> "2 min 15 s". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const rounded = Math.round(seconds);
  if (rounded < 60) return translator.t('ui:duration.seconds', { s: formatCount(rounded) });
  const minutes = Math.floor(rounded / 60);
  const rest = rounded % 60;
  return rest
    ? translator.t('ui:duration.minutesSeconds', { m: formatCount(minutes), s: formatCount(rest) })
    : translator.t('ui:duration.minutes', { m: formatCount(minutes) });
}
