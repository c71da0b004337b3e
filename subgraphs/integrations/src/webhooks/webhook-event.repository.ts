import { randomUUID } from 'node:crypto';
import { storableText } from '@nexara/kit';
import { type Provider } from '@nexara/providers/display';
import type { DataSource, EntityManager } from 'typeorm';
import {
  JOB_MAX_ATTEMPTS,
  PROCESS_WEBHOOK_EVENT_TASK,
  webhookJobKey,
  withTrace,
  type ProcessWebhookEventJob,
} from './webhook-jobs';

export const WEBHOOK_EVENT_STATUSES = ['QUEUED', 'PROCESSING', 'PROCESSED', 'FAILED', 'DEAD'] as const;
export type WebhookEventStatus = (typeof WEBHOOK_EVENT_STATUSES)[number];

/** Only these can be put back in the queue by hand: the others are waiting, running, or done. */
export const REPLAYABLE_STATUSES: readonly WebhookEventStatus[] = ['FAILED', 'DEAD'];

/** One stored delivery and its processing state (`integrations.webhook_events`). */
export type WebhookEventRecord = {
  tenantId: string;
  id: string;
  connectionId: string;
  provider: Provider;
  idempotencyKey: string;
  method: 'POST' | 'PUT';
  subPath: string;
  /** The headers that matter, credentials redacted (see header-redaction.ts). */
  headers: Record<string, string>;
  /** The raw bytes as received. */
  body: Buffer;
  receivedAt: Date;
  /** `receivedAt` as PostgreSQL printed it, to the microsecond, for cursors. */
  receivedAtText: string;
  status: WebhookEventStatus;
  /** Every processing attempt ever made, replays included. */
  attempts: number;
  /** `attempts` when the event was last replayed: the retry budget counts from here. */
  attemptsAtReplay: number;
  replays: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  firstAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  processedAt: Date | null;
  processingMs: number | null;
  orderIds: string[];
  /** The failed-receipt call (`confirmsReceipts` providers) for a delivery that never became an order: how telling the provider went. */
  providerNotice: ProviderNotice | null;
  providerNoticeDetail: string | null;
};

export type ProviderNotice = 'RETRYING' | 'DELIVERED' | 'FAILED' | 'NOT_SUPPORTED';

type WebhookEventRow = {
  tenant_id: string;
  id: string;
  connection_id: string;
  provider: Provider;
  idempotency_key: string;
  method: 'POST' | 'PUT';
  sub_path: string;
  headers: Record<string, string>;
  body: Buffer;
  received_at: Date;
  received_at_text: string;
  status: WebhookEventStatus;
  attempts: number;
  attempts_at_replay: number;
  replays: number;
  last_error: string | null;
  next_attempt_at: Date | null;
  first_attempt_at: Date | null;
  last_attempt_at: Date | null;
  processed_at: Date | null;
  processing_ms: number | null;
  order_ids: string[];
  provider_notice: ProviderNotice | null;
  provider_notice_detail: string | null;
};

const COLUMNS = `tenant_id, id, connection_id, provider, idempotency_key, method, sub_path, headers, body, received_at,
  to_char(received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as received_at_text,
  status, attempts, attempts_at_replay, replays, last_error, next_attempt_at, first_attempt_at, last_attempt_at,
  processed_at, processing_ms, order_ids::text[] as order_ids, provider_notice, provider_notice_detail`;

/** Longest last_error kept: the start says what went wrong; provider and orders error bodies can be long. */
export const MAX_ERROR_LENGTH = 2_000;

