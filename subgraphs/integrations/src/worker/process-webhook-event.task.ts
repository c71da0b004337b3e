import { inTenantTransaction, type Logger } from '@nexara/kit';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { enqueueProviderCallback } from '@nexara/contracts';
import type { IntegrationEvents } from '../events/integration-events';
import type { IntegrationsMetrics } from '../metrics';
import type { CanonicalOrderEvent, InboundWebhook } from '../providers/adapter';
import { adapterFor } from '../providers/registry';
import { PayloadError } from '../providers/shared/errors';
import type { ConnectionDirectory, DirectoryConnection } from '../webhooks/connection-directory';
import {
  claimWebhookEvent,
  markWebhookEventProcessed,
  markWebhookEventStopped,
  scheduleWebhookEventRetry,
  type WebhookEventRecord,
} from '../webhooks/webhook-event.repository';
import { enqueueWebhookEvent } from '../webhooks/webhook-jobs';
import { retryDelayMs, type BackoffPolicy } from './backoff';
import { OrdersCallError, type AppliedOrder, type OrdersClient } from './orders-client';

export type WebhookProcessingSettings = {
  /** Attempts per retry budget before the event is DEAD (WEBHOOK_MAX_ATTEMPTS). */
  maxAttempts: number;
  backoff: BackoffPolicy;
  random?: () => number;
};

export type ProcessWebhookEventDependencies = {
  dataSource: DataSource;
  directory: Pick<ConnectionDirectory, 'findById'>;
  orders: OrdersClient;
  settings: WebhookProcessingSettings;
  logger: Logger;
  /** Every attempt changes its connection's health (processed, retrying, failed, dead). */
  events?: Pick<IntegrationEvents, 'connectionHealthMayHaveChanged'>;
  /** Attempts by outcome and the lag from receipt on `/metrics`. */
  metrics?: Pick<IntegrationsMetrics, 'processed' | 'processingLag'>;
};

/** What one run did, for logs and tests. */
export type ProcessingOutcome = 'PROCESSED' | 'FAILED' | 'RETRYING' | 'DEAD' | 'SKIPPED';

const jobSchema = z.object({ tenantId: z.guid(), eventId: z.guid() });

/**
 * `process_webhook_event`: one attempt at a stored delivery. The adapter
 * parses the stored bytes into canonical events, each applied through the
 * orders subgraph's `applyProviderOrderEvent` (idempotent per connection and
 * event key, so running an event again, after a crash or a replay, changes
 * nothing twice). A payload that can never be processed is FAILED at once;
 * anything that can heal is retried with backoff and jitter until the retry
 * budget is spent, then the event is DEAD.
 *
 * Errors of our own database are thrown: graphile-worker then runs the job
 * again later (its own retries), and the event, still PROCESSING, is taken again.
 */
export async function processWebhookEvent(
  deps: ProcessWebhookEventDependencies,
  payload: unknown,
): Promise<ProcessingOutcome> {
  const parsed = jobSchema.safeParse(payload);
  if (!parsed.success) {
    deps.logger.error(
      { problem: z.prettifyError(parsed.error) },
      'process_webhook_event job with an unusable payload dropped',
    );
    return 'SKIPPED';
  }
  const { tenantId, eventId } = parsed.data;
  const event = await inTenantTransaction(deps.dataSource, { tenantId }, (manager) =>
    claimWebhookEvent(manager, tenantId, eventId),
  );
  // Processed, failed, dead or gone since the job was queued: nothing to do.
  if (!event) return 'SKIPPED';
  try {
    const outcome = await processClaimedEvent(deps, event);
    deps.metrics?.processed.inc({ provider: event.provider, outcome: outcome.toLowerCase() });
    deps.metrics?.processingLag.observe({ provider: event.provider }, (Date.now() - event.receivedAt.getTime()) / 1000);
    return outcome;
  } finally {
    // After the attempt's outcome committed (or not: a thrown database error leaves it PROCESSING).
    deps.events?.connectionHealthMayHaveChanged(tenantId, event.connectionId);
  }
}

