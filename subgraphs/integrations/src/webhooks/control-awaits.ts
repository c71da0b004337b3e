import { inTenantTransaction } from '@nexara/kit';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Changes a provider accepted and reports on later (docs/control-plane.md,
 * "Asynchronous results"), in `integrations.control_awaits`: the provider's
 * name for the change, the sync job awaiting it, and the job's queue payload
 * (its ids and progress) so a result can finish it or ask again.
 */
export type AwaitedResult = { jobId: string; payload: Record<string, unknown> };

export async function awaitResult(
  dataSource: DataSource,
  key: { tenantId: string; connectionId: string; reference: string },
  awaited: AwaitedResult,
): Promise<void> {
  await inTenantTransaction(dataSource, { tenantId: key.tenantId }, (manager) =>
    manager.query(
      `insert into integrations.control_awaits (tenant_id, connection_id, reference, job_id, payload)
       values ($1, $2, $3, $4, $5::jsonb)
       on conflict (tenant_id, connection_id, reference)
         do update set job_id = excluded.job_id, payload = excluded.payload, accepted_at = now()`,
      [key.tenantId, key.connectionId, key.reference, awaited.jobId, JSON.stringify(awaited.payload)],
    ),
  );
}

/** The job awaiting `reference` on the connection, or null when none does (unknown, or already ended). */
export async function awaitedResult(
  manager: EntityManager,
  key: { tenantId: string; connectionId: string; reference: string },
): Promise<AwaitedResult | null> {
  const [row] = (await manager.query(
    `select job_id, payload from integrations.control_awaits
      where tenant_id = $1 and connection_id = $2 and reference = $3`,
    [key.tenantId, key.connectionId, key.reference],
  )) as { job_id: string; payload: Record<string, unknown> }[];
  return row ? { jobId: row.job_id, payload: row.payload } : null;
}

/** The job no longer awaits anything: it ended (or gave up waiting). */
export async function stopAwaiting(dataSource: DataSource, tenantId: string, jobId: string): Promise<void> {
  await inTenantTransaction(dataSource, { tenantId }, (manager) =>
    manager.query(`delete from integrations.control_awaits where tenant_id = $1 and job_id = $2`, [tenantId, jobId]),
  );
}
