import {
  CATALOG_SYNC_JOB_MAX_ATTEMPTS,
  CATALOG_SYNC_TASK,
  catalogSyncJobKey,
  parseCatalogSyncJob,
  type CatalogSyncJob,
  type CatalogSyncRequest,
  type CatalogSyncStatus,
} from '@nexara/contracts';
import { inTenantTransaction, type Egress, type Logger } from '@nexara/kit';
import {
  capabilityFor,
  ControlBuildError,
  providerDefinition,
  type ControlAnswer,
  type ControlCall,
  type ControlCapability,
  type ControlConnection,
  type ControlContext,
  type ControlKind,
  type ControlRequest,
  type ProviderControl,
} from '@nexara/providers';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { retryDelayMs, type BackoffPolicy } from '../retry/backoff';
import type { ConnectionDirectory } from '../webhooks/connection-directory';
import type { CatalogClient } from './catalog-client';
import { awaitResult, stopAwaiting } from '../webhooks/control-awaits';

/**
 * `catalog_sync`: runs one catalog sync job (docs/control-plane.md,
 * "Execution"). It runs here, in the integrations worker, because this
 * process already holds what a provider call needs and nothing else should:
 * the connections' decrypted secrets (the catalog may not read them), the
 * egress policy every outbound call goes through, and the provider registry.
 * The catalog subgraph keeps the job and its state; this task reads the
 * job's canonical request from it, sends the provider's calls, and reports
 * back what the provider said.
 *
 * One run: the connection's rate limit for the kind is claimed (a run that
 * comes too early is queued again for when it may send), the capability
 * builds the calls, each goes out through the egress policy and its answer
 * decides: the next call, APPLIED after the last, FAILED with the
 * provider's reason, or again later (429 after its Retry-After, 5xx and
 * network failures with exponential backoff) until the attempts are spent.
 * An answer that only accepts the change is confirmed later: by asking
 * (where the capability can) or by the provider's result webhook.
 */

export type CatalogSyncSettings = {
  /** Provider calls before the job is FAILED. */
  maxAttempts: number;
  backoff: BackoffPolicy;
  random?: () => number;
  timeoutMs?: number;
  /** How often to ask for an accepted change's result before giving up (default 120 asks). */
  maxConfirmations?: number;
  /** How long an accepted change waits for the provider's result webhook before FAILED (default 30 min). */
  resultWaitMs?: number;
};

export type CatalogSyncDependencies = {
  dataSource: DataSource;
  directory: Pick<ConnectionDirectory, 'findById'>;
  catalog: CatalogClient;
  egress: Pick<Egress, 'send'>;
  logger: Logger;
  settings: CatalogSyncSettings;
  tokens?: ControlTokens;
  /** What capabilities read before building (their `lookup`), per connection and kind, kept as JSON text. */
  lookups?: ControlTokens;
  now?: () => Date;
  /** PUBLIC_URL: where a provider told to post a result (a catalog import's) reaches the connection's webhook URL. */
  publicUrl?: string;
};

/** What one run did, for logs and tests. */
export type CatalogSyncRunOutcome = CatalogSyncStatus | 'WAITING' | 'RETRYING' | 'SKIPPED' | 'DROPPED';

/** One call and its answer, as the job's log keeps them (never a header: they carry the credentials). */
export type SentCall = {
  method: string;
  url: string;
  body: unknown;
  status: number | null;
  answer: unknown;
  at: string;
};

/** Where a job stands between runs, carried in its payload beside the contract's ids. */
const progressSchema = z.object({
  phase: z.enum(['send', 'confirm', 'await']).default('send'),
  attempts: z.number().int().min(0).default(0),
  step: z.number().int().min(0).default(0),
  reference: z.string().nullable().default(null),
  confirmations: z.number().int().min(0).default(0),
  calls: z.array(z.unknown()).default([]),
});
type Progress = z.infer<typeof progressSchema>;

const ANSWER_BYTES = 64 * 1024;
const KEPT_CALLS = 12;
const KEPT_TEXT = 4_000;
const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_CONFIRMATIONS = 120;
const DEFAULT_RESULT_WAIT_MS = 30 * 60_000;

