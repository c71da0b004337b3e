import { createTestDatabase, type TestDatabase } from '@nexara/test-support';
import { Client } from 'pg';
import { PROCESS_WEBHOOK_EVENT_TASK } from '../webhooks/webhook-jobs';

const ONE_JOB = `select 1 from graphile_worker.add_jobs(
  array[($1::text, '{}'::json, null, null, 8, $2::text, null, null)::graphile_worker.job_spec])`;

/**
 * graphile_worker.add_jobs looks a new job's key up in the queue's key index
 * whatever the queue held when a connection first ran it (job-queue.ts,
 * PLANNED_PER_CALL): a burst after a quiet spell must not make every
 * delivery's store read the whole queue.
 */
describe('adding a job after the queue filled behind a connection (real PostgreSQL)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    // The queue as a drain leaves it: empty and vacuumed (truncated to no pages). Autovacuum stays off here, so no
    // new statistics make the connection re-plan while the test runs (in production that takes a minute or more).
    await db.queryAsAdmin('alter table graphile_worker._private_jobs set (autovacuum_enabled = false)');
    await db.queryAsAdmin('delete from graphile_worker._private_jobs');
    await db.queryAsAdmin('vacuum graphile_worker._private_jobs');
  });

  afterAll(async () => {
    await db.drop();
  });

  it('reads a few index entries, not the thousands of jobs queued', async () => {
    const inbox = new Client({ connectionString: db.serviceUrls.integrations });
    await inbox.connect();
    try {
      // More calls than PostgreSQL makes before it keeps one plan for the connection (five).
      for (let i = 0; i < 10; i += 1) await inbox.query(ONE_JOB, [PROCESS_WEBHOOK_EVENT_TASK, `quiet-${i}`]);
      await db.queryAsAdmin(
        `select count(*) from graphile_worker.add_jobs(array(
           select ($1::text, '{}'::json, null, null, 8, 'burst-' || n, null, null)::graphile_worker.job_spec
             from generate_series(1, 20000) as n))`,
        [PROCESS_WEBHOOK_EVENT_TASK],
      );

      await inbox.query('begin');
      await inbox.query(ONE_JOB, [PROCESS_WEBHOOK_EVENT_TASK, 'after-the-burst']);
      const { rows } = await inbox.query<{ tuples: string }>(
        `select coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) as tuples
           from pg_stat_xact_user_tables where relid = 'graphile_worker._private_jobs'::regclass`,
      );
      await inbox.query('commit');

      expect(Number(rows[0]?.tuples)).toBeLessThan(100);
      const [queued] = await db.queryAsAdmin<{ n: string }>('select count(*) as n from graphile_worker._private_jobs');
      expect(Number(queued?.n)).toBe(20_011);
    } finally {
      await inbox.end();
    }
  });
});
