import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders placed by the dashboard's "Send test webhook" are test orders: shown
 * (marked) but kept out of metrics and acceptance alerts. Metrics read only
 * real orders, so their covering index (1795920000003) becomes partial: the
 * same index-only scan, without the test orders.
 */
export class TestOrders1795920000006 implements MigrationInterface {
  name = 'TestOrders1795920000006';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table orders.orders add column test boolean not null default false`);
    await queryRunner.query(`drop index orders.orders_metrics_idx`);
    await queryRunner.query(
      `create index orders_metrics_idx on orders.orders (tenant_id, placed_at) include (provider, currency, status, total, accepted_at) where not test`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop index orders.orders_metrics_idx`);
    await queryRunner.query(
      `create index orders_metrics_idx on orders.orders (tenant_id, placed_at) include (provider, currency, status, total, accepted_at)`,
    );
    await queryRunner.query(`alter table orders.orders drop column test`);
  }
}
