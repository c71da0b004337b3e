import { PROVIDERS, type Provider } from '@nexara/providers/display';
import { z } from 'zod';
import type { SqlRunner } from './provider-callback-job';

/**
 * The catalog sync job: the catalog subgraph queues one per connection for
 * every change an operator makes (a menu publish, an 86, a pause...), in the
 * transaction that records the change, and the integrations worker will run it
 * through the provider's control capability (docs/control-plane.md). Both
 * sides import this file.
 *
 * The payload carries ids only, like every job: the worker reads the job's
 * canonical request from the catalog subgraph under the job's tenant, sends
 * it, and records the provider's answer there (APPLIED or FAILED).
 */

/** The graphile-worker task that pushes one catalog change to one connection. */
export const CATALOG_SYNC_TASK = 'catalog_sync';

/** graphile-worker's own attempts; the worker counts and spaces its provider calls itself. */
export const CATALOG_SYNC_JOB_MAX_ATTEMPTS = 25;

export const CATALOG_SYNC_KINDS = ['MENU', 'AVAILABILITY', 'STORE_STATUS', 'BUSY_MODE', 'OPENING_HOURS'] as const;
export type CatalogSyncKind = (typeof CATALOG_SYNC_KINDS)[number];

export const CATALOG_SYNC_STATUSES = ['PENDING', 'APPLIED', 'FAILED'] as const;
export type CatalogSyncStatus = (typeof CATALOG_SYNC_STATUSES)[number];

/**
 * Kinds whose request is the whole state (a menu, the status, the busy mode,
 * the week's hours): a newer job for the same connection replaces a queued
 * one. Availability requests are deltas (only the listed items change), so
 * each is kept and none waits behind a menu upload (they have their own key).
 */
export const REPLACEABLE_CATALOG_SYNC_KINDS: readonly CatalogSyncKind[] = [
  'MENU',
  'STORE_STATUS',
  'BUSY_MODE',
  'OPENING_HOURS',
];

export const ITEM_AVAILABILITY_STATES = ['AVAILABLE', 'SOLD_OUT', 'HIDDEN'] as const;
export type ItemAvailabilityState = (typeof ITEM_AVAILABILITY_STATES)[number];

export const STORE_STATUSES = ['OPEN', 'CLOSED', 'PAUSED'] as const;
export type StoreStatusValue = (typeof STORE_STATUSES)[number];

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One period of a weekly schedule, `HH:MM` local to the branch; never overnight (split at 23:59). */
export type WeeklyPeriod = { day: Weekday; start: string; end: string };

/**
 * What one job asks of the provider, in the canonical model
 * (docs/control-plane.md, "Contract"). The catalog subgraph
 * stores it on the job (`request`); a provider's capability turns it into
 * that provider's call.
 */
export type CatalogSyncRequest =
  /** Publish the menu as it was at `menuVersion` (read back from the catalog subgraph). */
  | { kind: 'MENU'; menuId: string; menuVersion: number }
  | {
      kind: 'AVAILABILITY';
      items: { itemId: string; externalPosId: string | null; state: ItemAvailabilityState; until: string | null }[];
    }
  | { kind: 'STORE_STATUS'; status: StoreStatusValue; until: string | null; reason: string | null }
  | { kind: 'BUSY_MODE'; prepMinutes: number | null; until: string | null }
  | { kind: 'OPENING_HOURS'; periods: WeeklyPeriod[] };

/** The job payload: ids only. */
export type CatalogSyncJob = {
  tenantId: string;
  /** The catalog's sync job row (`catalog.sync_jobs`), whose state the worker reports back. */
  jobId: string;
  connectionId: string;
  provider: Provider;
  branchId: string;
  kind: CatalogSyncKind;
};

const jobSchema = z.object({
  tenantId: z.guid(),
  jobId: z.guid(),
  connectionId: z.guid(),
  provider: z.enum(PROVIDERS),
  branchId: z.guid(),
  kind: z.enum(CATALOG_SYNC_KINDS),
});

/** The payload as a job, or what is wrong with it (a job that can never run is logged and dropped). */
export function parseCatalogSyncJob(payload: unknown): { job: CatalogSyncJob } | { problem: string } {
  const parsed = jobSchema.safeParse(payload);
  if (!parsed.success) return { problem: z.prettifyError(parsed.error) };
  return { job: parsed.data };
}

/**
 * The graphile-worker job key: whole-state kinds share one per connection and
 * kind (a newer change replaces the queued one); an availability delta has
 * its own per job.
 */
export function catalogSyncJobKey(job: Pick<CatalogSyncJob, 'connectionId' | 'kind' | 'jobId'>): string {
  return REPLACEABLE_CATALOG_SYNC_KINDS.includes(job.kind)
    ? `catalog:${job.connectionId}:${job.kind}`
    : `catalog:${job.connectionId}:${job.kind}:${job.jobId}`;
}

/**
 * Queues the job in `sql`'s transaction, so it exists exactly when the change
 * that caused it commits.
 */
export async function enqueueCatalogSync(sql: SqlRunner, job: CatalogSyncJob): Promise<void> {
  await sql.query(
    `select 1 from graphile_worker.add_job(
       $1::text, $2::json, max_attempts => $3::smallint, job_key => $4::text, job_key_mode => 'replace')`,
    [CATALOG_SYNC_TASK, JSON.stringify(job), CATALOG_SYNC_JOB_MAX_ATTEMPTS, catalogSyncJobKey(job)],
  );
}
