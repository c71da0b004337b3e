import { inSpan, inTenantTransaction, linkTo, traceContextOf, type Logger } from '@nexara/kit';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { enqueueProviderCallback, enqueueProviderCallbacks } from '@nexara/contracts';
import type { IntegrationEvents } from '../events/integration-events';
import type { IntegrationsMetrics } from '../metrics';
import {
  adapterFor,
  PayloadError,
  providerDefinition,
  type CanonicalOrderEvent,
  type InboundWebhook,
} from '@nexara/providers';
import type { ConnectionDirectory, DirectoryConnection } from '../webhooks/connection-directory';
import {
  claimWebhookEvents,
  markWebhookEventsProcessed,
  markWebhookEventStopped,
  scheduleWebhookEventRetry,
  type WebhookEventRecord,
} from '../webhooks/webhook-event.repository';
import { enqueueWebhookEvent } from '../webhooks/webhook-jobs';
import type { CatalogClient } from '../control/catalog-client';
import { settleControlResult } from '../control/control-results';
import type { MenuCheck } from './menu-check';
import { retryDelayMs, type BackoffPolicy } from '../retry/backoff';
import {
  OrdersCallError,
  type AppliedOrder,
  type ApplyProviderOrderEventResult,
  type BatchedEventResult,
  type OrdersClient,
} from '../orders-client/orders-client';

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
  /** Where a provider's control result is reported (CATALOG_URL); null: results are retried until it is set. */
  catalog?: CatalogClient | null;
  /** Checks each new order against its branch's menu (CATALOG_URL); null: orders carry no menu warnings. */
  menuCheck?: MenuCheck | null;
};

/** What one run did, for logs and tests. */
export type ProcessingOutcome = 'PROCESSED' | 'FAILED' | 'RETRYING' | 'DEAD' | 'SKIPPED';

const jobSchema = z.object({
  tenantId: z.guid(),
  eventId: z.guid(),
  trace: z.record(z.string(), z.string()).optional(),
});

/**
 * `process_webhook_event`: one attempt at a stored delivery. The adapter
 * parses the stored bytes into canonical events, each applied through the
 * orders subgraph (idempotent per connection and event key, so running an
 * event again, after a crash or a replay, changes nothing twice). A payload
 * that can never be processed is FAILED at once; anything that can heal is
 * retried with backoff and jitter until the retry budget is spent, then the
 * event is DEAD.
 *
 * Errors of our own database are thrown: graphile-worker then runs the job
 * again later (its own retries), and the event, still PROCESSING, is taken again.
 */
export async function processWebhookEvent(
  deps: ProcessWebhookEventDependencies,
  payload: unknown,
): Promise<ProcessingOutcome> {
  const [outcome] = await processWebhookEvents(deps, [payload]);
  return outcome!;
}

/**
 * Many jobs' events at once (see `WebhookBatcher`), one outcome per payload
 * in order. Per tenant: one statement claims them all, one
 * `applyProviderOrderEvents` call applies every fact of every event in one
 * transaction of the orders subgraph (oldest delivery first, so one order's
 * facts keep their order), and one statement marks the processed ones. An
 * event whose fact is refused, or whose order is not there yet, fails or is
 * retried alone: the others of its batch are not held back by it.
 */
export async function processWebhookEvents(
  deps: ProcessWebhookEventDependencies,
  payloads: readonly unknown[],
): Promise<ProcessingOutcome[]> {
  // One span for the batch, continuing the trace of its first delivery (one delivery alone: its own trace)
  // and linked to the traces of the others (docs/operations.md, "Traces").
  const traces = payloads.map(
    (payload) => jobSchema.shape.trace.safeParse((payload as { trace?: unknown })?.trace).data,
  );
  return inSpan(
    'process_webhook_event',
    {
      parent: traceContextOf(traces[0]),
      links: traces.slice(1).flatMap((carrier) => linkTo(carrier) ?? []),
      attributes: { 'nexara.jobs': payloads.length },
    },
    () => processJobs(deps, payloads),
  );
}