async function processClaimedEvent(
  deps: ProcessWebhookEventDependencies,
  event: WebhookEventRecord,
): Promise<ProcessingOutcome> {
  const { tenantId, id: eventId } = event;
  const log = deps.logger.child({ tenantId, eventId, provider: event.provider, attempt: event.attempts });

  const connection = await deps.directory.findById(tenantId, event.connectionId);
  if (!connection)
    return stop(deps, event, 'FAILED', 'The provider connection of this delivery no longer exists.', [], log);

  let canonical: CanonicalOrderEvent[];
  try {
    canonical = adapterFor(event.provider).parse(inboundOf(event), connection);
  } catch (error) {
    // parse is pure: what it cannot read now it will never read.
    const reason = error instanceof PayloadError ? error.reason : `The payload could not be read: ${messageOf(error)}`;
    return stop(deps, event, 'FAILED', reason, [], log);
  }

  const orderIds: string[] = [];
  try {
    for (const fact of canonical) {
      const applied = await deps.orders.applyProviderOrderEvent(tenantId, {
        ...fact,
        connectionId: connection.id,
        provider: connection.provider,
      });
      if (applied.order) orderIds.push(applied.order.id);
      // DUPLICATE on a later attempt may mean an earlier one created the order and then died:
      // the follow-ups below are safe to repeat (auto-accept is idempotent, the callback job keyed).
      const placedNow = applied.outcome === 'CREATED' || (applied.outcome === 'DUPLICATE' && event.attempts > 1);
      if (fact.kind === 'ORDER_PLACED' && placedNow && applied.order) {
        await followUpNewOrder(deps, connection, applied.order);
      }
    }
  } catch (error) {
    if (error instanceof OrdersCallError && error.kind === 'PERMANENT') {
      return stop(deps, event, 'FAILED', error.message, orderIds, log);
    }
    return retryOrBury(deps, event, messageOf(error), orderIds, log);
  }

  await inTenantTransaction(deps.dataSource, { tenantId }, (manager) =>
    markWebhookEventProcessed(manager, tenantId, eventId, orderIds),
  );
  log.debug({ orders: orderIds.length }, 'webhook event processed');
  return 'PROCESSED';
}

/**
 * A new order just made it into Nexara: Deliveroo wants to hear that
 * (`sync_status`), and a connection with auto-accept accepts it now (the
 * orders subgraph then queues the ACCEPTED callback itself).
 */
async function followUpNewOrder(
  deps: ProcessWebhookEventDependencies,
  connection: DirectoryConnection,
  order: AppliedOrder,
): Promise<void> {
  if (connection.provider === 'DELIVEROO') {
    await inTenantTransaction(deps.dataSource, { tenantId: connection.tenantId }, (manager) =>
      enqueueProviderCallback(manager, {
        tenantId: connection.tenantId,
        orderId: order.id,
        connectionId: connection.id,
        provider: connection.provider,
        externalId: order.externalId,
        placedAt: new Date(order.placedAt).toISOString(),
        action: { kind: 'RECEIVED' },
      }),
    );
  }
  if (connection.autoAccept && order.status === 'RECEIVED') {
    await deps.orders.autoAcceptOrder(connection.tenantId, order.id);
  }
}

async function retryOrBury(
  deps: ProcessWebhookEventDependencies,
  event: WebhookEventRecord,
  reason: string,
  orderIds: readonly string[],
  log: Logger,
): Promise<ProcessingOutcome> {
  const spent = event.attempts - event.attemptsAtReplay;
  if (spent >= deps.settings.maxAttempts) {
    return stop(deps, event, 'DEAD', `${reason} (gave up after ${spent} attempts)`, orderIds, log);
  }
  const delayMs = retryDelayMs(spent, deps.settings.backoff, deps.settings.random);
  await inTenantTransaction(deps.dataSource, { tenantId: event.tenantId }, async (manager) => {
    const runAt = await scheduleWebhookEventRetry(manager, event.tenantId, event.id, reason, delayMs, orderIds);
    await enqueueWebhookEvent(manager, { tenantId: event.tenantId, eventId: event.id }, runAt);
  });
  log.info({ delayMs, reason }, 'webhook event failed; retrying');
  return 'RETRYING';
}

async function stop(
  deps: ProcessWebhookEventDependencies,
  event: WebhookEventRecord,
  status: 'FAILED' | 'DEAD',
  reason: string,
  orderIds: readonly string[],
  log: Logger,
): Promise<ProcessingOutcome> {
  await inTenantTransaction(deps.dataSource, { tenantId: event.tenantId }, async (manager) => {
    await markWebhookEventStopped(manager, event.tenantId, event.id, status, reason, orderIds);
    // Same transaction: the provider hears of the failure exactly when the event is given up on.
    const failedOrderId = orderIds.length ? null : adapterFor(event.provider).failedOrderId?.(inboundOf(event));
    if (failedOrderId) {
      await enqueueProviderCallback(manager, {
        tenantId: event.tenantId,
        orderId: null,
        webhookEventId: event.id,
        connectionId: event.connectionId,
        provider: event.provider,
        externalId: failedOrderId,
        placedAt: event.receivedAt.toISOString(),
        action: { kind: 'RECEIVE_FAILED', reason: reason.slice(0, 1_000) },
      });
    }
  });
  log.warn({ status, reason }, status === 'DEAD' ? 'webhook event is dead' : 'webhook event failed for good');
  return status;
}

/** The stored delivery, as the adapter saw it when it arrived. */
function inboundOf(event: WebhookEventRecord): InboundWebhook {
  return {
    provider: event.provider,
    method: event.method,
    subPath: event.subPath,
    headers: event.headers,
    rawBody: event.body,
    receivedAt: event.receivedAt,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
