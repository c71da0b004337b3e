import type { TestDatabase } from '@nexara/test-support';

export type QueuedJob = {
  task: string;
  key: string | null;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
  lockedAt: Date | null;
  payload: Record<string, unknown>;
};

/** Jobs waiting (or running) in the queue for `task`, oldest first (as superuser: the 0.17 `jobs` view has no payload). */
export async function queuedJobs(db: TestDatabase, task: string): Promise<QueuedJob[]> {
  const rows = await db.queryAsAdmin<{
    task: string;
    key: string | null;
    run_at: Date;
    attempts: number;
    max_attempts: number;
    locked_at: Date | null;
    payload: Record<string, unknown>;
  }>(
    `select t.identifier as task, j.key, j.run_at, j.attempts, j.max_attempts, j.locked_at, j.payload
       from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      where t.identifier = $1
      order by j.id`,
    [task],
  );
  return rows.map((row) => ({
    task: row.task,
    key: row.key,
    runAt: row.run_at,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    lockedAt: row.locked_at,
    payload: row.payload,
  }));
}
