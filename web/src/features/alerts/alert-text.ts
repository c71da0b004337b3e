import type { AlertFieldsFragment } from '../../gql/graphql';
import { formatDateTime } from '../../ui/time';
import { translator } from '../../i18n/translate';
import { statusLabel } from '../../ui/StatusBadge';

/** An ISO 8601 UTC instant inside a sentence, as the API writes them ("2026-03-12T11:05:00.000Z"). */
const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/** An alert's message with each instant in it shown in the tenant's time zone, as everywhere else. */
export function localizeMessage(message: string, timeZone: string): string {
  return message.replace(ISO_INSTANT, (iso) => {
    const instant = Date.parse(iso);
    return Number.isNaN(instant) ? iso : formatDateTime(new Date(instant).toISOString(), timeZone);
  });
}

/**
 * Who acted on an alert, for people: the API answers `user:<id>` or
 * `system:<cause>`. A user the reader cannot look up (the list is for
 * managers) is "a teammate", never a raw id.
 */
export function actorName(actor: string | null | undefined, names: ReadonlyMap<string, string>): string {
  if (!actor) return translator.t('alerts:someone');
  if (actor.startsWith('system:')) {
    return translator.t(actor === 'system:cause-cleared' ? 'alerts:causeCleared' : 'alerts:nexara');
  }
  const id = actor.startsWith('user:') ? actor.slice('user:'.length) : actor;
  return names.get(id) ?? translator.t('alerts:teammate');
}

/** A rule's name ("Acceptance at risk"); an unknown rule as it reads. */
export function ruleLabel(rule: string): string {
  return translator.t(`alerts:rule.${rule}` as 'alerts:rule.ACCEPTANCE_AT_RISK', { defaultValue: statusLabel(rule) });
}

/**
 * What an alert says, for the reader: the API's English message (its instants
 * in the tenant's zone) in English; in Arabic what its rule means.
 */
export function alertText(alert: Pick<AlertFieldsFragment, 'rule' | 'message'>, timeZone: string): string {
  const english = localizeMessage(alert.message, timeZone);
  if (translator.resolvedLanguage === 'en') return english;
  return translator.t(`alerts:meaning.${alert.rule}` as 'alerts:meaning.ACCEPTANCE_AT_RISK', { defaultValue: english });
}

export type AlertGroup = { kind: 'group'; rule: string; alerts: AlertFieldsFragment[] };
export type AlertItem = { kind: 'alert'; alert: AlertFieldsFragment } | AlertGroup;

/** Rules raised once per order: many at once read as one problem, so they are shown grouped. */
export const GROUPED_RULES: readonly string[] = ['ACCEPTANCE_AT_RISK'];

/**
 * The list as shown: alerts of a grouped rule become one entry (where the
 * first of them was), every other alert stays on its own, order kept.
 */
export function groupAlerts(alerts: readonly AlertFieldsFragment[]): AlertItem[] {
  const counts = new Map<string, number>();
  for (const alert of alerts) counts.set(alert.rule, (counts.get(alert.rule) ?? 0) + 1);
  const groups = new Map<string, AlertGroup>();
  const items: AlertItem[] = [];
  for (const alert of alerts) {
    if (!GROUPED_RULES.includes(alert.rule) || (counts.get(alert.rule) ?? 0) < 2) {
      items.push({ kind: 'alert', alert });
      continue;
    }
    let group = groups.get(alert.rule);
    if (!group) {
      group = { kind: 'group', rule: alert.rule, alerts: [] };
      groups.set(alert.rule, group);
      items.push(group);
    }
    group.alerts.push(alert);
  }
  return items;
}
