import type { EntityManager } from 'typeorm';
import { connectionHealthState, type ConnectionHealthFacts } from './connection-health.rules';

/** Rejections that mean "the sender could not prove it is the provider" (see the adapters' authenticate.ts). */
export const AUTH_FAILURE_CODES = [
  'BAD_SIGNATURE',
  'MISSING_SIGNATURE',
  'INVALID_TOKEN',
  'MISSING_TOKEN',
  'TOKEN_EXPIRED',
  'WRONG_ALGORITHM',
  'STALE_TIMESTAMP',
  'FUTURE_TIMESTAMP',
  'INVALID_TIMESTAMP',
  'MISSING_TIMESTAMP',
] as const;

/** How far back an authentication-failure burst is counted (minutes, the current one included). */
export const AUTH_BURST_WINDOW_MINUTES = 10;

export type ExpectedHours = { opensAt: string; closesAt: string; timeZone: string };

/** Everything health and alerts read about one connection, at the database's `now()`. */
export type ConnectionHealthRow = ConnectionHealthFacts & {
  connectionId: string;
  lastDeliveryAt: Date | null;
  authFailuresLastHour: number;
  /** Authentication failures in the last AUTH_BURST_WINDOW_MINUTES. */
  authFailuresRecent: number;
  /** FAILED provider callbacks in the last hour, and whether one was DELIVERED after the last of them. */
  callbacksFailedLastHour: number;
  callbackDeliveredSinceLastFailure: boolean;
  expectedHours: ExpectedHours | null;
  timeZone: string;
  checkedAt: Date;
};

/** What the alert rules read of a connection: its health without the last hour's delivery figures. */
export type ConnectionAlertFacts = Omit<
  ConnectionHealthRow,
  'deliveriesLastHour' | 'processedLastHour' | 'failuresLastHour' | 'p95ProcessingMs'
> & {
  /** Why the health rule finds the connection SILENT now (`connectionHealthState`), or null. */
  silence: string | null;
};

type Row = {
  connection_id: string;
  status: 'ACTIVE' | 'PAUSED';
  silent_after_minutes: number;
  opens_at: string | null;
  closes_at: string | null;
  time_zone: string;
  last_delivery_at: Date | null;
  quiet_minutes: number;
  within_expected_hours: boolean;
  deliveries: number;
  processed: number;
  failures: number;
  p95_ms: number | null;
  dead: number;
  failed: number;
  auth_last_hour: number;
  auth_recent: number;
  callbacks_failed: number;
  callback_delivered_since: boolean;
  checked_at: Date;
};

/**
 * One row per connection of the tenant (or the one asked for). Each lateral
 * is an index range scan: the last delivery and the last hour's window read
 * webhook_events_connection_window (status and timing included), the dead and
 * failed counts webhook_events_by_connection_status, the rest their own
 * (tenant, connection, time) keys. p95 is PostgreSQL's percentile_cont over
 * the processing times of the deliveries processed in the window.
 *
 * The window reads every delivery of the last hour, so its cost grows with
 * the traffic. The alert rules need it only to tell SILENT from FAILING (the
 * health rule ranks FAILING first), so for them (`onlyWhenSilent`) it is read
 * only for a connection quiet past its limit, which has had no delivery for
 * that long: the read stays a few index lookups per connection during a
 * burst. Measured in `npm run bench` (endToEnd at 500/s, 21,000 deliveries
 * in the hour): 38 ms a read with the window, and the alert monitor read it
 * for every tenant every 5 s while the burst lasted.
 */
