import type { CallbackAction, CallbackActionKind } from '@nexara/providers';
import { PROVIDERS, type Provider } from '@nexara/providers/display';
import { z } from 'zod';

/**
 * The provider-callback job: the orders subgraph enqueues it in the
 * transaction of a staff action, the integrations worker runs it (and
 * re-enqueues it with its own retry state). Both sides import this file.
 */

/** The graphile-worker task that tells a provider what the restaurant decided. */
export const PROVIDER_CALLBACK_TASK = 'provider_callback';

/**
 * graphile-worker's own attempts for a callback job. The worker counts and
 * spaces its calls itself (backoff with jitter, each outcome recorded); this
 * budget is there so a job whose worker was killed mid-call still runs.
 */
export const PROVIDER_CALLBACK_JOB_MAX_ATTEMPTS = 25;

/** What the restaurant decided: its home is the providers package, whose adapters turn it into calls. */
export type { CallbackAction, CallbackActionKind } from '@nexara/providers';

/** What a staff move tells the provider (DELIVERED has no provider call, so no action). */
export type StaffCallbackAction = Exclude<CallbackAction, { kind: 'RECEIVED' | 'RECEIVE_FAILED' }>;

/** How one callback ended, as recorded on the order. */
export type CallbackOutcome = 'DELIVERED' | 'RETRYING' | 'FAILED' | 'NOT_SUPPORTED';

/** A final outcome whose recording on the order failed (orders unreachable): retried on its own, without calling the provider again. */
export type PendingCallbackReport = {
  outcome: Exclude<CallbackOutcome, 'RETRYING'>;
  attempt: number;
  httpStatus: number | null;
  detail: string | null;
  /** How often recording it has failed so far. */
  tries: number;
};

/**
 * The job payload. `attempt` (calls made so far) and `report` are added only
 * by the worker when it re-enqueues.
 */
export type ProviderCallbackJob = {
  tenantId: string;
  /**
   * The order the call is about. Null only for RECEIVE_FAILED: that delivery never
   * became an order, and the outcome is recorded on `webhookEventId` instead.
   */
  orderId: string | null;
  webhookEventId?: string;
  connectionId: string;
  provider: Provider;
  externalId: string;
  /** ISO 8601 */
  placedAt: string;
  action: CallbackAction;
  attempt?: number;
  report?: PendingCallbackReport;
};

const text = z.string().trim().min(1).max(1_000);
const actionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('RECEIVED') }),
  z.object({ kind: z.literal('RECEIVE_FAILED'), reason: text }),
  z.object({ kind: z.literal('ACCEPTED'), prepMinutes: z.number().int().min(1).max(180).optional() }),
  z.object({ kind: z.literal('REJECTED'), reason: text }),
  z.object({ kind: z.literal('PREPARING') }),
  z.object({ kind: z.literal('READY') }),
  z.object({ kind: z.literal('PICKED_UP') }),
  z.object({ kind: z.literal('CANCELLED'), reason: text }),
]);

const jobSchema = z
  .object({
    tenantId: z.guid(),
    orderId: z.guid().nullable(),
    webhookEventId: z.guid().optional(),
    connectionId: z.guid(),
    provider: z.enum(PROVIDERS),
    externalId: z.string().min(1).max(500),
    placedAt: z.iso.datetime({ offset: true }),
    action: actionSchema,
    attempt: z.number().int().min(0).max(1_000).optional(),
    report: z
      .object({
        outcome: z.enum(['DELIVERED', 'FAILED', 'NOT_SUPPORTED']),
        attempt: z.number().int().min(0).max(1_000),
        httpStatus: z.number().int().min(100).max(599).nullable(),
        detail: z.string().nullable(),
        tries: z.number().int().min(0).max(1_000),
      })
      .optional(),
  })
  .refine((job) => job.orderId !== null || job.webhookEventId !== undefined, {
    message:
      'A callback is about an order (orderId) or, for a delivery that never became one, a webhook event (webhookEventId).',
  });

/** The payload as a job, or what is wrong with it (a job that can never run is logged and dropped). */
export function parseProviderCallbackJob(payload: unknown): { job: ProviderCallbackJob } | { problem: string } {
  const parsed = jobSchema.safeParse(payload);
  if (!parsed.success) return { problem: z.prettifyError(parsed.error) };
  return { job: parsed.data as ProviderCallbackJob };
}

/**
 * One queued job per (order, action), per webhook event when there is no
 * order: an order reaches each status once, and if the transaction that
 * enqueued it is retried the key replaces the queued job instead of adding a
 * second one.
 */
export function providerCallbackJobKey(subjectId: string, kind: CallbackActionKind): string {
  return `callback:${subjectId}:${kind}`;
}

/** Anything that runs SQL in the caller's transaction (a TypeORM EntityManager, a pg client). */
export type SqlRunner = { query: (sql: string, parameters?: unknown[]) => Promise<unknown> };

/**
 * Queues the callback (again) in `sql`'s transaction, so the job exists exactly
 * when the change that caused it commits; replaces a queued one for the same
 * subject and action.
 */
export async function enqueueProviderCallback(
  sql: SqlRunner,
  job: ProviderCallbackJob,
  runAt: Date | null = null,
): Promise<void> {
  await enqueueProviderCallbacks(sql, [job], runAt);
}

/**
 * `enqueueProviderCallback` for many jobs in one statement: graphile-worker's
 * `add_job` is `add_jobs` with one job, and a job alone costs several times
 * what it does in a batch (see integrations' StoreWebhookEventsFunction
 * migration). Jobs with the same key: the last one is queued, as one
 * `add_job` after another would leave it.
 */
export async function enqueueProviderCallbacks(
  sql: SqlRunner,
  jobs: readonly ProviderCallbackJob[],
  runAt: Date | null = null,
): Promise<void> {
  const byKey = new Map(
    jobs.map((job) => [providerCallbackJobKey(job.orderId ?? job.webhookEventId!, job.action.kind), job]),
  );
  if (byKey.size === 0) return;
  await sql.query(
    `select count(*) from graphile_worker.add_jobs(array(
       select ($1::text, j.payload, null, $2::timestamptz, $3::smallint, j.job_key, null, null)::graphile_worker.job_spec
         from unnest($4::json[], $5::text[]) with ordinality as j(payload, job_key, n)
        order by j.n))`,
    [
      PROVIDER_CALLBACK_TASK,
      runAt,
      PROVIDER_CALLBACK_JOB_MAX_ATTEMPTS,
      [...byKey.values()].map((job) => JSON.stringify(job)),
      [...byKey.keys()],
    ],
  );
}
