import { runMigrations } from 'graphile-worker';

/**
 * The job queue is graphile-worker on our own PostgreSQL (schema
 * `graphile_worker`). We chose it over pg-boss because a job can be added
 * with one SQL call, `graphile_worker.add_job(...)`, inside the very
 * transaction that stores the webhook (or changes the order), so "stored"
 * and "queued" can never disagree; and because it wakes workers with
 * LISTEN/NOTIFY instead of polling. 0.17.x: 0.18 needs Node 22.
 */
export const JOB_QUEUE_SCHEMA = 'graphile_worker';

/** Installs or upgrades the queue's own schema; run as the database owner role, like every migration. */
export async function migrateJobQueue(ownerUrl: string): Promise<void> {
  await runMigrations({ connectionString: ownerUrl, logger: undefined });
}