const healthSql = (window: 'always' | 'onlyWhenSilent'): string => `
select c.id as connection_id, c.status,
       coalesce(s.silent_after_minutes, 60) as silent_after_minutes,
       to_char(s.opens_at, 'HH24:MI') as opens_at, to_char(s.closes_at, 'HH24:MI') as closes_at,
       coalesce(s.time_zone, 'UTC') as time_zone,
       last.received_at as last_delivery_at,
       quiet.minutes as quiet_minutes, quiet.within_expected_hours,
       w.deliveries, w.processed, w.failures, w.p95_ms,
       stopped.dead, stopped.failed,
       auth.last_hour as auth_last_hour, auth.recent as auth_recent,
       cb.failed as callbacks_failed,
       coalesce(cb.last_delivered_at > cb.last_failed_at, false) as callback_delivered_since,
       now() as checked_at
  from integrations.connections c
  left join integrations.connection_health_settings s on s.tenant_id = c.tenant_id and s.connection_id = c.id
 cross join lateral (select (now() at time zone coalesce(s.time_zone, 'UTC'))::time as t) local
  left join lateral (
       select e.received_at from integrations.webhook_events e
        where e.tenant_id = c.tenant_id and e.connection_id = c.id
        order by e.received_at desc limit 1) last on true
 cross join lateral (
       select floor(extract(epoch from (now() - coalesce(last.received_at, c.created_at))) / 60)::int as minutes,
              case when s.opens_at is null then true
                   when s.opens_at <= s.closes_at then local.t >= s.opens_at and local.t < s.closes_at
                   else local.t >= s.opens_at or local.t < s.closes_at  -- open past midnight
              end as within_expected_hours) quiet
 cross join lateral (
       select count(*)::int as deliveries,
              count(*) filter (where e.status = 'PROCESSED')::int as processed,
              count(*) filter (where e.status in ('FAILED', 'DEAD'))::int as failures,
              (percentile_cont(0.95) within group (order by e.processing_ms) filter (where e.status = 'PROCESSED'))::float8 as p95_ms
         from integrations.webhook_events e
        where e.tenant_id = c.tenant_id and e.connection_id = c.id and e.received_at > now() - interval '1 hour'
          ${
            window === 'always'
              ? ''
              : `and c.status = 'ACTIVE' and quiet.within_expected_hours
                 and quiet.minutes >= coalesce(s.silent_after_minutes, 60)`
          }) w
 cross join lateral (
       select count(*) filter (where e.status = 'DEAD')::int as dead,
              count(*) filter (where e.status = 'FAILED')::int as failed
         from integrations.webhook_events e
        where e.tenant_id = c.tenant_id and e.connection_id = c.id and e.status in ('DEAD', 'FAILED')) stopped
 cross join lateral (
       select coalesce(sum(x.count), 0)::int as last_hour,
              coalesce(sum(x.count) filter (
                where x.minute > date_trunc('minute', now()) - make_interval(mins => ${AUTH_BURST_WINDOW_MINUTES})), 0)::int as recent
         from integrations.security_event_counts x
        where x.tenant_id = c.tenant_id and x.connection_id = c.id
          and x.minute > date_trunc('minute', now()) - interval '1 hour' and x.code = any($3::text[])) auth
 cross join lateral (
       select count(*) filter (where o.outcome = 'FAILED')::int as failed,
              max(o.at) filter (where o.outcome = 'FAILED') as last_failed_at,
              max(o.at) filter (where o.outcome = 'DELIVERED') as last_delivered_at
         from integrations.callback_outcomes o
        where o.tenant_id = c.tenant_id and o.connection_id = c.id and o.at > now() - interval '1 hour') cb
 where c.tenant_id = $1 and ($2::uuid is null or c.id = $2::uuid)
 order by c.created_at, c.id`;

const HEALTH_SQL = healthSql('always');
const ALERT_FACTS_SQL = healthSql('onlyWhenSilent');

/** Health facts of the tenant's connections (in `manager`'s tenant transaction), or of one. */
export async function readConnectionHealth(
  manager: EntityManager,
  tenantId: string,
  connectionId: string | null = null,
): Promise<ConnectionHealthRow[]> {
  const rows = (await manager.query(HEALTH_SQL, [tenantId, connectionId, [...AUTH_FAILURE_CODES]])) as Row[];
  return rows.map(healthRowOf);
}

/**
 * What the alert rules read of each of the tenant's connections: its health
 * without the last hour's delivery figures (see `healthSql`), and whether the
 * health rule finds it SILENT now (with the figures it needs for that).
 */
