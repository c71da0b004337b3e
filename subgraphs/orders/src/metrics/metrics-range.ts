import { appError, canonicalTimeZone } from '@nexara/kit';
import type { MetricsBucket } from './order-metrics.types';

const DAY_MS = 24 * 60 * 60_000;

/** The longest range each bucket size may cover: a month of hours (744 rows per provider), a bit over a year of days. */
export const MAX_RANGE_DAYS: Record<MetricsBucket, number> = { HOUR: 31, DAY: 400 };

export type MetricsRange = { from: Date; to: Date; bucket: MetricsBucket };

/** Refuses ranges that are empty, reversed or too long for their bucket, with a message that says what would work. */
export function metricsRange(from: Date, to: Date, bucket: MetricsBucket): MetricsRange {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    throw appError('BAD_USER_INPUT', 'from and to must be instants such as 2026-11-28T00:00:00Z.');
  }
  if (from.getTime() >= to.getTime()) {
    throw appError('BAD_USER_INPUT', `from (${from.toISOString()}) must be before to (${to.toISOString()}).`, {
      field: 'from',
    });
  }
  const maxDays = MAX_RANGE_DAYS[bucket];
  if (to.getTime() - from.getTime() > maxDays * DAY_MS) {
    throw appError(
      'BAD_USER_INPUT',
      `A range by ${bucket} covers at most ${maxDays} days; ask for a shorter range${bucket === 'HOUR' ? ' or bucket by DAY' : ''}.`,
      { field: 'to', maxDays },
    );
  }
  return { from, to, bucket };
}

/** A zone the caller named, checked; null when none was given (the tenant's zone applies). */
export function requestedTimeZone(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const zone = canonicalTimeZone(value);
  if (!zone) {
    throw appError(
      'BAD_USER_INPUT',
      `timeZone must be an IANA time zone such as "Asia/Dubai"; "${value.trim()}" is not one.`,
      {
        field: 'timeZone',
      },
    );
  }
  return zone;
}
