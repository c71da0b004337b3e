import type { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_MATCHES = `tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`;

/**
 * The deliveries the dashboard's "Send test webhook" sent, by the idempotency
 * key the inbox will store them under. Written before the sample leaves, so
 * the worker, whichever delivery it takes first, knows a test one and has the
 * orders subgraph mark its order as a test (kept out of figures and alerts).
 */
export class TestWebhookDeliveries1796500000000 implements MigrationInterface {
  name = 'TestWebhookDeliveries1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table integrations.test_webhook_deliveries (
        tenant_id uuid not null,
        connection_id uuid not null,
        idempotency_key text not null,
        sent_at timestamptz not null default now(),
        primary key (tenant_id, connection_id, idempotency_key)
      )`);
    await queryRunner.query(`alter table integrations.test_webhook_deliveries enable row level security`);
    await queryRunner.query(`alter table integrations.test_webhook_deliveries force row level security`);
    await queryRunner.query(
      `create policy test_webhook_deliveries_tenant_isolation on integrations.test_webhook_deliveries using (${TENANT_MATCHES}) with check (${TENANT_MATCHES})`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table integrations.test_webhook_deliveries`);
  }
}