export async function readConnectionAlertFacts(
  manager: EntityManager,
  tenantId: string,
): Promise<ConnectionAlertFacts[]> {
  const rows = (await manager.query(ALERT_FACTS_SQL, [tenantId, null, [...AUTH_FAILURE_CODES]])) as Row[];
  return rows.map((row) => {
    const { deliveriesLastHour, processedLastHour, failuresLastHour, p95ProcessingMs, ...facts } = healthRowOf(row);
    const verdict = connectionHealthState({
      ...facts,
      deliveriesLastHour,
      processedLastHour,
      failuresLastHour,
      p95ProcessingMs,
    });
    return { ...facts, silence: verdict.state === 'SILENT' ? verdict.reason : null };
  });
}

function healthRowOf(row: Row): ConnectionHealthRow {
  return {
    connectionId: row.connection_id,
    connectionStatus: row.status,
    deliveriesLastHour: row.deliveries,
    processedLastHour: row.processed,
    failuresLastHour: row.failures,
    p95ProcessingMs: row.p95_ms === null ? null : Math.round(row.p95_ms),
    deadCount: row.dead,
    failedCount: row.failed,
    quietMinutes: row.quiet_minutes,
    silentAfterMinutes: row.silent_after_minutes,
    withinExpectedHours: row.within_expected_hours,
    lastDeliveryAt: row.last_delivery_at,
    authFailuresLastHour: row.auth_last_hour,
    authFailuresRecent: row.auth_recent,
    callbacksFailedLastHour: row.callbacks_failed,
    callbackDeliveredSinceLastFailure: row.callback_delivered_since,
    expectedHours:
      row.opens_at && row.closes_at
        ? { opensAt: row.opens_at, closesAt: row.closes_at, timeZone: row.time_zone }
        : null,
    timeZone: row.time_zone,
    checkedAt: row.checked_at,
  };
}

export type HealthSettings = {
  silentAfterMinutes: number;
  opensAt: string | null;
  closesAt: string | null;
  timeZone: string;
};

export async function upsertHealthSettings(
  manager: EntityManager,
  tenantId: string,
  connectionId: string,
  settings: HealthSettings,
): Promise<void> {
  await manager.query(
    `insert into integrations.connection_health_settings (tenant_id, connection_id, silent_after_minutes, opens_at, closes_at, time_zone)
     values ($1, $2, $3, $4::time, $5::time, $6)
     on conflict (tenant_id, connection_id) do update
       set silent_after_minutes = excluded.silent_after_minutes, opens_at = excluded.opens_at,
           closes_at = excluded.closes_at, time_zone = excluded.time_zone, updated_at = now()`,
    [tenantId, connectionId, settings.silentAfterMinutes, settings.opensAt, settings.closesAt, settings.timeZone],
  );
}

/** A final outcome of a provider callback, kept per connection for the callbacks-failing alert. */
export type CallbackOutcomeRow = {
  tenantId: string;
  connectionId: string;
  orderId: string | null;
  action: string;
  outcome: string;
  attempt: number;
  httpStatus: number | null;
};

/** One outcome (the callback task's own transaction, when nothing batches them). */
export async function insertCallbackOutcome(manager: EntityManager, outcome: CallbackOutcomeRow): Promise<void> {
  await insertCallbackOutcomes(manager, [outcome]);
}

/** Many outcomes in one statement (the worker keeps a moment's callbacks of a tenant together). */
export async function insertCallbackOutcomes(
  manager: EntityManager,
  outcomes: readonly CallbackOutcomeRow[],
): Promise<void> {
  if (outcomes.length === 0) return;
  // The connection may have been deleted since the callback was queued: nothing to attach the outcome to.
  await manager.query(
    `insert into integrations.callback_outcomes (tenant_id, connection_id, order_id, action, outcome, attempt, http_status)
     select o.tenant_id, o.connection_id, o.order_id, o.action, o.outcome, o.attempt, o.http_status
       from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::int[], $7::int[])
            as o(tenant_id, connection_id, order_id, action, outcome, attempt, http_status)
      where exists (select 1 from integrations.connections c where c.tenant_id = o.tenant_id and c.id = o.connection_id)`,
    [
      outcomes.map((o) => o.tenantId),
      outcomes.map((o) => o.connectionId),
      outcomes.map((o) => o.orderId),
      outcomes.map((o) => o.action),
      outcomes.map((o) => o.outcome),
      outcomes.map((o) => o.attempt),
      outcomes.map((o) => o.httpStatus),
    ],
  );
}
