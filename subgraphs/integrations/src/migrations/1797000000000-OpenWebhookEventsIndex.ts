import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The open deliveries (QUEUED or PROCESSING) by arrival: what the stale-event
 * sweeper looks through every 30 s (integrations.stale_webhook_events) and
 * what an operator's backlog count asks. Neither had an index: each read every
 * delivery ever stored, so its cost grew with the inbox (36 ms a sweep at 11k
 * deliveries; a backlog count polled during a drain took a third of the
 * database's time). Partial, so it holds only the backlog: a delivery leaves
 * it when it is PROCESSED, FAILED or DEAD.
 */
export class OpenWebhookEventsIndex1797000000000 implements MigrationInterface {
  name = 'OpenWebhookEventsIndex1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `create index webhook_events_open on integrations.webhook_events (received_at)
         where status in ('QUEUED', 'PROCESSING')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop index integrations.webhook_events_open`);
  }
}
