import { AUTH_BURST_WINDOW_MINUTES, type ConnectionAlertFacts } from '../health/connection-health.repository';

export const ALERT_RULES = [
  'WEBHOOK_EVENTS_STOPPED',
  'AUTH_FAILURE_BURST',
  'CONNECTION_SILENT',
  'ACCEPTANCE_AT_RISK',
  'CALLBACKS_FAILING',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

export const ALERT_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** This many authentication failures on one connection within AUTH_BURST_WINDOW_MINUTES is a burst. */
export const AUTH_FAILURE_BURST_THRESHOLD = 5;

/** What each rule watches, for the API's descriptions and the alert messages. */
export const ALERT_RULE_DESCRIPTIONS: Record<AlertRule, string> = {
  WEBHOOK_EVENTS_STOPPED:
    'Deliveries on a connection are DEAD or FAILED and wait for a replay. Clears when none are left.',
  AUTH_FAILURE_BURST: `At least ${AUTH_FAILURE_BURST_THRESHOLD} webhooks refused for failed authentication on a connection within ${AUTH_BURST_WINDOW_MINUTES} minutes. Clears when the window holds fewer.`,
  CONNECTION_SILENT:
    'An ACTIVE connection is SILENT: nothing received for silentAfterMinutes during its expected hours. Clears at the next delivery or outside expected hours.',
  ACCEPTANCE_AT_RISK:
    "An order is still RECEIVED with its provider's acceptBy deadline less than two minutes away or passed. Clears when the order is answered.",
  CALLBACKS_FAILING:
    'A provider callback FAILED on a connection in the last hour and none was delivered since. Clears at the next delivered callback, or an hour after the failure.',
};

/** A rule that holds now for one subject; the evaluator keeps exactly one unresolved alert for each. */
export type AlertCondition = {
  rule: AlertRule;
  subjectType: 'ProviderConnection' | 'Order';
  subjectId: string;
  connectionId: string | null;
  message: string;
  detail: Record<string, unknown>;
};

/** An order the orders subgraph flags `acceptanceAtRisk`. */
export type AtRiskOrder = { id: string; displayCode: string; acceptBy: string | null; connectionId: string | null };

/** The connection rules that hold for one connection's health facts. */
export function connectionAlertConditions(health: ConnectionAlertFacts): AlertCondition[] {
  const subject = {
    subjectType: 'ProviderConnection' as const,
    subjectId: health.connectionId,
    connectionId: health.connectionId,
  };
  const conditions: AlertCondition[] = [];
  const stopped = health.deadCount + health.failedCount;
  if (stopped > 0) {
    conditions.push({
      ...subject,
      rule: 'WEBHOOK_EVENTS_STOPPED',
      message: `${stopped} ${stopped === 1 ? 'delivery waits' : 'deliveries wait'} for a replay (${health.deadCount} DEAD, ${health.failedCount} FAILED).`,
      detail: { deadCount: health.deadCount, failedCount: health.failedCount },
    });
  }
  if (health.authFailuresRecent >= AUTH_FAILURE_BURST_THRESHOLD) {
    conditions.push({
      ...subject,
      rule: 'AUTH_FAILURE_BURST',
      message: `${health.authFailuresRecent} webhooks refused for failed authentication in the last ${AUTH_BURST_WINDOW_MINUTES} minutes: a wrong secret, or someone probing the webhook URL.`,
      detail: { authFailures: health.authFailuresRecent, windowMinutes: AUTH_BURST_WINDOW_MINUTES },
    });
  }
  if (health.silence !== null) {
    conditions.push({
      ...subject,
      rule: 'CONNECTION_SILENT',
      message: health.silence,
      detail: { quietMinutes: health.quietMinutes, silentAfterMinutes: health.silentAfterMinutes },
    });
  }
  if (health.callbacksFailedLastHour > 0 && !health.callbackDeliveredSinceLastFailure) {
    conditions.push({
      ...subject,
      rule: 'CALLBACKS_FAILING',
      message: `${health.callbacksFailedLastHour} provider ${health.callbacksFailedLastHour === 1 ? 'callback' : 'callbacks'} failed in the last hour and none has been delivered since: the provider is not hearing the restaurant's decisions.`,
      detail: { failedLastHour: health.callbacksFailedLastHour },
    });
  }
  return conditions;
}

export function orderAlertConditions(orders: readonly AtRiskOrder[]): AlertCondition[] {
  return orders.map((order) => ({
    rule: 'ACCEPTANCE_AT_RISK',
    subjectType: 'Order',
    subjectId: order.id,
    connectionId: order.connectionId,
    message: `Order ${order.displayCode} is still unanswered and the provider gives up at ${order.acceptBy ?? 'its deadline'}: accept or reject it now.`,
    detail: { displayCode: order.displayCode, acceptBy: order.acceptBy },
  }));
}
