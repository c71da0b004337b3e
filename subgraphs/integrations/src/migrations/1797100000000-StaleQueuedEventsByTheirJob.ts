import type { MigrationInterface, QueryRunner } from 'typeorm';
import { staleFunction } from './1795920600000-RescueStaleQueuedEvents';

/**
 * A QUEUED delivery is rescued by the stale-event sweeper only when its job
 * is lost: gone from the queue, or taken by a worker (locked) longer ago than
 * the stale limit. Until now any delivery QUEUED and due for longer than the
 * limit was rescued, so in a backlog longer than the limit (a provider burst
 * above what the worker processes, for minutes) the sweeper re-added the
 * jobs of healthy deliveries that were only waiting their turn, a hundred
 * every 30 s, and logged them as abandoned by a stopped worker. The job is
 * found by its key (`webhook:<event id>`, webhook-jobs.ts; unique in
 * graphile-worker's table). The function runs as the owner role, which owns
 * the job queue's schema too (job-queue.ts).
 */
export class StaleQueuedEventsByTheirJob1797100000000 implements MigrationInterface {
  name = 'StaleQueuedEventsByTheirJob1797100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      staleFunction(`(e.status = 'PROCESSING' and e.last_attempt_at < cutoff)
                or (e.status = 'QUEUED' and coalesce(e.next_attempt_at, e.received_at) < cutoff
                    and not exists (
                      select 1 from graphile_worker._private_jobs j
                       where j.key = 'webhook:' || e.id::text and (j.locked_at is null or j.locked_at >= cutoff)))`),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      staleFunction(`(e.status = 'PROCESSING' and e.last_attempt_at < cutoff)
                or (e.status = 'QUEUED' and coalesce(e.next_attempt_at, e.received_at) < cutoff)`),
    );
  }
}