async function processJobs(
  deps: ProcessWebhookEventDependencies,
  payloads: readonly unknown[],
): Promise<ProcessingOutcome[]> {
  const outcomes: ProcessingOutcome[] = payloads.map(() => 'SKIPPED');
  const byTenant = new Map<string, { index: number; eventId: string }[]>();
  payloads.forEach((payload, index) => {
    const parsed = jobSchema.safeParse(payload);
    if (!parsed.success) {
      deps.logger.error(
        { problem: z.prettifyError(parsed.error) },
        'process_webhook_event job with an unusable payload dropped',
      );
      return;
    }
    const jobs = byTenant.get(parsed.data.tenantId) ?? [];
    jobs.push({ index, eventId: parsed.data.eventId });
    byTenant.set(parsed.data.tenantId, jobs);
  });
  await Promise.all(
    [...byTenant].map(async ([tenantId, jobs]) => {
      const results = await inSpan(
        'webhook.events',
        { attributes: { 'nexara.tenant_id': tenantId, 'nexara.events': jobs.length } },
        () =>
          processTenantEvents(
            deps,
            tenantId,
            jobs.map((job) => job.eventId),
          ),
      );
      for (const job of jobs) outcomes[job.index] = results.get(job.eventId) ?? 'SKIPPED';
    }),
  );
  return outcomes;
}

type ParsedEvent = {
  event: WebhookEventRecord;
  connection: DirectoryConnection;
  facts: CanonicalOrderEvent[];
  /** Sent by the dashboard's "Send test webhook": its order is a test order. */
  test: boolean;
};

async function processTenantEvents(
  deps: ProcessWebhookEventDependencies,
  tenantId: string,
  eventIds: readonly string[],
): Promise<Map<string, ProcessingOutcome>> {
  const outcomes = new Map<string, ProcessingOutcome>();
  const claimed = await inTenantTransaction(deps.dataSource, { tenantId }, (manager) =>
    claimWebhookEvents(manager, tenantId, [...new Set(eventIds)]),
  );
  // Processed, failed, dead or gone since their jobs were queued: nothing to do (SKIPPED).
  if (claimed.length === 0) return outcomes;
  try {
    const parsed: ParsedEvent[] = [];
    for (const event of claimed) {
      const connection = await deps.directory.findById(tenantId, event.connectionId);
      if (!connection) {
        const reason = 'The provider connection of this delivery no longer exists.';
        outcomes.set(event.id, await stop(deps, event, 'FAILED', reason, [], logFor(deps, event)));
        continue;
      }
      const results = providerDefinition(event.provider).control?.results;
      if (results?.matches(inboundOf(event))) {
        // A menu upload's (or catalog import's) result, not an order: it goes to the sync job awaiting it.
        outcomes.set(event.id, await applyControlResult(deps, event, connection, logFor(deps, event)));
        continue;
      }
      try {
        const facts = parseInSpan(event, connection);
        parsed.push({ event, connection, facts, test: event.test });
      } catch (error) {
        // parse is pure: what it cannot read now it will never read.
        const reason =
          error instanceof PayloadError ? error.reason : `The payload could not be read: ${messageOf(error)}`;
        outcomes.set(event.id, await stop(deps, event, 'FAILED', reason, [], logFor(deps, event)));
      }
    }
    const processed: { id: string; orderIds: string[] }[] = [];
    for (const chunk of chunksOf(parsed, MAX_FACTS_PER_CALL)) {
      const applied = await applyFacts(deps, tenantId, chunk);
      const accepted: { event: WebhookEventRecord; connection: DirectoryConnection; newOrders: AppliedOrder[] }[] = [];
      for (const { event, connection, facts } of chunk) {
        const results = applied.get(event.id)!;
        const orderIds = results.flatMap((result) => ('order' in result && result.order ? [result.order.id] : []));
        const refused = results.find((result): result is { error: OrdersCallError } => 'error' in result);
        if (refused) {
          outcomes.set(
            event.id,
            refused.error.kind === 'PERMANENT'
              ? await stop(deps, event, 'FAILED', refused.error.message, orderIds, logFor(deps, event))
              : await retryOrBury(deps, event, refused.error.message, orderIds, logFor(deps, event)),
          );
          continue;
        }
        // DUPLICATE on a later attempt may mean an earlier one created the order and then died:
        // the follow-ups below are safe to repeat (auto-accept is idempotent, the callback job keyed).
        const newOrders = facts.flatMap((fact, i) => {
          const result = results[i] as ApplyProviderOrderEventResult;
          const placedNow = result.outcome === 'CREATED' || (result.outcome === 'DUPLICATE' && event.attempts > 1);
          return fact.kind === 'ORDER_PLACED' && placedNow && result.order ? [result.order] : [];
        });
        accepted.push({ event, connection, newOrders });
      }
      // Every new order's RECEIVED callback of the chunk in one transaction (one commit, not one per order).
      const noticed = await enqueueReceivedCallbacks(deps, tenantId, accepted);
      for (const { event, connection, newOrders } of accepted) {
        const orderIds = applied
          .get(event.id)!
          .flatMap((result) => ('order' in result && result.order ? [result.order.id] : []));
        try {
          // Only the events whose callbacks were in it are retried for a failed enqueue.
          if (noticed && providerDefinition(connection.provider).confirmsReceipts && newOrders.length) throw noticed;
          for (const order of newOrders) await autoAcceptNewOrder(deps, connection, order);
        } catch (error) {
          outcomes.set(event.id, await retryOrBury(deps, event, messageOf(error), orderIds, logFor(deps, event)));
          continue;
        }
        processed.push({ id: event.id, orderIds });
      }
    }
    await inTenantTransaction(deps.dataSource, { tenantId }, (manager) =>
      markWebhookEventsProcessed(manager, tenantId, processed),
    );
    for (const { id } of processed) outcomes.set(id, 'PROCESSED');
    deps.logger.debug({ tenantId, events: processed.length }, 'webhook events processed');
    return outcomes;
  } finally {
    for (const event of claimed) {
      const outcome = outcomes.get(event.id);
      if (!outcome) continue; // a thrown database error: no outcome recorded
      deps.metrics?.processed.inc({ provider: event.provider, outcome: outcome.toLowerCase() });
      deps.metrics?.processingLag.observe(
        { provider: event.provider },
        (Date.now() - event.receivedAt.getTime()) / 1000,
      );
    }
    // After the attempts' outcomes committed (or not: a thrown database error leaves them PROCESSING).
    for (const connectionId of new Set(claimed.map((event) => event.connectionId))) {
      deps.events?.connectionHealthMayHaveChanged(tenantId, connectionId);
    }
  }
}

