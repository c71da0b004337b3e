import { inTenantTransaction, type Logger } from '@nexara/kit';
import type { DataSource } from 'typeorm';
import type { IntegrationEvents } from '../events/integration-events';
import { readConnectionAlertFacts } from '../health/connection-health.repository';
import {
  ALERT_RULES,
  connectionAlertConditions,
  orderAlertConditions,
  type AlertCondition,
  type AlertRule,
  type AtRiskOrder,
} from './alert-rules';
import { resolveClearedAlerts, upsertAlerts } from './alert.repository';

export type AlertEvaluatorDependencies = {
  dataSource: DataSource;
  events: IntegrationEvents;
  /**
   * The tenant's orders at risk of missing their acceptBy deadline, asked of
   * the orders subgraph (which owns orders and the at-risk rule) through its
   * `orders(filter: { acceptanceAtRisk: true })` query as an internal service.
   */
  ordersAtRisk: (tenantId: string) => Promise<AtRiskOrder[]>;
  logger: Logger;
};

export type AlertEvaluation = { opened: string[]; resolved: string[]; holding: number };

/**
 * Evaluates every alert rule for one tenant: opens an alert for each
 * condition that holds and has none unresolved, and resolves the unresolved
 * alerts whose condition cleared. Safe to run as often as wanted, from several
 * workers at once: the tenant's evaluations queue behind one advisory lock,
 * and the partial unique index keeps one unresolved alert per rule and subject.
 * Events are announced after the commit.
 */
export async function evaluateTenantAlerts(
  deps: AlertEvaluatorDependencies,
  tenantId: string,
): Promise<AlertEvaluation> {
  // Asked first, outside the transaction: a slow orders subgraph must not hold the lock.
  // If orders cannot answer, its rule is left out of this round, so its alerts are neither opened nor resolved.
  let atRisk: AtRiskOrder[] | null = null;
  try {
    atRisk = await deps.ordersAtRisk(tenantId);
  } catch (error) {
    deps.logger.warn(
      { tenantId, err: error instanceof Error ? error.message : String(error) },
      'orders at risk unknown this round',
    );
  }
  const rules: AlertRule[] = ALERT_RULES.filter((rule) => rule !== 'ACCEPTANCE_AT_RISK' || atRisk !== null);

  const result = await inTenantTransaction(deps.dataSource, { tenantId }, async (manager) => {
    await manager.query(`select pg_advisory_xact_lock(hashtext('nexara-alerts'), hashtext($1))`, [tenantId]);
    const health = await readConnectionAlertFacts(manager, tenantId);
    const holding = distinct([...health.flatMap(connectionAlertConditions), ...orderAlertConditions(atRisk ?? [])]);
    const { opened } = await upsertAlerts(manager, tenantId, holding);
    const resolved = await resolveClearedAlerts(manager, tenantId, rules, holding);
    return { opened, resolved, holding: holding.length };
  });
  for (const id of result.opened) deps.events.alertRaised(tenantId, id);
  for (const id of result.resolved) deps.events.alertChanged(tenantId, id);
  if (result.opened.length || result.resolved.length) {
    deps.logger.info({ tenantId, opened: result.opened.length, resolved: result.resolved.length }, 'alerts evaluated');
  }
  return result;
}

/** One condition per (rule, subject): an upsert may touch a row only once. */
function distinct(conditions: AlertCondition[]): AlertCondition[] {
  const seen = new Map<string, AlertCondition>();
  for (const condition of conditions) seen.set(`${condition.rule}:${condition.subjectId}`, condition);
  return [...seen.values()];
}

/** Every tenant that has a connection (ids only, through a SECURITY DEFINER function). */
export async function tenantsToEvaluate(dataSource: DataSource): Promise<string[]> {
  const rows = await inTenantTransaction(dataSource, { tenantId: null }, (manager) =>
    manager.query(`select tenant_id from integrations.tenants_with_connections()`),
  );
  return (rows as { tenant_id: string }[]).map((row) => row.tenant_id);
}
