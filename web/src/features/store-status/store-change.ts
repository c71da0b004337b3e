import type { SetBusyModeInput, SetStoreStatusInput, Weekday } from '../../gql/graphql';
import { nextZonedMidnight } from '../../ui/time';

/** The pause lengths offered, in minutes. */
export const PAUSE_MINUTES = [15, 30, 60] as const;
/** Busy mode: the extra preparation minutes offered (sent as the prep time while busy). */
export const BUSY_MINUTES = [10, 20] as const;
/** How long one tap of busy mode lasts before the catalog's until scheduler ends it by itself. */
export const BUSY_FOR_MINUTES = 60;
/** Why a branch pauses: stable codes sent as the reason (providers and the audit trail read them). */
export const PAUSE_REASONS = ['TOO_BUSY', 'OUT_OF_STOCK', 'STAFF_SHORTAGE', 'TECHNICAL_PROBLEM', 'OTHER'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export const WEEKDAYS: readonly Weekday[] = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
];

export type StoreAction =
  { kind: 'OPEN' } | { kind: 'PAUSE'; minutes: number; reason: PauseReason } | { kind: 'CLOSE_FOR_TODAY' };

/**
 * The `setStoreStatus` input of a tap (docs/dashboard.md, "Store status"):
 * a pause ends after its minutes, "close for today" at the branch's next
 * local midnight, when the until scheduler opens it again.
 */
export function storeStatusInput(
  branchId: string,
  action: StoreAction,
  now: number,
  timeZone: string,
): SetStoreStatusInput {
  switch (action.kind) {
    case 'OPEN':
      return { branchId, status: 'OPEN', until: null, reason: null };
    case 'PAUSE':
      return {
        branchId,
        status: 'PAUSED',
        until: new Date(now + action.minutes * 60_000).toISOString(),
        reason: action.reason,
      };
    case 'CLOSE_FOR_TODAY':
      return { branchId, status: 'CLOSED', until: nextZonedMidnight(now, timeZone), reason: null };
  }
}

/** Busy with `prepMinutes` for BUSY_FOR_MINUTES, or (null) busy mode off. */
export function busyModeInput(branchId: string, prepMinutes: number | null, now: number): SetBusyModeInput {
  if (prepMinutes === null) return { branchId, prepMinutes: null, until: null };
  return { branchId, prepMinutes, until: new Date(now + BUSY_FOR_MINUTES * 60_000).toISOString() };
}

export type Period = { day: Weekday; start: string; end: string };

/** A day's periods as one line: "10:00-15:00, 18:00-23:00" (empty: closed that day). */
export function periodsText(periods: readonly Period[] | null | undefined, day: Weekday): string {
  return (periods ?? [])
    .filter((period) => period.day === day)
    .map((period) => `${period.start}-${period.end}`)
    .join(', ');
}

const RANGE = /^([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The week from one line per day, or the days whose line does not read as
 * HH:MM-HH:MM ranges. An end before the start runs overnight; the catalog
 * splits it at midnight (docs/control-plane.md).
 */
export function parseWeek(lines: Partial<Record<Weekday, string>>): { periods: Period[] } | { invalid: Weekday[] } {
  const periods: Period[] = [];
  const invalid: Weekday[] = [];
  for (const day of WEEKDAYS) {
    const parts = (lines[day] ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    for (const part of parts) {
      const match = RANGE.exec(part);
      if (!match) {
        invalid.push(day);
        break;
      }
      periods.push({ day, start: `${match[1]}:${match[2]}`, end: `${match[3]}:${match[4]}` });
    }
  }
  return invalid.length ? { invalid } : { periods };
}
