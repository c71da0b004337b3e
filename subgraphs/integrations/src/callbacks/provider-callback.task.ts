import { inTenantTransaction, type Logger } from '@nexara/kit';
import type { DataSource } from 'typeorm';
import type { IntegrationEvents } from '../events/integration-events';
import { insertCallbackOutcome, type CallbackOutcomeRow } from '../health/connection-health.repository';
import { adapterFor, type OutboundCall } from '@nexara/providers';
import type { ConnectionDirectory } from '../webhooks/connection-directory';
import { recordProviderNotice } from '../webhooks/webhook-event.repository';
import { retryDelayMs, type BackoffPolicy } from '../retry/backoff';
import type { OrdersClient } from '../orders-client/orders-client';
import type { CallbackSender } from './callback-sender';
import {
  enqueueProviderCallback,
  parseProviderCallbackJob,
  type CallbackOutcome,
  type PendingCallbackReport,
  type ProviderCallbackJob,
} from '@nexara/contracts';

export type ProviderCallbackSettings = {
  /** Calls to the provider before the callback is FAILED (CALLBACK_MAX_ATTEMPTS). */
  maxAttempts: number;
  backoff: BackoffPolicy;
  random?: () => number;
  timeoutMs?: number;
};

export type ProviderCallbackDependencies = {
  dataSource: DataSource;
  directory: Pick<ConnectionDirectory, 'findById'>;
  orders: Pick<OrdersClient, 'recordProviderCallback'>;
  settings: ProviderCallbackSettings;
  logger: Logger;
  /** Every call goes out through the egress policy (`callbackSender(egress)`). */
  send: CallbackSender;
  now?: () => Date;
  /** Final outcomes are kept per connection (the callbacks-failing alert reads them) and change its health. */
  events?: Pick<IntegrationEvents, 'connectionHealthMayHaveChanged'>;
  /** Keeps a final outcome for alerts; by default in a transaction of its own (the worker batches them). */
  keepOutcome?: (row: CallbackOutcomeRow) => Promise<void>;
};

/** What one run of the task did, for logs and tests. */
export type ProviderCallbackRunOutcome = CallbackOutcome | 'REPORT_RETRYING' | 'DROPPED';

/**
 * `provider_callback`: tells the provider what the restaurant decided,
 * through the adapter's call (signed or authenticated with the connection's
 * current secret). 2xx -> DELIVERED; a provider without such a call ->
 * NOT_SUPPORTED; a failure -> RETRYING and queued again with backoff and
 * jitter until the last attempt -> FAILED. Every outcome is recorded on the
 * order through the orders subgraph (on the webhook event, for a delivery
 * that never became an order). Never logs a header or a body.
 */
export async function runProviderCallback(
  deps: ProviderCallbackDependencies,
  payload: unknown,
): Promise<ProviderCallbackRunOutcome> {
  const parsed = parseProviderCallbackJob(payload);
  if ('problem' in parsed) {
    deps.logger.error({ problem: parsed.problem }, 'provider_callback job with an unusable payload dropped');
    return 'DROPPED';
  }
  const { job } = parsed;
  const log = deps.logger.child({
    tenantId: job.tenantId,
    orderId: job.orderId,
    action: job.action.kind,
    provider: job.provider,
  });
  if (job.report) return report(deps, job, job.report, log);

  const attempt = (job.attempt ?? 0) + 1;
  const connection = await deps.directory.findById(job.tenantId, job.connectionId);
  if (!connection) {
    return report(deps, job, final('FAILED', 0, null, 'The provider connection of this order no longer exists.'), log);
  }
  const now = (deps.now ?? (() => new Date()))();
  let call: OutboundCall | null;
  try {
    call = adapterFor(job.provider).buildCallback(
      job.action,
      { id: job.orderId ?? job.webhookEventId!, externalId: job.externalId, placedAt: new Date(job.placedAt) },
      connection,
      now,
    );
  } catch (error) {
    // Building is pure: what fails once (no secret, an id the provider cannot take) fails every time.
    return report(deps, job, final('FAILED', 0, null, `The call could not be built: ${messageOf(error)}`), log);
  }
  if (!call) return report(deps, job, final('NOT_SUPPORTED', 0, null, null), log);

  const response = await deps.send(call, deps.settings.timeoutMs);
  if (response.ok) return report(deps, job, final('DELIVERED', attempt, response.status, null), log);
  if (response.refused) {
    log.warn({ attempt, detail: response.detail }, 'provider callback refused by the egress policy');
    return report(deps, job, final('FAILED', attempt, null, response.detail), log);
  }
  if (attempt >= deps.settings.maxAttempts) {
    return report(deps, job, final('FAILED', attempt, response.status, response.detail), log);
  }

  // Queue the next try first: it must happen even if the order cannot be told about this one.
  const delayMs = retryDelayMs(attempt, deps.settings.backoff, deps.settings.random);
  await inTenantTransaction(deps.dataSource, { tenantId: job.tenantId }, (manager) =>
    enqueueProviderCallback(manager, withoutReport({ ...job, attempt }), new Date(Date.now() + delayMs)),
  );
  log.info({ attempt, status: response.status, delayMs }, 'provider callback failed; retrying');
  try {
    await record(deps, job, { outcome: 'RETRYING', attempt, httpStatus: response.status, detail: response.detail });
  } catch (error) {
    log.warn({ err: messageOf(error) }, 'could not record a callback retry on the order');
  }
  return 'RETRYING';
}

