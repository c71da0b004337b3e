import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deliveroo expects to hear when an order could not reach the restaurant's
 * system (`sync_status: failed`). Such a delivery never became an order, so
 * the outcome of that call is kept on the webhook event itself.
 */
export class WebhookEventProviderNotice1795920650000 implements MigrationInterface {
  name = 'WebhookEventProviderNotice1795920650000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      alter table integrations.webhook_events
        add column provider_notice text
          constraint webhook_events_provider_notice_check
          check (provider_notice in ('RETRYING', 'DELIVERED', 'FAILED', 'NOT_SUPPORTED')),
        add column provider_notice_detail text
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `alter table integrations.webhook_events drop column provider_notice, drop column provider_notice_detail`,
    );
  }
}