/** Bearer tokens per connection, reused as long as the provider allows (its grant says how long). */
export class ControlTokens {
  private readonly tokens = new Map<string, { token: string; until: number }>();
  get(connectionId: string, now: number): string | null {
    const held = this.tokens.get(connectionId);
    return held && held.until > now ? held.token : null;
  }
  set(connectionId: string, token: string, until: number): void {
    this.tokens.set(connectionId, { token, until });
  }
  forget(connectionId: string): void {
    this.tokens.delete(connectionId);
  }
  private readonly asking = new Map<string, Promise<unknown>>();
  /** One token request per connection at a time: jobs that need a token while one is being asked for share it. */
  once<T>(connectionId: string, ask: () => Promise<T>): Promise<T> {
    const running = this.asking.get(connectionId) as Promise<T> | undefined;
    if (running) return running;
    const asked = ask().finally(() => this.asking.delete(connectionId));
    this.asking.set(connectionId, asked);
    return asked;
  }
}

export async function runCatalogSync(deps: CatalogSyncDependencies, payload: unknown): Promise<CatalogSyncRunOutcome> {
  const parsed = parseCatalogSyncJob(payload);
  if ('problem' in parsed) {
    deps.logger.error({ problem: parsed.problem }, 'catalog_sync job with an unusable payload dropped');
    return 'DROPPED';
  }
  const { job } = parsed;
  const progress = progressSchema.parse(payload);
  const log = deps.logger.child({ tenantId: job.tenantId, jobId: job.jobId, kind: job.kind, provider: job.provider });
  const record = await deps.catalog.job(job.tenantId, job.jobId);
  if (record.status !== 'PENDING') return 'SKIPPED';

  const report = async (status: CatalogSyncStatus, reason: string | null, state: Progress): Promise<void> => {
    await deps.catalog.report(job.tenantId, {
      jobId: job.jobId,
      status,
      reason,
      attempts: state.attempts,
      answer: { calls: state.calls },
    });
  };
  const fail = async (reason: string, state: Progress = progress): Promise<CatalogSyncRunOutcome> => {
    log.info({ reason, attempts: state.attempts }, 'catalog sync failed');
    await report('FAILED', reason, state);
    return 'FAILED';
  };

  const control = providerDefinition(job.provider).control;
  const capability = capabilityFor(control, job.kind);
  if (!capability) return fail(`${job.provider} has no ${job.kind} capability in Nexara.`);
  const connection = await deps.directory.findById(job.tenantId, job.connectionId);
  if (!connection) return fail('The provider connection of this job no longer exists.');

  let request: ControlRequest;
  try {
    request = await controlRequest(deps.catalog, job.tenantId, record.request);
  } catch (error) {
    // The catalog could not be read now: graphile-worker runs the job again later.
    throw new Error(`could not read the job's request from the catalog: ${messageOf(error)}`);
  }
  const now = (deps.now ?? (() => new Date()))();
  const resultWebhookUrl = deps.publicUrl
    ? `${deps.publicUrl.replace(/\/+$/, '')}/webhooks/${providerDefinition(job.provider).identity.pathSegment}/${encodeURIComponent(connection.connectionKey)}`
    : null;
  const run: Run = { deps, job, control, capability, connection, request, progress, now, log, resultWebhookUrl };
  try {
    switch (progress.phase) {
      case 'send':
        return await send(run, report);
      case 'confirm':
        return await confirm(run, report);
      case 'await':
        return await giveUpWaiting(run, report);
    }
  } catch (error) {
    if (error instanceof ControlBuildError) return fail(error.message);
    throw error;
  }
}

/** The wait for the provider's result webhook is over and the job is still PENDING: it ends FAILED, saying so. */
async function giveUpWaiting(run: Run, report: Report): Promise<CatalogSyncRunOutcome> {
  const waitedMs = run.deps.settings.resultWaitMs ?? DEFAULT_RESULT_WAIT_MS;
  await stopAwaiting(run.deps.dataSource, run.job.tenantId, run.job.jobId);
  await report(
    'FAILED',
    `The provider accepted the change but sent no result within ${minutes(waitedMs)}.`,
    run.progress,
  );
  return 'FAILED';
}

function minutes(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.ceil(ms / 1000)} s`;
}

/**
 * A result webhook that is only a hint (docs/control-plane.md, "Asynchronous
 * results"): the awaiting job asks the provider now, with the progress it had.
 */
export async function askForResultNow(dataSource: DataSource, payload: Record<string, unknown>): Promise<void> {
  const parsed = parseCatalogSyncJob(payload);
  if ('problem' in parsed) throw new Error(`an awaited job's payload is unusable: ${parsed.problem}`);
  await requeue(dataSource, parsed.job, { ...progressSchema.parse(payload), phase: 'confirm' }, 0);
}

