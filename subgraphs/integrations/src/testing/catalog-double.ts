import { CATALOG_SYNC_TASK, type CatalogSyncRequest } from '@nexara/contracts';
import { aControlMenu } from '@nexara/providers/testing';
import type { TestDatabase } from '@nexara/test-support';
import type { CatalogClient, CatalogSyncReport } from '../control/catalog-client';

/**
 * The catalog subgraph's part in the integrations specs, in memory: the jobs'
 * requests and every report, keeping a job's end as the catalog does.
 */
export class FakeCatalog implements CatalogClient {
  readonly jobs = new Map<string, { request: CatalogSyncRequest; status: 'PENDING' | 'APPLIED' | 'FAILED' }>();
  readonly reports: CatalogSyncReport[] = [];
  job = async (_tenantId: string, jobId: string) => {
    const job = this.jobs.get(jobId)!;
    return { id: jobId, status: job.status, attempts: 0, request: job.request };
  };
  menu = async () => aControlMenu();
  optionItemIds = async () => ['o1'];
  /** No branch has a menu here: orders meet none (the menu check is tested against the real catalog in e2e/). */
  branchAvailability = async () => [];
  report = async (_tenantId: string, report: CatalogSyncReport) => {
    this.reports.push(report);
    const job = this.jobs.get(report.jobId)!;
    if (report.status !== 'PENDING' && job.status === 'PENDING') job.status = report.status;
  };
  last = (jobId: string) => this.reports.filter((report) => report.jobId === jobId).at(-1);
}

/** The catalog_sync run queued again for `jobId` (taken off the queue), as the worker would take it, with when it may run. */
export async function requeuedSync(
  db: TestDatabase,
  jobId: string,
): Promise<{ payload: Record<string, unknown>; inMs: number }> {
  const rows = await db.queryAsAdmin<{ payload: Record<string, unknown>; in_ms: number }>(
    `select j.payload, extract(epoch from (j.run_at - now())) * 1000 as in_ms
       from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      where t.identifier = $1 and j.payload->>'jobId' = $2`,
    [CATALOG_SYNC_TASK, jobId],
  );
  if (rows.length !== 1) throw new Error(`expected one queued run of job ${jobId}, found ${rows.length}`);
  await db.queryAsAdmin(`delete from graphile_worker._private_jobs where payload->>'jobId' = $1`, [jobId]);
  return { payload: rows[0]!.payload, inMs: Number(rows[0]!.in_ms) };
}
