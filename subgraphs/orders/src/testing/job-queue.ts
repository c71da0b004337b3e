import type { TestDatabase } from '@nexara/test-support';
import type { ProviderCallbackJob } from '@nexara/contracts';

export type QueuedJob = { task: string; key: string | null; maxAttempts: number; payload: ProviderCallbackJob };

/** The graphile-worker jobs queued for one order (read as superuser: the `jobs` view of 0.17 has no payload column). */
export async function queuedJobsOf(db: TestDatabase, orderId: string): Promise<QueuedJob[]> {
  const rows = await db.queryAsAdmin<{
    task: string;
    key: string | null;
    max_attempts: number;
    payload: ProviderCallbackJob;
  }>(
    `select t.identifier as task, j.key, j.max_attempts, j.payload
       from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      where j.payload ->> 'orderId' = $1
      order by j.id`,
    [orderId],
  );
  return rows.map((row) => ({ task: row.task, key: row.key, maxAttempts: row.max_attempts, payload: row.payload }));
}
