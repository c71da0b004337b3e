/**
 * Dates typed in the tenant's way, not the browser's: a native date input
 * shows the browser locale's pattern (mm/dd/yyyy on an en-US laptop), which
 * a Riyadh team reads as the wrong day. Values stay ISO calendar dates
 * ("2026-03-05"); only what is shown and typed follows the tenant.
 */
export type DateOrder = 'DMY' | 'MDY';

/**
 * Zones whose people write month first (the United States and its
 * territories). Everywhere else the dashboard serves writes day first.
 */
const MONTH_FIRST_ZONE =
  /^(America\/(New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Boise|Detroit|Juneau|Indiana\/.*|Kentucky\/.*|North_Dakota\/.*|Puerto_Rico|Sitka|Nome|Adak|Menominee|Metlakatla|Yakutat)|Pacific\/(Honolulu|Guam)|US\/.*)$/;

export function dateOrderFor(timeZone: string): DateOrder {
  return MONTH_FIRST_ZONE.test(timeZone) ? 'MDY' : 'DMY';
}

/** The pattern shown as a placeholder: "dd/mm/yyyy" or "mm/dd/yyyy". */
export function datePattern(order: DateOrder): string {
  return order === 'DMY' ? 'dd/mm/yyyy' : 'mm/dd/yyyy';
}

/** "2026-03-05" -> "05/03/2026" (DMY) or "03/05/2026" (MDY); "" stays "". */
export function formatDateEntry(isoDate: string, order: DateOrder): string {
  if (!isoDate) return '';
  const [year, month, day] = isoDate.split('-');
  return order === 'DMY' ? `${day}/${month}/${year}` : `${month}/${day}/${year}`;
}

/**
 * What the user typed as an ISO calendar date, or null when it is not a
 * real date. Accepts "/", "." or "-" between parts and one-digit days and
 * months ("5/3/2026").
 */
export function parseDateEntry(text: string, order: DateOrder): string | null {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!match) return null;
  const [first, second, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const [day, month] = order === 'DMY' ? [first, second] : [second, first];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}
