import { inTenantTransaction, type Logger } from '@nexara/kit';
import type { DataSource } from 'typeorm';
import { requeueStaleWebhookEvent, staleWebhookEventIds } from '../webhooks/webhook-event.repository';
import { enqueueWebhookEvent } from '../webhooks/webhook-jobs';

const BATCH = 100;

/**
 * Puts back in the queue the events a dead worker left PROCESSING.
 *
 * graphile-worker 0.17 frees the job of a worker killed mid-run only after
 * its fixed 4-hour lock timeout. Our own record knows better: an event
 * PROCESSING for longer than `staleAfterMs` (far longer than one attempt can
 * take: every call in it times out after 10 s) has lost its worker. Adding
 * its job again under the same key retires the abandoned, locked one
 * (graphile clears its key and spends its attempts) and queues a fresh one,
 * so recovery takes `staleAfterMs` plus one sweep interval. An event still
 * QUEUED is rescued the same way when its job is lost (gone, or taken by a
 * worker longer ago than the limit), never for waiting its turn in a long
 * backlog (integrations.stale_webhook_events). Running the
 * event again is safe: orders applies each provider event once. Several
 * workers may sweep at once; the conditional update lets one of them win.
 */
export async function sweepStaleWebhookEvents(deps: {
  dataSource: DataSource;
  staleAfterMs: number;
  logger: Logger;
}): Promise<number> {
  const stale = await inTenantTransaction(deps.dataSource, { tenantId: null }, (manager) =>
    staleWebhookEventIds(manager, deps.staleAfterMs, BATCH),
  );
  let requeued = 0;
  for (const { tenantId, id } of stale) {
    const taken = await inTenantTransaction(deps.dataSource, { tenantId }, async (manager) => {
      if (!(await requeueStaleWebhookEvent(manager, tenantId, id, deps.staleAfterMs))) return false;
      await enqueueWebhookEvent(manager, { tenantId, eventId: id });
      return true;
    });
    if (taken) requeued += 1;
  }
  if (requeued > 0) deps.logger.warn({ requeued }, 'webhook events abandoned by a stopped worker queued again');
  return requeued;
}
