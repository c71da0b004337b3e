import type { ItemAvailabilityState } from '../../gql/graphql';
import { nextZonedMidnight } from '../../ui/time';

/** What one tap on the availability page asks for (docs/dashboard.md, "Availability"). */
export const ITEM_ACTIONS = ['SOLD_OUT', 'HIDDEN', 'AVAILABLE', 'SNOOZE_30', 'SNOOZE_60', 'SNOOZE_TOMORROW'] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

const SNOOZE_MINUTES: Partial<Record<ItemAction, number>> = { SNOOZE_30: 30, SNOOZE_60: 60 };

/**
 * The `setItemAvailability` state and `until` of an action. A snooze is a
 * SOLD_OUT that ends by itself; "until tomorrow" ends at the branch's next
 * local midnight (its time zone, not the browser's). A plain SOLD_OUT has no
 * `until`: the catalog's morning reset brings it back.
 */
export function availabilityChange(
  action: ItemAction,
  now: number,
  timeZone: string,
): { state: ItemAvailabilityState; until: string | null } {
  if (action === 'SNOOZE_TOMORROW') return { state: 'SOLD_OUT', until: nextZonedMidnight(now, timeZone) };
  const minutes = SNOOZE_MINUTES[action];
  if (minutes) return { state: 'SOLD_OUT', until: new Date(now + minutes * 60_000).toISOString() };
  return { state: action as ItemAvailabilityState, until: null };
}

/** Whether an item matches the search box: its English or Arabic name, its ref or its POS id, ignoring case. */
export function matchesItemSearch(
  item: { ref: string; externalPosId?: string | null; name: { en: string; ar?: string | null } },
  query: string,
): boolean {
  const needle = query.trim().toLocaleLowerCase();
  if (!needle) return true;
  return [item.name.en, item.name.ar, item.ref, item.externalPosId].some(
    (text) => !!text && text.toLocaleLowerCase().includes(needle),
  );
}