function final(
  outcome: PendingCallbackReport['outcome'],
  attempt: number,
  httpStatus: number | null,
  detail: string | null,
): PendingCallbackReport {
  return { outcome, attempt, httpStatus, detail, tries: 0 };
}

/**
 * Records a final outcome on the order. If orders cannot be reached, the
 * report alone is queued again with backoff (the provider is not called
 * again) until it has been tried as often as a call would be.
 */
async function report(
  deps: ProviderCallbackDependencies,
  job: ProviderCallbackJob,
  outcome: PendingCallbackReport,
  log: Logger,
): Promise<ProviderCallbackRunOutcome> {
  // Once per outcome: a report retried because orders was unreachable (tries > 0) was kept already.
  if (outcome.tries === 0) await keepOutcomeForAlerts(deps, job, outcome, log);
  try {
    await record(deps, job, outcome);
    log.info(
      { outcome: outcome.outcome, attempt: outcome.attempt, status: outcome.httpStatus },
      'provider callback done',
    );
    return outcome.outcome;
  } catch (error) {
    const tries = outcome.tries + 1;
    if (tries >= deps.settings.maxAttempts) {
      log.error(
        { err: messageOf(error), outcome: outcome.outcome, tries },
        'gave up recording a provider callback outcome',
      );
      return 'DROPPED';
    }
    const delayMs = retryDelayMs(tries, deps.settings.backoff, deps.settings.random);
    await inTenantTransaction(deps.dataSource, { tenantId: job.tenantId }, (manager) =>
      enqueueProviderCallback(manager, { ...job, report: { ...outcome, tries } }, new Date(Date.now() + delayMs)),
    );
    log.warn(
      { err: messageOf(error), outcome: outcome.outcome, tries, delayMs },
      'could not record a callback outcome; retrying',
    );
    return 'REPORT_RETRYING';
  }
}

/** On the order's timeline (through the orders subgraph), or on the webhook event when there is no order. */
async function record(
  deps: ProviderCallbackDependencies,
  job: ProviderCallbackJob,
  outcome: Pick<PendingCallbackReport, 'attempt' | 'httpStatus' | 'detail'> & { outcome: CallbackOutcome },
): Promise<void> {
  if (job.orderId === null) {
    const eventId = job.webhookEventId!;
    const detail = outcome.detail ?? (outcome.httpStatus === null ? null : `HTTP ${outcome.httpStatus}`);
    await inTenantTransaction(deps.dataSource, { tenantId: job.tenantId }, (manager) =>
      recordProviderNotice(manager, job.tenantId, eventId, outcome.outcome, detail),
    );
    return;
  }
  await deps.orders.recordProviderCallback(job.tenantId, {
    orderId: job.orderId,
    action: job.action.kind,
    outcome: outcome.outcome,
    attempt: outcome.attempt,
    httpStatus: outcome.httpStatus,
    detail: outcome.detail,
  });
}

/** DELIVERED and FAILED, per connection; never fails the job (the provider must not be called again for it). */
async function keepOutcomeForAlerts(
  deps: ProviderCallbackDependencies,
  job: ProviderCallbackJob,
  outcome: PendingCallbackReport,
  log: Logger,
): Promise<void> {
  if (outcome.outcome !== 'DELIVERED' && outcome.outcome !== 'FAILED') return;
  try {
    const row: CallbackOutcomeRow = {
      tenantId: job.tenantId,
      connectionId: job.connectionId,
      orderId: job.orderId,
      action: job.action.kind,
      outcome: outcome.outcome,
      attempt: outcome.attempt,
      httpStatus: outcome.httpStatus,
    };
    await (deps.keepOutcome
      ? deps.keepOutcome(row)
      : inTenantTransaction(deps.dataSource, { tenantId: job.tenantId }, (manager) =>
          insertCallbackOutcome(manager, row),
        ));
    deps.events?.connectionHealthMayHaveChanged(job.tenantId, job.connectionId);
  } catch (error) {
    log.warn({ err: messageOf(error) }, 'could not keep a callback outcome for alerts');
  }
}

function withoutReport(job: ProviderCallbackJob): ProviderCallbackJob {
  const { report: _report, ...rest } = job;
  return rest;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
