import { currentTraceContext } from '@nexara/kit';
import type { EntityManager } from 'typeorm';

/** The graphile-worker task that processes one stored delivery. */
export const PROCESS_WEBHOOK_EVENT_TASK = 'process_webhook_event';

/**
 * The job payload: ids only; the worker reads the delivery from the inbox in
 * the tenant's scope. `trace`: the W3C trace context (`traceparent`) of the
 * request that stored the delivery, when tracing runs, so the worker's span
 * continues the webhook's trace (docs/operations.md, "Traces").
 */
export type ProcessWebhookEventJob = { tenantId: string; eventId: string; trace?: Record<string, string> };

/** One job per event: re-adding it (a retry, a replay, a sweep) replaces the queued one instead of adding another. */
export function webhookJobKey(eventId: string): string {
  return `webhook:${eventId}`;
}

/**
 * graphile-worker's own attempts. Our attempts counter (webhook_events.attempts,
 * WEBHOOK_MAX_ATTEMPTS) decides DEAD; graphile's retries only matter when a run
 * never got to record its outcome (the worker crashed, the database went away
 * mid-run), and those must still happen, so this is generous.
 */
export const JOB_MAX_ATTEMPTS = 25;

/**
 * Queues the event's processing in `manager`'s transaction: the job exists
 * exactly when the stored delivery (or its new status) commits.
 */
export async function enqueueWebhookEvent(
  manager: EntityManager,
  job: ProcessWebhookEventJob,
  runAt: Date | null = null,
): Promise<void> {
  await manager.query(
    `select 1 from graphile_worker.add_job(
       $1::text, $2::json, run_at => $3::timestamptz, max_attempts => $4::smallint, job_key => $5::text)`,
    [PROCESS_WEBHOOK_EVENT_TASK, JSON.stringify(withTrace(job)), runAt, JOB_MAX_ATTEMPTS, webhookJobKey(job.eventId)],
  );
}

/** `job` with the active span's trace context, when there is one (no field at all without tracing). */
export function withTrace(job: ProcessWebhookEventJob, trace = currentTraceContext()): ProcessWebhookEventJob {
  return trace['traceparent'] ? { ...job, trace } : job;
}
