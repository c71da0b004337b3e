import { runMigrations } from 'graphile-worker';
import { Client } from 'pg';

/**
 * The job queue is graphile-worker on our own PostgreSQL (schema
 * `graphile_worker`). We chose it over pg-boss because a job can be added
 * with one SQL call, `graphile_worker.add_job(...)`, inside the very
 * transaction that stores the webhook (or changes the order), so "stored"
 * and "queued" can never disagree; and because it wakes workers with
 * LISTEN/NOTIFY instead of polling. 0.17.x: 0.18 needs Node 22.
 */
export const JOB_QUEUE_SCHEMA = 'graphile_worker';

/**
 * `add_jobs` (which `add_job` calls) is planned afresh on every call. Its
 * first statement looks up the new jobs' keys among the queued ones. A
 * PL/pgSQL function keeps its statements' plans for the life of the
 * connection, and a plan made while the queue was empty (the usual state
 * after a drain, once autovacuum has truncated the table) reads the whole
 * queue instead of the key index. It stays until the table's statistics
 * change, which can take a minute or more. So the inbox's stores got slower
 * with every delivery a burst queued: in `npm run bench`, webhook accept at
 * c=50 on a stack that had idled for 150 s spent 0.68-0.80 ms of
 * PostgreSQL CPU a delivery against 0.24-0.31 ms on a fresh one. Planned
 * per call, it was 0.31 ms in both (docs/operations.md, "PostgreSQL").
 * Planning costs a little on every call; a store is one call per batch.
 */
const PLANNED_PER_CALL = [`${JOB_QUEUE_SCHEMA}.add_jobs(${JOB_QUEUE_SCHEMA}.job_spec[], boolean)`];

/** Installs or upgrades the queue's own schema; run as the database owner role, like every migration. */
export async function migrateJobQueue(ownerUrl: string): Promise<void> {
  await runMigrations({ connectionString: ownerUrl, logger: undefined });
  // After graphile-worker's own migrations, every time: an upgrade that replaces the function drops the setting.
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    for (const fn of PLANNED_PER_CALL) {
      await client.query(`alter function ${fn} set plan_cache_mode = force_custom_plan`);
    }
  } finally {
    await client.end();
  }
}