/** A provider's asynchronous result (docs/control-plane.md, "Asynchronous results"), settled on its sync job. */
async function applyControlResult(
  deps: ProcessWebhookEventDependencies,
  event: WebhookEventRecord,
  connection: DirectoryConnection,
  log: Logger,
): Promise<ProcessingOutcome> {
  const inbound = inboundOf(event);
  let settled;
  try {
    const result = providerDefinition(event.provider).control!.results!.read(inbound);
    settled = await settleControlResult(
      { dataSource: deps.dataSource, catalog: deps.catalog ?? null },
      connection,
      { ...inbound, eventId: event.id },
      result,
    );
  } catch (error) {
    if (error instanceof PayloadError) return stop(deps, event, 'FAILED', error.reason, [], log);
    throw error;
  }
  switch (settled.outcome) {
    case 'FAILED':
      return stop(deps, event, 'FAILED', settled.reason, [], log);
    case 'RETRY':
      return retryOrBury(deps, event, settled.reason, [], log);
    case 'SETTLED':
      await inTenantTransaction(deps.dataSource, { tenantId: event.tenantId }, (manager) =>
        markWebhookEventsProcessed(manager, event.tenantId, [{ id: event.id, orderIds: [] }]),
      );
      log.info({ jobId: settled.jobId }, 'control result settled');
      return 'PROCESSED';
  }
}

/** The adapter's reading of a stored delivery, as a span of its own (`adapter.parse`, by provider). */
function parseInSpan(event: WebhookEventRecord, connection: DirectoryConnection): CanonicalOrderEvent[] {
  return inSpan(
    'adapter.parse',
    { attributes: { 'nexara.provider': event.provider, 'nexara.event_id': event.id } },
    (span) => {
      const facts = adapterFor(event.provider).parse(inboundOf(event), connection);
      span.setAttribute('nexara.facts', facts.length);
      return facts;
    },
  );
}

/** Facts per `applyProviderOrderEvents` call (its limit is 500). */
const MAX_FACTS_PER_CALL = 400;

