import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Order metrics read a tenant's orders placed in a time range and aggregate
 * them by bucket, provider and currency. This index covers that read: the
 * range is its key (tenant_id, placed_at) and every column the aggregation
 * uses is INCLUDEd, so PostgreSQL answers from the index alone (an index-only
 * scan) instead of fetching each order's wide row (items, customer, ...).
 *
 * `accepted_at` needs no backfill: both paths that accept an order (staff and
 * provider events, including jumps past ACCEPTED) have set it since the first
 * migration.
 */
export class OrderMetricsIndex1795920000003 implements MigrationInterface {
  name = 'OrderMetricsIndex1795920000003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `create index orders_metrics_idx on orders.orders (tenant_id, placed_at) include (provider, currency, status, total, accepted_at)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop index orders.orders_metrics_idx`);
  }
}
