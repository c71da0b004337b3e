import { createHash } from 'node:crypto';
import { toDecimalString } from '@nexara/kit';
import {
  ControlBuildError,
  type ControlAnswer,
  type ControlCall,
  type ControlConnection,
  type ControlMenu,
  type ControlMenuItem,
  type ControlOutcome,
  type ControlPeriod,
  type ControlWeekday,
} from '../control';
import { callbackUrl } from './outbound';

/** A JSON call to `{apiBaseUrl}{path}`; `body` null sends none (a GET). */
export function controlCall(
  connection: ControlConnection,
  method: ControlCall['method'],
  path: string,
  body: unknown,
  headers: Record<string, string>,
): ControlCall {
  return {
    method,
    url: callbackUrl(connection.apiBaseUrl, path),
    headers: {
      accept: 'application/json',
      ...(body === null ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === null ? null : JSON.stringify(body),
  };
}

/** One of the provider's ids kept on the connection, or a build error naming it. */
export function controlId(connection: ControlConnection, name: string, providerName: string): string {
  const value = connection.controlIds[name]?.trim();
  if (!value) {
    throw new ControlBuildError(`The ${providerName} connection has no ${name}; set it on the connection first.`);
  }
  return value;
}

/** The connection's current secret, used as its bearer token where our contract says so. */
export function connectionToken(connection: ControlConnection): string {
  const token = connection.secrets[0];
  if (!token) throw new ControlBuildError('The connection has no secret to authenticate its control calls with.');
  return token;
}

/** Minor units as the decimal number a provider wants (`2500` SAR -> `25`), through the exact decimal string. */
export function decimalNumber(amount: number, currency: string): number {
  return Number(toDecimalString(amount, currency));
}

/** The item's price for `provider` (an override for it, else the base price); `context` a modifier group. */
export function priceFor(item: ControlMenuItem, provider: string, context: string | null = null): number {
  const matches = (override: ControlMenuItem['priceOverrides'][number]): boolean =>
    override.context === context && (override.provider === null || override.provider === provider);
  const own = item.priceOverrides.find((override) => matches(override) && override.provider === provider);
  return (own ?? item.priceOverrides.find(matches))?.price ?? item.price;
}

/** Items that are modifier options and in no category: what providers list as choices rather than dishes. */
export function optionOnlyItemIds(menu: ControlMenu): Set<string> {
  const inCategory = new Set(menu.categories.flatMap((category) => category.itemIds));
  return new Set(
    menu.modifierGroups.flatMap((group) =>
      group.options.map((option) => option.itemId).filter((id) => !inCategory.has(id)),
    ),
  );
}

export function itemsById(menu: ControlMenu): Map<string, ControlMenuItem> {
  return new Map(menu.items.map((item) => [item.id, item]));
}

export function lowerDay(day: ControlWeekday): string {
  return day.toLowerCase();
}

/** The periods, or every day all day when the schedule is empty (offered whenever the branch is open). */
export function periodsOrAlways(periods: readonly ControlPeriod[]): ControlPeriod[] {
  if (periods.length > 0) return [...periods];
  const days: ControlWeekday[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
  return days.map((day) => ({ day, start: '00:00', end: '23:59' }));
}

/** `{day: [{start, end}]}`, days in first-seen order. */
export function periodsByDay(periods: readonly ControlPeriod[]): Map<ControlWeekday, { start: string; end: string }[]> {
  const byDay = new Map<ControlWeekday, { start: string; end: string }[]>();
  for (const period of periods) {
    byDay.set(period.day, [...(byDay.get(period.day) ?? []), { start: period.start, end: period.end }]);
  }
  return byDay;
}

/** The provider's answer is throttling or its own failure: worth trying again (after `retry-after` if it said). */
export function retryable(answer: ControlAnswer): { result: 'RETRY'; reason: string; afterMs: number | null } | null {
  if (answer.status === 429) {
    return { result: 'RETRY', reason: 'HTTP 429: rate limited', afterMs: retryAfterMs(answer.retryAfter) };
  }
  if (answer.status >= 500) {
    return { result: 'RETRY', reason: `HTTP ${answer.status}: the provider failed`, afterMs: null };
  }
  return null;
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * The usual reading of a synchronous answer: 2xx next, 429/5xx again,
 * anything else FAILED with the reason `reasonOf` finds in the body.
 */
export function readSynchronous(answer: ControlAnswer, reasonOf: (body: unknown) => string | null): ControlOutcome {
  if (answer.status >= 200 && answer.status < 300) return { result: 'NEXT' };
  return retryable(answer) ?? failed(answer, reasonOf);
}

export function failed(
  answer: ControlAnswer,
  reasonOf: (body: unknown) => string | null,
): { result: 'FAILED'; reason: string } {
  return { result: 'FAILED', reason: `HTTP ${answer.status}: ${reasonOf(answer.body) ?? 'the provider refused it'}` };
}

/** A string field at `path` of a JSON body, or null. */
export function textAt(body: unknown, ...path: string[]): string | null {
  let current: unknown = body;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return null;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'string' && current.trim() !== '' ? current : null;
}

/** A UUID-shaped digest of `seed`: the same seed (the same job and call) gives the same id, so a retry reuses it. */
export function stableUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** `{en, ar}` without a null `ar` (providers refuse null locale values). */
export function localeMap(text: { en: string; ar: string | null }): Record<string, string> {
  return text.ar ? { en: text.en, ar: text.ar } : { en: text.en };
}
