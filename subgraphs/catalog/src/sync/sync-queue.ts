import {
  enqueueCatalogSync,
  REPLACEABLE_CATALOG_SYNC_KINDS,
  type CatalogSyncKind,
  type CatalogSyncRequest,
} from '@nexara/contracts';
import type { EntityManager } from 'typeorm';
import type { BranchConnection } from '../common/branch-directory';
import type { Actor } from '../common/catalog-access';
import { SYNC_JOB_COLUMNS, type SyncJobRow } from '../common/catalog-rows';

/**
 * One sync job per connection, recorded in `catalog.sync_jobs` and queued for
 * the integrations worker (packages/contracts catalog-sync-job.ts) in the
 * caller's transaction: the change, its jobs and their queue entries commit
 * together or not at all. Each job starts PENDING; only the worker, from the
 * provider's answer, moves it to APPLIED or FAILED.
 *
 * For whole-state kinds a newer job replaces the one still queued for the
 * same connection (the queue's job key does that); the replaced row is marked
 * FAILED saying so, as it will never be sent.
 */
export async function queueSyncJobs(
  manager: EntityManager,
  actor: Actor,
  change: { branchId: string; connections: BranchConnection[]; request: CatalogSyncRequest },
): Promise<SyncJobRow[]> {
  const kind: CatalogSyncKind = change.request.kind;
  const jobs: SyncJobRow[] = [];
  for (const connection of change.connections) {
    const [row] = (await manager.query(
      `insert into catalog.sync_jobs (tenant_id, connection_id, provider, branch_id, kind, request, requested_by)
       values ($1, $2, $3, $4, $5, $6::jsonb, $7)
       returning ${SYNC_JOB_COLUMNS}`,
      [
        actor.tenantId,
        connection.id,
        connection.provider,
        change.branchId,
        kind,
        JSON.stringify(change.request),
        actor.actor,
      ],
    )) as SyncJobRow[];
    if (REPLACEABLE_CATALOG_SYNC_KINDS.includes(kind)) {
      // A job already sent but still PENDING (waiting to retry, or for the provider's result) is queued
      // again under the same key, so the new job replaces it too: it will never report, so it ends here.
      await manager.query(
        `update catalog.sync_jobs
            set status = 'FAILED', reason = case when attempts = 0 then $4 else $6 end, updated_at = now()
          where tenant_id = $1 and connection_id = $2 and kind = $3 and status = 'PENDING' and id <> $5`,
        [
          actor.tenantId,
          connection.id,
          kind,
          `Superseded by job ${row!.id} before it was sent.`,
          row!.id,
          `Superseded by job ${row!.id} while it was retried or awaited the provider's result.`,
        ],
      );
    }
    await enqueueCatalogSync(manager, {
      tenantId: actor.tenantId,
      jobId: row!.id,
      connectionId: connection.id,
      provider: connection.provider,
      branchId: change.branchId,
      kind,
    });
    jobs.push(row!);
  }
  return jobs;
}
