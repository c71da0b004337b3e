import { dateOrderFor } from './date-entry';
import { displayLocale } from '../i18n/display-locale';

/**
 * Times are shown in the acting tenant's time zone (not the browser's): a
 * group in Riyadh reads Riyadh time on a laptop set to anything.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
  locale = displayLocale(),
): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${timeZone}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formats.set(key, format);
  }
  return format;
}

/** "12 Mar 2026, 14:05" in the zone. */
export function formatDateTime(iso: string, timeZone: string, locale?: string): string {
  return dateTimeFormat(
    timeZone,
    { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    locale,
  ).format(new Date(iso));
}

/** "12 Mar 2026, 14:05:09" in the zone: when seconds matter (deliveries, attempts). */
export function formatDateTimeSeconds(iso: string, timeZone: string, locale?: string): string {
  return dateTimeFormat(
    timeZone,
    {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    },
    locale,
  ).format(new Date(iso));
}

/** "14:05:09" in the zone. */
export function formatTime(iso: string, timeZone: string, locale?: string): string {
  return dateTimeFormat(
    timeZone,
    { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
    locale,
  ).format(new Date(iso));
}

/** "12 Mar, 14:00" for chart axes and short labels. */
export function formatShortDateTime(iso: string, timeZone: string, locale?: string): string {
  return dateTimeFormat(
    timeZone,
    { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    locale,
  ).format(new Date(iso));
}

/** "just now", "4 min ago", "3 h ago", "2 d ago"; in Arabic as Intl words it ("قبل ٤ دقائق"). */
export function formatAgo(iso: string, now: number): string {
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  const locale = displayLocale();
  if (locale?.startsWith('ar')) return relativeAgo(seconds, locale);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function relativeAgo(seconds: number, locale: string): string {
  let format = relativeFormats.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
    relativeFormats.set(locale, format);
  }
  if (seconds < 45) return format.format(0, 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return format.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return format.format(-hours, 'hour');
  return format.format(-Math.round(hours / 24), 'day');
}

/** The zone's UTC offset in minutes at an instant (Riyadh: +180). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = dateTimeFormat(
    timeZone,
    {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    },
    'en-US',
  ).formatToParts(instant);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(
    value('year'),
    value('month') - 1,
    value('day'),
    value('hour'),
    value('minute'),
    value('second'),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall-clock date ("2026-03-12") starts in a zone, as ISO UTC:
 * what a date picker's day means to a tenant in that zone.
 */
export function startOfZonedDay(date: string, timeZone: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(year, month - 1, day);
  // Two passes settle days on which the offset changes (daylight saving).
  let instant = guess - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
  instant = guess - zoneOffsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant).toISOString();
}

/** The zone's calendar date of an instant, "2026-03-12". */
export function zonedDate(instant: Date, timeZone: string): string {
  return dateTimeFormat(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }, 'en-CA').format(instant);
}

/** The calendar date after `date` ("2026-02-28" -> "2026-03-01"). */
export function nextDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/** "14:05" in the zone: for printed tickets and kitchen screens, where seconds are noise. */
export function formatHourMinute(iso: string | number, timeZone: string, locale?: string): string {
  return dateTimeFormat(timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, locale).format(
    new Date(iso),
  );
}

/**
 * A row's time in a list: "14:05" when it is the tenant's today (the date
 * would only repeat on every row), "12 Mar, 14:05" on another day of this
 * year, "12 Mar 2025, 14:05" before. `seconds` for deliveries and attempts.
 */
export function formatRowTime(
  iso: string,
  timeZone: string,
  now: number,
  options: { seconds?: boolean; locale?: string } = {},
): string {
  const instant = new Date(iso);
  // Day before month where the tenant writes dates that way (as its date filters do), whatever the browser's locale.
  const locale = options.locale ?? displayLocale() ?? (dateOrderFor(timeZone) === 'DMY' ? 'en-GB' : 'en-US');
  const today = zonedDate(new Date(now), timeZone);
  const day = zonedDate(instant, timeZone);
  const clock: Intl.DateTimeFormatOptions = {
    hour: '2-digit',
    minute: '2-digit',
    ...(options.seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  };
  if (day === today) return dateTimeFormat(timeZone, clock, locale).format(instant);
  const year = day.slice(0, 4) === today.slice(0, 4) ? {} : { year: 'numeric' as const };
  return dateTimeFormat(timeZone, { day: 'numeric', month: 'short', ...year, ...clock }, locale).format(instant);
}

/** The next midnight in the zone after `now`, as ISO UTC: "until tomorrow" for a branch in that zone. */
export function nextZonedMidnight(now: number, timeZone: string): string {
  return startOfZonedDay(nextDate(zonedDate(new Date(now), timeZone)), timeZone);
}
