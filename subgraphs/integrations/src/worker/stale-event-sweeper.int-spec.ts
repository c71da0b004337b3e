import { randomBytes, randomUUID } from 'node:crypto';
import { PROVIDERS } from '@nexara/providers/display';
import { createTestDatabase, type TestDatabase } from '@nexara/test-support';
import { Client } from 'pg';

/**
 * integrations.stale_webhook_events, which the stale-event sweeper runs every
 * 30 s, finds the deliveries a stopped worker left behind among the open ones
 * only (webhook_events_open), not by reading every delivery ever stored.
 */
describe('stale webhook events (real PostgreSQL)', () => {
  let db: TestDatabase;
  const tenantId = randomUUID();
  const connectionId = randomUUID();
  const ids = {
    stuckProcessing: randomUUID(),
    lostQueued: randomUUID(),
    takenQueued: randomUUID(),
    waitingQueued: randomUUID(),
    freshQueued: randomUUID(),
  };
  const provider = PROVIDERS[0];
  const HISTORY = 5_000;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.queryAsAdmin(
      `insert into integrations.connections (tenant_id, id, provider, name, branch_id, external_store_id, currency, api_base_url, connection_key)
       values ($1, $2, $5, 'Sweeper', $3, 'store-1', 'KWD', 'http://127.0.0.1:1', $4)`,
      [tenantId, connectionId, randomUUID(), randomBytes(24).toString('hex'), provider],
    );
    const insert = `insert into integrations.webhook_events
      (tenant_id, id, connection_id, provider, idempotency_key, method, sub_path, body, received_at, status, last_attempt_at, next_attempt_at)`;
    // An inbox with history (thousands of deliveries long processed) in a drain: a backlog just received, still queued.
    await db.queryAsAdmin(
      `${insert}
       select $1, gen_random_uuid(), $2, $3, 'done-' || n, 'POST', '/', '\\x7b7d', now() - n * interval '1 second',
              'PROCESSED', now() - n * interval '1 second', null
         from generate_series(1, $4::int) as n`,
      [tenantId, connectionId, provider, HISTORY],
    );
    await db.queryAsAdmin(
      `${insert}
       select $1, gen_random_uuid(), $2, $3, 'backlog-' || n, 'POST', '/', '\\x7b7d', now() - n * interval '10 ms',
              'QUEUED', null, null
         from generate_series(1, 3000) as n`,
      [tenantId, connectionId, provider],
    );
    await db.queryAsAdmin(
      `${insert} values
         ($1, $3, $2, $6, 'stuck', 'POST', '/', '\\x7b7d', now() - interval '20 minutes', 'PROCESSING', now() - interval '10 minutes', null),
         ($1, $4, $2, $6, 'lost', 'POST', '/', '\\x7b7d', now() - interval '15 minutes', 'QUEUED', null, now() - interval '10 minutes'),
         ($1, $5, $2, $6, 'fresh', 'POST', '/', '\\x7b7d', now(), 'QUEUED', null, null),
         ($1, $7, $2, $6, 'taken', 'POST', '/', '\\x7b7d', now() - interval '14 minutes', 'QUEUED', null, null),
         ($1, $8, $2, $6, 'waiting', 'POST', '/', '\\x7b7d', now() - interval '13 minutes', 'QUEUED', null, null)`,
      [
        tenantId,
        connectionId,
        ids.stuckProcessing,
        ids.lostQueued,
        ids.freshQueued,
        provider,
        ids.takenQueued,
        ids.waitingQueued,
      ],
    );
    // The jobs: "lost" has none; "taken" was locked by a worker 10 minutes ago that never finished; "waiting" (and
    // the backlog's) wait unlocked for their turn, as in a backlog longer than the limit.
    await db.queryAsAdmin(
      `select graphile_worker.add_job('process_webhook_event', '{}'::json, job_key => 'webhook:' || id)
         from unnest($1::uuid[]) as id`,
      [[ids.takenQueued, ids.waitingQueued]],
    );
    await db.queryAsAdmin(
      `update graphile_worker._private_jobs set locked_at = now() - interval '10 minutes', locked_by = 'a stopped worker'
        where key = $1`,
      ['webhook:' + ids.takenQueued],
    );
    await db.queryAsAdmin('analyze integrations.webhook_events');
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('answers the open deliveries past the limit whose job is lost, oldest first, without scanning the processed ones', async () => {
    const client = new Client({ connectionString: db.serviceUrls.integrations });
    await client.connect();
    try {
      await client.query('begin');
      const stale = await client.query<{ id: string }>(
        'select id from integrations.stale_webhook_events($1, $2)',
        [120_000, 100],
      );
      // This transaction's own reads of the table, the function's included.
      // Which index the planner picks depends on ANALYZE's sample; what matters is that no scan reads the whole
      // table and the processed history is not fetched (fewer rows than it holds).
      const reads = await client.query<{ seq_scan: string; idx_tup_fetch: string }>(
        `select seq_scan, idx_tup_fetch
           from pg_stat_xact_user_tables where relid = 'integrations.webhook_events'::regclass`,
      );
      await client.query('commit');
      expect(stale.rows.map((row) => row.id)).toEqual([ids.stuckProcessing, ids.lostQueued, ids.takenQueued]);
      expect(Number(reads.rows[0]!.seq_scan)).toBe(0);
      expect(Number(reads.rows[0]!.idx_tup_fetch)).toBeLessThan(HISTORY);
    } finally {
      await client.end();
    }
  });
});