type Run = {
  deps: CatalogSyncDependencies;
  job: CatalogSyncJob;
  control: ProviderControl | undefined;
  capability: ControlCapability<ControlKind>;
  connection: ControlConnection;
  request: ControlRequest;
  progress: Progress;
  now: Date;
  log: Logger;
  resultWebhookUrl: string | null;
};
type Report = (status: CatalogSyncStatus, reason: string | null, state: Progress) => Promise<void>;

async function send(run: Run, report: Report): Promise<CatalogSyncRunOutcome> {
  const { deps, job, capability, progress } = run;
  const waitMs = await claimSendSlot(deps.dataSource, job, capability.minIntervalMs);
  if (waitMs > 0) {
    // Too early for the provider's limit: the same job, untouched, when the limit allows.
    await requeue(deps.dataSource, job, progress, waitMs);
    return 'WAITING';
  }
  const context = await contextFor(run);
  if (typeof context === 'string') return retryOrFail(run, report, progress, context, null);
  let state = progress;
  if (capability.lookup) {
    const looked = await lookupFor(run, context, capability.lookup);
    if ('sent' in looked) state = { ...state, attempts: state.attempts + 1, calls: [...state.calls, looked.sent] };
    if ('result' in looked) {
      if (looked.result === 'RETRY') return retryOrFail(run, report, state, looked.reason, looked.afterMs);
      await report('FAILED', looked.reason, state);
      return 'FAILED';
    }
    context.lookup = looked.value;
  }
  const calls = capability.build(run.request as never, run.connection, context);
  for (let step = progress.step; step < calls.length; step += 1) {
    const { answer, sent, refused } = await sendOne(deps, calls[step]!, run.now);
    state = { ...state, step, attempts: state.attempts + 1, calls: [...state.calls, sent].slice(-KEPT_CALLS) };
    if (refused) {
      await report('FAILED', refused, state);
      return 'FAILED';
    }
    if (!answer) return retryOrFail(run, report, state, `not delivered: ${String(sent.answer)}`, null);
    if (answer.status === 401 && context.token) {
      deps.tokens?.forget(job.connectionId);
      return retryOrFail(run, report, state, 'HTTP 401: the token was refused; a new one is asked for', null);
    }
    const outcome = capability.read(answer, step);
    switch (outcome.result) {
      case 'NEXT':
        continue;
      case 'FAILED':
        await report('FAILED', outcome.reason, state);
        return 'FAILED';
      case 'RETRY':
        return retryOrFail(run, report, state, outcome.reason, outcome.afterMs);
      case 'ACCEPTED': {
        const accepted = { ...state, phase: 'confirm' as const, reference: outcome.reference, step: 0 };
        // Where the provider's result webhook will find the job (the provider's own name for the change).
        const results = run.control?.results;
        const awaitedAs = results
          ? (results.awaitedAs?.(run.request, run.connection, outcome.reference) ?? outcome.reference)
          : null;
        if (awaitedAs) {
          await awaitResult(
            deps.dataSource,
            { tenantId: job.tenantId, connectionId: job.connectionId, reference: awaitedAs },
            { jobId: job.jobId, payload: { ...job, ...accepted } },
          );
        }
        if (capability.confirm) {
          await requeue(deps.dataSource, job, accepted, capability.confirm.afterMs);
          await report('PENDING', 'Accepted by the provider; asking for its result.', accepted);
        } else {
          const waitMs = deps.settings.resultWaitMs ?? DEFAULT_RESULT_WAIT_MS;
          await requeue(deps.dataSource, job, { ...accepted, phase: 'await' }, waitMs);
          await report(
            'PENDING',
            `Accepted by the provider; waiting up to ${minutes(waitMs)} for its result webhook.`,
            accepted,
          );
        }
        return 'WAITING';
      }
    }
  }
  await report('APPLIED', null, state);
  return 'APPLIED';
}