/** Also storable: a reason may quote provider text, and a NUL in it would make recording the outcome fail forever. */
export function truncateError(message: string): string {
  return storableText(message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH - 1)}…` : message);
}

function toRecord(row: WebhookEventRow): WebhookEventRecord {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    connectionId: row.connection_id,
    provider: row.provider,
    idempotencyKey: row.idempotency_key,
    method: row.method,
    subPath: row.sub_path,
    headers: row.headers,
    body: row.body,
    receivedAt: row.received_at,
    receivedAtText: row.received_at_text,
    status: row.status,
    attempts: row.attempts,
    attemptsAtReplay: row.attempts_at_replay,
    replays: row.replays,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    firstAttemptAt: row.first_attempt_at,
    lastAttemptAt: row.last_attempt_at,
    processedAt: row.processed_at,
    processingMs: row.processing_ms,
    orderIds: row.order_ids,
    providerNotice: row.provider_notice,
    providerNoticeDetail: row.provider_notice_detail,
  };
}

/**
 * `manager.query` answers an UPDATE ... RETURNING as `[rows, count]`; a
 * data-modifying CTE read by a SELECT comes back as plain rows.
 */
async function selectRows(manager: EntityManager, sql: string, params: unknown[]): Promise<WebhookEventRecord[]> {
  return ((await manager.query(sql, params)) as WebhookEventRow[]).map(toRecord);
}

export type NewWebhookEvent = {
  tenantId: string;
  connectionId: string;
  provider: Provider;
  idempotencyKey: string;
  method: 'POST' | 'PUT';
  subPath: string;
  headers: Record<string, string>;
  body: Buffer;
  receivedAt: Date;
  /** The trace context of the request that received it (empty without tracing), for its job. */
  trace?: Record<string, string>;
};

export type StoredWebhookEvent = { id: string; duplicate: boolean };

/**
 * Stores deliveries and queues the processing of each new one, in one
 * statement (`integrations.store_webhook_events`: one round trip, one
 * commit, the tenant scope set inside); a delivery whose idempotency key
 * its connection already holds, or that an earlier one in `events` holds,
 * is answered as a duplicate and queues nothing. A concurrent insert of the
 * same key waits for the first to commit and then finds it, so concurrent
 * identical deliveries store one. Answers in the order of `events`.
 */
export async function storeWebhookEvents(
  dataSource: DataSource,
  events: readonly NewWebhookEvent[],
): Promise<StoredWebhookEvent[]> {
  const ids = events.map(() => randomUUID());
  const job = (event: NewWebhookEvent, i: number): ProcessWebhookEventJob =>
    withTrace({ tenantId: event.tenantId, eventId: ids[i]! }, event.trace ?? {});
  const rows = (await dataSource.query(
    `select ordinal, id, duplicate from integrations.store_webhook_events(
       $1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::bytea[],
       $10::timestamptz[], $11, $12::json[], $13::smallint, $14::text[])`,
    [
      events.map((e) => e.tenantId),
      ids,
      events.map((e) => e.connectionId),
      events.map((e) => e.provider),
      events.map((e) => e.idempotencyKey),
      events.map((e) => e.method),
      events.map((e) => e.subPath),
      events.map((e) => JSON.stringify(e.headers)),
      events.map((e) => e.body),
      events.map((e) => e.receivedAt),
      PROCESS_WEBHOOK_EVENT_TASK,
      events.map((event, i) => JSON.stringify(job(event, i))),
      JOB_MAX_ATTEMPTS,
      ids.map(webhookJobKey),
    ],
  )) as { ordinal: number; id: string; duplicate: boolean }[];
  const byOrdinal = new Map(rows.map((row) => [row.ordinal, { id: row.id, duplicate: row.duplicate }]));
  return events.map((_, i) => {
    const stored = byOrdinal.get(i + 1);
    if (!stored) throw new Error('a stored webhook event cannot be found by its idempotency key');
    return stored;
  });
}

export async function findWebhookEvent(
  manager: EntityManager,
  tenantId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<WebhookEventRecord | null> {
  const rows = await selectRows(
    manager,
    `select ${COLUMNS} from integrations.webhook_events where tenant_id = $1 and id = $2${options.lock ? ' for update' : ''}`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

export type WebhookEventFilter = {
  status?: readonly WebhookEventStatus[] | null;
  provider?: readonly Provider[] | null;
  connectionId?: string | null;
  from?: Date | null;
  to?: Date | null;
};

/** A page of the tenant's events, newest first (then by id), after the (receivedAt, id) position given. */
export async function listWebhookEvents(
  manager: EntityManager,
  tenantId: string,
  filter: WebhookEventFilter,
  page: { limit: number; after: { receivedAt: string; id: string } | null },
): Promise<{ totalCount: number; rows: WebhookEventRecord[] }> {
  const params: unknown[] = [tenantId];
  const conditions = ['tenant_id = $1'];
  const add = (condition: (placeholder: string) => string, value: unknown): void => {
    params.push(value);
    conditions.push(condition(`$${params.length}`));
  };
  if (filter.status?.length) add((p) => `status = any(${p}::text[])`, [...filter.status]);
  if (filter.provider?.length) add((p) => `provider = any(${p}::text[])`, [...filter.provider]);
  if (filter.connectionId) add((p) => `connection_id = ${p}::uuid`, filter.connectionId);
  if (filter.from) add((p) => `received_at >= ${p}::timestamptz`, filter.from);
  if (filter.to) add((p) => `received_at < ${p}::timestamptz`, filter.to);
  const where = conditions.join(' and ');

  const counted = (await manager.query(
    `select count(*)::int as total from integrations.webhook_events where ${where}`,
    params,
  )) as { total: number }[];

  const pageParams = [...params];
  let position = '';
  if (page.after) {
    pageParams.push(page.after.receivedAt, page.after.id);
    position = ` and (received_at, id) < ($${pageParams.length - 1}::timestamptz, $${pageParams.length}::uuid)`;
  }
  pageParams.push(page.limit);
  const rows = await selectRows(
    manager,
    `select ${COLUMNS} from integrations.webhook_events
      where ${where}${position}
      order by received_at desc, id desc
      limit $${pageParams.length}`,
    pageParams,
  );
  return { totalCount: counted[0]?.total ?? 0, rows };
}

/**
 * Takes events of one tenant for a processing attempt, in one statement:
 * PROCESSING, attempts + 1. A PROCESSING event is taken again (its previous
 * run died before it could record anything); processed, failed, dead or
 * unknown ones are not (their jobs are stale ones). Answers the events taken,
 * oldest delivery first (the order their facts are applied in), each with
 * whether the dashboard's "Send test webhook" sent it (recorded by
 * `TestWebhookService` before sending, by the key the adapter reads from a new
 * order): its orders are test orders. The claim and that check are one round
 * trip (the worker makes one claim per batch).
 *
 * The events are found by their primary key, one lookup per id, and "still
 * open" is checked on each row found, written so no index can answer it. With
 * `status in ('QUEUED', 'PROCESSING')` the planner read the open events
 * through webhook_events_by_connection_status: the statistics say few events
 * are open (most are processed), but until vacuum comes that index still holds
 * an entry for every QUEUED and PROCESSING version of every event since, so
 * under load one claim of 30 events visited 11,000 heap pages (17 ms a claim
 * in endToEnd's 500/s step, the costliest statement of the run, and growing
 * between vacuums) where 30 lookups visit about 100 (1.5 ms).
 */
export async function claimWebhookEvents(
  manager: EntityManager,
  tenantId: string,
  ids: readonly string[],
): Promise<(WebhookEventRecord & { test: boolean })[]> {
  if (ids.length === 0) return [];
  const rows = (await manager.query(
    `with claimed as (
       update integrations.webhook_events e
          set status = 'PROCESSING',
              attempts = attempts + 1,
              first_attempt_at = coalesce(first_attempt_at, now()),
              last_attempt_at = now(),
              next_attempt_at = null
         from unnest($2::uuid[]) as asked(id)
        where e.tenant_id = $1 and e.id = asked.id
          and e.status <> all (array['PROCESSED', 'FAILED', 'DEAD'])
       returning e.*
     )
     select ${COLUMNS},
            exists (select 1 from integrations.test_webhook_deliveries t
                     where t.tenant_id = claimed.tenant_id and t.connection_id = claimed.connection_id
                       and t.idempotency_key = claimed.idempotency_key) as test
       from claimed order by received_at, id`,
    [tenantId, ids],
  )) as (WebhookEventRow & { test: boolean })[];
  return rows.map((row) => ({ ...toRecord(row), test: row.test }));
}

/** PROCESSED, with the orders each event touched and how long its attempt took: events of one tenant, one statement. */
export async function markWebhookEventsProcessed(
  manager: EntityManager,
  tenantId: string,
  processed: readonly { id: string; orderIds: readonly string[] }[],
): Promise<void> {
  if (processed.length === 0) return;
  await manager.query(
    `update integrations.webhook_events e
        set status = 'PROCESSED',
            processed_at = now(),
            processing_ms = greatest(0, round(extract(epoch from (clock_timestamp() - coalesce(e.last_attempt_at, now()))) * 1000))::int,
            next_attempt_at = null,
            order_ids = done.order_ids
       from jsonb_to_recordset($2::jsonb) as done(id uuid, order_ids uuid[])
      where e.tenant_id = $1 and e.id = done.id`,
    [tenantId, JSON.stringify(processed.map((p) => ({ id: p.id, order_ids: [...new Set(p.orderIds)] })))],
  );
}

/** FAILED (can never be processed as it is) or DEAD (out of retries): either waits for a person to replay it. */
export async function markWebhookEventStopped(
  manager: EntityManager,
  tenantId: string,
  id: string,
  status: 'FAILED' | 'DEAD',
  reason: string,
  orderIds: readonly string[] = [],
): Promise<void> {
  await manager.query(
    `update integrations.webhook_events
        set status = $3, last_error = $4, next_attempt_at = null,
            order_ids = (select coalesce(array_agg(distinct o), '{}') from unnest(order_ids || $5::uuid[]) o)
      where tenant_id = $1 and id = $2`,
    [tenantId, id, status, truncateError(reason), [...orderIds]],
  );
}

/** Records how telling the provider about a delivery that failed went (see `ProviderNotice`). */
export async function recordProviderNotice(
  manager: EntityManager,
  tenantId: string,
  id: string,
  notice: ProviderNotice,
  detail: string | null,
): Promise<void> {
  await manager.query(
    `update integrations.webhook_events set provider_notice = $3, provider_notice_detail = $4 where tenant_id = $1 and id = $2`,
    [tenantId, id, notice, detail === null ? null : truncateError(detail)],
  );
}

/** Back to QUEUED until `delayMs` from now (the database's clock); returns when the next attempt is due. */
export async function scheduleWebhookEventRetry(
  manager: EntityManager,
  tenantId: string,
  id: string,
  reason: string,
  delayMs: number,
  orderIds: readonly string[] = [],
): Promise<Date> {
  const rows = (await manager.query(
    `with retried as (
       update integrations.webhook_events
          set status = 'QUEUED', last_error = $3,
              next_attempt_at = now() + make_interval(secs => $4::double precision / 1000),
              order_ids = (select coalesce(array_agg(distinct o), '{}') from unnest(order_ids || $5::uuid[]) o)
        where tenant_id = $1 and id = $2
       returning next_attempt_at
     )
     select next_attempt_at from retried`,
    [tenantId, id, truncateError(reason), delayMs, [...orderIds]],
  )) as { next_attempt_at: Date }[];
  const next = rows[0]?.next_attempt_at;
  if (!next) throw new Error(`webhook event ${id} vanished while scheduling its retry`);
  return next;
}

/** FAILED or DEAD -> QUEUED with a fresh retry budget; the attempts made so far are kept. */
export async function replayWebhookEventRow(
  manager: EntityManager,
  tenantId: string,
  id: string,
): Promise<WebhookEventRecord | null> {
  const rows = await selectRows(
    manager,
    `with replayed as (
       update integrations.webhook_events
          set status = 'QUEUED', attempts_at_replay = attempts, replays = replays + 1, next_attempt_at = null
        where tenant_id = $1 and id = $2 and status in ('FAILED', 'DEAD')
       returning *
     )
     select ${COLUMNS} from replayed`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

/** Every DEAD event of a connection -> QUEUED with a fresh retry budget; returns their ids. */
export async function replayDeadWebhookEventRows(
  manager: EntityManager,
  tenantId: string,
  connectionId: string,
): Promise<string[]> {
  const rows = (await manager.query(
    `with replayed as (
       update integrations.webhook_events
          set status = 'QUEUED', attempts_at_replay = attempts, replays = replays + 1, next_attempt_at = null
        where tenant_id = $1 and connection_id = $2 and status = 'DEAD'
       returning id, received_at
     )
     select id from replayed order by received_at, id`,
    [tenantId, connectionId],
  )) as { id: string }[];
  return rows.map((row) => row.id);
}

/**
 * Events PROCESSING for longer than `olderThanMs`, in every tenant (ids only,
 * through the SECURITY DEFINER function): their worker died mid-run.
 */
export async function staleWebhookEventIds(
  manager: EntityManager,
  olderThanMs: number,
  limit: number,
): Promise<{ tenantId: string; id: string }[]> {
  const rows = (await manager.query(`select tenant_id, id from integrations.stale_webhook_events($1, $2)`, [
    Math.round(olderThanMs),
    limit,
  ])) as { tenant_id: string; id: string }[];
  return rows.map((row) => ({ tenantId: row.tenant_id, id: row.id }));
}

/** A stale PROCESSING event -> QUEUED (in its tenant); false when another sweeper or its own worker got there first. */
export async function requeueStaleWebhookEvent(
  manager: EntityManager,
  tenantId: string,
  id: string,
  olderThanMs: number,
): Promise<boolean> {
  const rows = (await manager.query(
    `with requeued as (
       update integrations.webhook_events
          set status = 'QUEUED', next_attempt_at = now(),
              last_error = 'The worker handling this event stopped or lost its database before finishing; queued again.'
        where tenant_id = $1 and id = $2
          and ((status = 'PROCESSING' and last_attempt_at < now() - make_interval(secs => $3::double precision / 1000))
            or (status = 'QUEUED' and coalesce(next_attempt_at, received_at) < now() - make_interval(secs => $3::double precision / 1000)))
       returning id
     )
     select id from requeued`,
    [tenantId, id, olderThanMs],
  )) as { id: string }[];
  return rows.length > 0;
}