/** Splits events into groups whose facts fit one call (an event's facts are never split). */
function chunksOf(events: readonly ParsedEvent[], maxFacts: number): ParsedEvent[][] {
  const chunks: ParsedEvent[][] = [];
  let current: ParsedEvent[] = [];
  let facts = 0;
  for (const event of events) {
    if (current.length && facts + event.facts.length > maxFacts) {
      chunks.push(current);
      current = [];
      facts = 0;
    }
    current.push(event);
    facts += event.facts.length;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** Every fact of `events` in one call; per event, its facts' results (a failed call fails each of them alike). */
async function applyFacts(
  deps: ProcessWebhookEventDependencies,
  tenantId: string,
  events: readonly ParsedEvent[],
): Promise<Map<string, BatchedEventResult[]>> {
  const inputs = await Promise.all(
    events.flatMap(({ connection, facts, test }) =>
      facts.map(async (fact) => {
        // Never throws: a catalog that does not answer leaves the order without warnings (docs/control-plane.md).
        const menuWarnings =
          fact.kind === 'ORDER_PLACED' && deps.menuCheck
            ? await deps.menuCheck.warningsFor(connection, fact.order)
            : [];
        return {
          ...fact,
          connectionId: connection.id,
          provider: connection.provider,
          ...(test ? { test: true } : {}),
          ...(menuWarnings.length ? { menuWarnings } : {}),
        };
      }),
    ),
  );
  let results: BatchedEventResult[];
  try {
    results = inputs.length ? await deps.orders.applyProviderOrderEvents(tenantId, inputs) : [];
  } catch (error) {
    const failure = error instanceof OrdersCallError ? error : new OrdersCallError('TRANSIENT', null, messageOf(error));
    results = inputs.map(() => ({ error: failure }));
  }
  const byEvent = new Map<string, BatchedEventResult[]>();
  let next = 0;
  for (const { event, facts } of events) {
    byEvent.set(event.id, results.slice(next, next + facts.length));
    next += facts.length;
  }
  return byEvent;
}

/**
 * An event's own logger, made only where its outcome is logged: a pino child
 * serializes its bindings when made, and one per event on every pass of a
 * batch was 16 µs an event (330 ms of the worker's CPU over a drain of
 * 20,500 events, profiled with `npm run bench -- --profile`).
 */
function logFor(deps: ProcessWebhookEventDependencies, event: WebhookEventRecord): Logger {
  return deps.logger.child({
    tenantId: event.tenantId,
    eventId: event.id,
    provider: event.provider,
    attempt: event.attempts,
  });
}

/**
 * New orders just made it into Nexara: a provider that confirms receipts
 * wants to hear that. All of a chunk's in one statement and one transaction
 * (one `add_job` per order was about a tenth of PostgreSQL's statement time
 * in a profiled `npm run bench` endToEnd run, 5 ms each); answers the error
 * instead of throwing it, so each of those events is retried (the jobs are
 * keyed: queuing one again changes nothing).
 */
async function enqueueReceivedCallbacks(
  deps: ProcessWebhookEventDependencies,
  tenantId: string,
  events: readonly { connection: DirectoryConnection; newOrders: readonly AppliedOrder[] }[],
): Promise<Error | null> {
  const callbacks = events.flatMap(({ connection, newOrders }) =>
    providerDefinition(connection.provider).confirmsReceipts ? newOrders.map((order) => ({ connection, order })) : [],
  );
  if (callbacks.length === 0) return null;
  try {
    await inTenantTransaction(deps.dataSource, { tenantId }, (manager) =>
      enqueueProviderCallbacks(
        manager,
        callbacks.map(({ connection, order }) => ({
          tenantId: connection.tenantId,
          orderId: order.id,
          connectionId: connection.id,
          provider: connection.provider,
          externalId: order.externalId,
          placedAt: new Date(order.placedAt).toISOString(),
          action: { kind: 'RECEIVED' as const },
        })),
      ),
    );
    return null;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** A connection with auto-accept accepts its new orders now (the orders subgraph then queues the ACCEPTED callback itself). */
async function autoAcceptNewOrder(
  deps: ProcessWebhookEventDependencies,
  connection: DirectoryConnection,
  order: AppliedOrder,
): Promise<void> {
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
    // The retry continues this attempt's trace (the job carries the active span's context).
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
