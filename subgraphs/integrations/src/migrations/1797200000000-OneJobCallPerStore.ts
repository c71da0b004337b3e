import type { MigrationInterface, QueryRunner } from 'typeorm';
import { storeWebhookEventsSql } from './1795920800000-StoreWebhookEventsFunction';

/**
 * `store_webhook_events` queues the new deliveries' jobs in one
 * `graphile_worker.add_jobs` call for the whole batch, after the loop over
 * its tenants, instead of one call per tenant. The loop is there for the
 * inbox's row-level security (each tenant's insert under its own scope); the
 * job queue has none. `add_jobs` is planned on every call (job-queue.ts), so
 * each call has a fixed cost: in the bench's endToEnd at 500/s a store held
 * deliveries of about two tenants and spent 3.6 ms in each of its two
 * `add_jobs` calls beside 4.6 ms in each insert. Timed alone on one
 * connection (old and new function in turn, six rounds of 150 stores each),
 * a store of 12 deliveries of two tenants took 2.76 ms instead of 3.14, of
 * four tenants 3.12 instead of 5.11 (BENCHMARKS.md, "Webhook accept"). The
 * jobs go in the batch's order, whatever the tenant.
 */
export class OneJobCallPerStore1797200000000 implements MigrationInterface {
  name = 'OneJobCallPerStore1797200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(storeWebhookEventsSql('create or replace', 'whole batch'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(storeWebhookEventsSql('create or replace', 'each tenant'));
  }
}