async function confirm(run: Run, report: Report): Promise<CatalogSyncRunOutcome> {
  const { deps, job, capability, progress } = run;
  const asking = capability.confirm;
  if (!asking) return 'WAITING';
  const context = await contextFor(run);
  if (typeof context === 'string') return retryOrFail(run, report, progress, context, null);
  const { answer, sent, refused } = await sendOne(
    deps,
    asking.call(run.request as never, run.connection, context, progress.reference),
    run.now,
  );
  const state = {
    ...progress,
    confirmations: progress.confirmations + 1,
    calls: [...progress.calls, sent].slice(-KEPT_CALLS),
  };
  if (refused) {
    await report('FAILED', refused, state);
    return 'FAILED';
  }
  const result = answer ? asking.read(answer, progress.reference) : ({ result: 'PENDING' } as const);
  switch (result.result) {
    case 'APPLIED':
      await stopAwaiting(deps.dataSource, job.tenantId, job.jobId);
      await report('APPLIED', null, state);
      return 'APPLIED';
    case 'FAILED':
      await stopAwaiting(deps.dataSource, job.tenantId, job.jobId);
      await report('FAILED', result.reason, state);
      return 'FAILED';
    case 'PENDING':
    case 'RETRY': {
      if (state.confirmations >= (deps.settings.maxConfirmations ?? DEFAULT_MAX_CONFIRMATIONS)) {
        await stopAwaiting(deps.dataSource, job.tenantId, job.jobId);
        await report('FAILED', 'The provider accepted the change but never said how it ended.', state);
        return 'FAILED';
      }
      const afterMs = result.result === 'RETRY' ? (result.afterMs ?? asking.afterMs) : asking.afterMs;
      await requeue(deps.dataSource, job, state, Math.max(afterMs, asking.afterMs));
      return 'WAITING';
    }
  }
}

/** Again after the provider's Retry-After (never sooner than its limit), else exponential backoff; FAILED once spent. */
async function retryOrFail(
  run: Run,
  report: Report,
  state: Progress,
  reason: string,
  afterMs: number | null,
): Promise<CatalogSyncRunOutcome> {
  const { deps, job, capability } = run;
  if (state.attempts >= deps.settings.maxAttempts) {
    await report('FAILED', `${reason} (gave up after ${state.attempts} calls)`, state);
    return 'FAILED';
  }
  const backoff = retryDelayMs(Math.max(1, state.attempts), deps.settings.backoff, deps.settings.random);
  const delayMs = Math.max(afterMs ?? backoff, capability.minIntervalMs);
  await requeue(deps.dataSource, job, state, delayMs);
  await report('PENDING', `${reason}; trying again in ${Math.ceil(delayMs / 1000)} s`, state);
  run.log.info({ reason, attempts: state.attempts, delayMs }, 'catalog sync retrying');
  return 'RETRYING';
}

/** What the capability reads before building (reused per connection and kind as long as it allows), or why not. */
async function lookupFor(
  run: Run,
  context: ControlContext,
  lookup: NonNullable<ControlCapability<ControlKind>['lookup']>,
): Promise<
  | { value: unknown; sent?: SentCall }
  | { result: 'RETRY'; reason: string; afterMs: number | null; sent?: SentCall }
  | { result: 'FAILED'; reason: string; sent?: SentCall }
> {
  const { deps, job, now } = run;
  const key = `${job.connectionId}:${job.kind}`;
  const held = deps.lookups?.get(key, now.getTime());
  if (held !== null && held !== undefined) return { value: JSON.parse(held) as unknown };
  const { answer, sent, refused } = await sendOne(deps, lookup.call(run.connection, context), now);
  if (refused) return { result: 'FAILED', reason: refused, sent };
  if (!answer) return { result: 'RETRY', reason: `not delivered: ${String(sent.answer)}`, afterMs: null, sent };
  const read = lookup.read(answer);
  if ('value' in read) {
    deps.lookups?.set(key, JSON.stringify(read.value), now.getTime() + lookup.reuseForMs);
    return { value: read.value, sent };
  }
  return { ...read, sent };
}

/** The token the provider wants (asked for once and reused), or why there is none. */
async function contextFor(run: Run): Promise<ControlContext | string> {
  const { deps, job, control, connection, now } = run;
  const base = { jobId: job.jobId, now, resultWebhookUrl: run.resultWebhookUrl };
  if (!control?.token) return { ...base, token: null };
  const held = deps.tokens?.get(job.connectionId, now.getTime());
  if (held) return { ...base, token: held };
  const token = control.token;
  const ask = async (): Promise<{ token: string } | string> => {
    const { answer } = await sendOne(deps, token.call(connection), now);
    if (!answer) return 'The token request was not delivered';
    const grant = token.read(answer);
    if ('problem' in grant) return grant.problem;
    deps.tokens?.set(job.connectionId, grant.token, now.getTime() + grant.reuseForMs);
    return { token: grant.token };
  };
  const granted = await (deps.tokens ? deps.tokens.once(job.connectionId, ask) : ask());
  return typeof granted === 'string' ? granted : { ...base, token: granted.token };
}

