import { currencyExponent } from '../../ui/money';
import { nextDate, startOfZonedDay, zonedDate } from '../../ui/time';
import type { MetricsBucketLike } from '../../ui/metrics-summary';
import { translator } from '../../i18n/translate';

export type RangeKey = 'today' | '7d' | '30d';
export type Bucket = 'HOUR' | 'DAY';

export const RANGES: { key: RangeKey; label: string; days: number; bucket: Bucket }[] = [
  { key: 'today', label: 'Today', days: 1, bucket: 'HOUR' },
  { key: '7d', label: '7 days', days: 7, bucket: 'DAY' },
  { key: '30d', label: '30 days', days: 30, bucket: 'DAY' },
];

/** [from, to) of a range in the tenant's calendar: whole local days ending with today. */
export function rangeBounds(key: RangeKey, now: Date, timeZone: string): { from: string; to: string; bucket: Bucket } {
  const range = RANGES.find((r) => r.key === key)!;
  const today = zonedDate(now, timeZone);
  let first = today;
  for (let i = 1; i < range.days; i += 1) first = previousDate(first);
  return {
    from: startOfZonedDay(first, timeZone),
    to: startOfZonedDay(nextDate(today), timeZone),
    bucket: range.bucket,
  };
}

/** The longest custom range the API serves by day. */
export const MAX_CUSTOM_DAYS = 400;

/**
 * [from, to) of a custom range of whole days in the tenant's calendar, both
 * days included: by hour for a single day, by day otherwise. A reason
 * instead when the days are backwards or too far apart.
 */
export function customRangeBounds(
  fromDate: string,
  toDate: string,
  timeZone: string,
): { from: string; to: string; bucket: Bucket } | { problem: string } {
  if (toDate < fromDate) return { problem: translator.t('overview:revenue.endsBeforeStart') };
  const days = Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / 86_400_000) + 1;
  if (days > MAX_CUSTOM_DAYS) return { problem: translator.t('overview:revenue.tooLong', { days: MAX_CUSTOM_DAYS }) };
  return {
    from: startOfZonedDay(fromDate, timeZone),
    to: startOfZonedDay(nextDate(toDate), timeZone),
    bucket: days === 1 ? 'HOUR' : 'DAY',
  };
}

export function previousDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day - 1)).toISOString().slice(0, 10);
}

/** Every bucket start in [from, to), empty ones included, so the time axis has no gaps. */
export function bucketStarts(from: string, to: string, bucket: Bucket, timeZone: string): string[] {
  const starts: string[] = [];
  const end = new Date(to).getTime();
  if (bucket === 'HOUR') {
    for (let t = new Date(from).getTime(); t < end; t += 3_600_000) starts.push(new Date(t).toISOString());
    return starts;
  }
  let date = zonedDate(new Date(from), timeZone);
  for (
    let start = startOfZonedDay(date, timeZone);
    new Date(start).getTime() < end;
    start = startOfZonedDay(date, timeZone)
  ) {
    starts.push(start);
    date = nextDate(date);
  }
  return starts;
}

/** Currencies that have revenue in the buckets, the tenant's own first. */
export function revenueCurrencies(buckets: readonly MetricsBucketLike[], preferred: string): string[] {
  const found = new Set(buckets.flatMap((bucket) => bucket.revenue.map((money) => money.currency)));
  found.add(preferred);
  return [...found].sort((a, b) => (a === preferred ? -1 : b === preferred ? 1 : a.localeCompare(b)));
}

/**
 * Revenue per provider and bucket in one currency, in major units (what a
 * chart axis shows): one series per provider, aligned on `starts`.
 */
export function revenueSeries(
  buckets: readonly (MetricsBucketLike & { bucketStart: string })[],
  starts: readonly string[],
  currency: string,
): { provider: string; values: number[] }[] {
  const index = new Map(starts.map((start, i) => [new Date(start).getTime(), i]));
  const scale = 10 ** currencyExponent(currency);
  const series = new Map<string, number[]>();
  for (const bucket of buckets) {
    const position = index.get(new Date(bucket.bucketStart).getTime());
    if (position === undefined) continue;
    const values = series.get(bucket.provider) ?? starts.map(() => 0);
    const minor = bucket.revenue
      .filter((money) => money.currency === currency)
      .reduce((sum, money) => sum + money.amount, 0);
    values[position] = (values[position] ?? 0) + minor / scale;
    series.set(bucket.provider, values);
  }
  return [...series.entries()].map(([provider, values]) => ({ provider, values }));
}
