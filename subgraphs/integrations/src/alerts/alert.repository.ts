import type { EntityManager } from 'typeorm';
import type { AlertCondition, AlertRule, AlertStatus } from './alert-rules';

export type AlertRecord = {
  tenantId: string;
  id: string;
  rule: AlertRule;
  subjectType: 'ProviderConnection' | 'Order';
  subjectId: string;
  connectionId: string | null;
  status: AlertStatus;
  message: string;
  detail: Record<string, unknown>;
  openedAt: Date;
  lastSeenAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
};

const COLUMNS = `tenant_id as "tenantId", id, rule, subject_type as "subjectType", subject_id as "subjectId",
  connection_id as "connectionId", status, message, detail, opened_at as "openedAt", last_seen_at as "lastSeenAt",
  acknowledged_at as "acknowledgedAt", acknowledged_by as "acknowledgedBy", resolved_at as "resolvedAt", resolved_by as "resolvedBy"`;

/** Who resolves an alert whose cause cleared. */
export const SYSTEM_RESOLVER = 'system:cause-cleared';

/**
 * Makes sure each condition has its one unresolved alert: opens it when there
 * is none (answers its id in `opened`), else refreshes its message and
 * last_seen_at. The partial unique index decides, so two evaluators racing
 * still open one.
 */
export async function upsertAlerts(
  manager: EntityManager,
  tenantId: string,
  conditions: readonly AlertCondition[],
): Promise<{ opened: string[] }> {
  if (conditions.length === 0) return { opened: [] };
  const rows = (await manager.query(
    `insert into integrations.alerts (tenant_id, rule, subject_type, subject_id, connection_id, message, detail)
     select $1, c.rule, c.subject_type, c.subject_id, c.connection_id, c.message, c.detail
       from unnest($2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::jsonb[])
            as c(rule, subject_type, subject_id, connection_id, message, detail)
     on conflict (tenant_id, rule, subject_id) where status <> 'RESOLVED'
     do update set last_seen_at = now(), message = excluded.message, detail = excluded.detail
     returning id, (xmax = 0) as inserted`,
    [
      tenantId,
      conditions.map((c) => c.rule),
      conditions.map((c) => c.subjectType),
      conditions.map((c) => c.subjectId),
      conditions.map((c) => c.connectionId),
      conditions.map((c) => c.message),
      conditions.map((c) => JSON.stringify(c.detail)),
    ],
  )) as { id: string; inserted: boolean }[];
  return { opened: rows.filter((row) => row.inserted).map((row) => row.id) };
}

/** Resolves the unresolved alerts of `rules` whose condition no longer holds; answers their ids. */
export async function resolveClearedAlerts(
  manager: EntityManager,
  tenantId: string,
  rules: readonly AlertRule[],
  holding: readonly AlertCondition[],
): Promise<string[]> {
  const rows = (await manager.query(
    `with cleared as (
       update integrations.alerts a
          set status = 'RESOLVED', resolved_at = now(), resolved_by = $5
        where a.tenant_id = $1 and a.status <> 'RESOLVED' and a.rule = any($2::text[])
          and not exists (select 1 from unnest($3::text[], $4::uuid[]) as h(rule, subject_id)
                           where h.rule = a.rule and h.subject_id = a.subject_id)
       returning a.id
     )
     select id from cleared`,
    [tenantId, [...rules], holding.map((c) => c.rule), holding.map((c) => c.subjectId), SYSTEM_RESOLVER],
  )) as { id: string }[];
  return rows.map((row) => row.id);
}

export async function listAlertRows(
  manager: EntityManager,
  tenantId: string,
  status: AlertStatus | null,
  limit: number,
): Promise<AlertRecord[]> {
  return (await manager.query(
    `select ${COLUMNS} from integrations.alerts
      where tenant_id = $1 and ($2::text is null or status = $2)
      order by opened_at desc, id desc limit $3`,
    [tenantId, status, limit],
  )) as AlertRecord[];
}

export async function findAlertRow(
  manager: EntityManager,
  tenantId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<AlertRecord | null> {
  const rows = (await manager.query(
    `select ${COLUMNS} from integrations.alerts where tenant_id = $1 and id = $2${options.lock ? ' for update' : ''}`,
    [tenantId, id],
  )) as AlertRecord[];
  return rows[0] ?? null;
}

export async function setAlertStatus(
  manager: EntityManager,
  tenantId: string,
  id: string,
  status: 'ACKNOWLEDGED' | 'RESOLVED',
  actor: string,
): Promise<AlertRecord> {
  const rows = (await manager.query(
    `with changed as (
       update integrations.alerts
          set status = $3,
              acknowledged_at = case when $3 = 'ACKNOWLEDGED' then now() else acknowledged_at end,
              acknowledged_by = case when $3 = 'ACKNOWLEDGED' then $4 else acknowledged_by end,
              resolved_at = case when $3 = 'RESOLVED' then now() else resolved_at end,
              resolved_by = case when $3 = 'RESOLVED' then $4 else resolved_by end
        where tenant_id = $1 and id = $2
       returning *
     )
     select ${COLUMNS} from changed`,
    [tenantId, id, status, actor],
  )) as AlertRecord[];
  if (!rows[0]) throw new Error(`alert ${id} vanished under its row lock`);
  return rows[0];
}