async function sendOne(
  deps: CatalogSyncDependencies,
  call: ControlCall,
  now: Date,
): Promise<{ answer: ControlAnswer | null; sent: SentCall; refused: string | null }> {
  const outcome = await deps.egress.send({
    method: call.method,
    url: call.url,
    headers: call.headers,
    ...(call.body === null ? {} : { body: call.body }),
    timeoutMs: deps.settings.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    readAnswerBytes: ANSWER_BYTES,
  });
  const sent: SentCall = {
    method: call.method,
    url: call.url,
    body: call.body === null ? null : jsonOrText(call.body),
    status: null,
    answer: null,
    at: now.toISOString(),
  };
  switch (outcome.kind) {
    case 'refused':
      return {
        answer: null,
        sent: { ...sent, answer: outcome.refusal.rule },
        refused: `refused by the egress policy: ${outcome.refusal.rule}`,
      };
    case 'failed':
      return { answer: null, sent: { ...sent, answer: outcome.reason }, refused: null };
    case 'answered': {
      const body = outcome.answer ? jsonOrText(outcome.answer.body) : null;
      return {
        answer: { status: outcome.status, body, retryAfter: outcome.answer?.retryAfter ?? null },
        sent: { ...sent, status: outcome.status, answer: body },
        refused: null,
      };
    }
  }
}

/** The canonical request as the capability takes it: a MENU job's menu read back, availability's options named. */
async function controlRequest(
  catalog: CatalogClient,
  tenantId: string,
  request: CatalogSyncRequest,
): Promise<ControlRequest> {
  switch (request.kind) {
    case 'MENU':
      return { kind: 'MENU', menu: await catalog.menu(tenantId, request.menuId) };
    case 'AVAILABILITY':
      return { ...request, optionItemIds: await catalog.optionItemIds(tenantId) };
    case 'STORE_STATUS':
    case 'BUSY_MODE':
    case 'OPENING_HOURS':
      return request;
  }
}

/**
 * Takes the connection's send slot for the kind if the provider's interval
 * has passed since the last send (one statement, so two workers never both
 * take it); otherwise answers how long to wait.
 */
async function claimSendSlot(dataSource: DataSource, job: CatalogSyncJob, minIntervalMs: number): Promise<number> {
  return inTenantTransaction(dataSource, { tenantId: job.tenantId }, async (manager) => {
    const claimed = (await manager.query(
      `insert into integrations.control_sends as s (tenant_id, connection_id, kind, last_sent_at)
       values ($1, $2, $3, clock_timestamp())
       on conflict (tenant_id, connection_id, kind) do update set last_sent_at = clock_timestamp()
         where s.last_sent_at <= clock_timestamp() - make_interval(secs => $4::double precision / 1000)
       returning 1`,
      [job.tenantId, job.connectionId, job.kind, minIntervalMs],
    )) as unknown[];
    if (claimed.length > 0) return 0;
    const [row] = (await manager.query(
      `select greatest(0, ceil(extract(epoch from (last_sent_at - clock_timestamp())) * 1000 + $4))::int as wait_ms
         from integrations.control_sends where tenant_id = $1 and connection_id = $2 and kind = $3`,
      [job.tenantId, job.connectionId, job.kind, minIntervalMs],
    )) as { wait_ms: number }[];
    return Math.max(1, row?.wait_ms ?? minIntervalMs);
  });
}

/**
 * The job again at `delayMs`, with its progress, under its own queue key: a
 * newer change of a whole-state kind still replaces it, as it would have
 * replaced the first run.
 */
async function requeue(
  dataSource: DataSource,
  job: CatalogSyncJob,
  progress: Progress,
  delayMs: number,
): Promise<void> {
  await inTenantTransaction(dataSource, { tenantId: job.tenantId }, (manager) =>
    manager.query(
      `select 1 from graphile_worker.add_job($1::text, $2::json, run_at => now() + make_interval(secs => $3::double precision / 1000),
         max_attempts => $4::smallint, job_key => $5::text, job_key_mode => 'replace')`,
      [
        CATALOG_SYNC_TASK,
        JSON.stringify({ ...job, ...progress }),
        delayMs,
        CATALOG_SYNC_JOB_MAX_ATTEMPTS,
        catalogSyncJobKey(job),
      ],
    ),
  );
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.length > KEPT_TEXT ? `${text.slice(0, KEPT_TEXT)}…` : text;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
