import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keyset pages of `orders(orderBy: TOTAL | ACCEPT_BY)`. Without these a page
 * sorts all of the tenant's matching orders (about 20-35 ms at 200,000 orders
 * in one tenant); with them it reads about one page of index (under 1 ms).
 * Both columns are set when the order is created and never change, so the
 * indexes cost one entry per new order and no status update touches them.
 * A btree reads both ways: (total, id) serves ASC and DESC; (accept_by, id)
 * ASC NULLS LAST serves ASC, the useful "soonest deadline first" (DESC with
 * nulls last is a top-N sort). STATUS and PROVIDER have a handful of values
 * each and stay unindexed for sorting.
 */
export class OrderSortIndexes1795920000004 implements MigrationInterface {
  name = 'OrderSortIndexes1795920000004';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`create index orders_total_idx on orders.orders (tenant_id, total, id)`);
    await queryRunner.query(`create index orders_accept_by_idx on orders.orders (tenant_id, accept_by, id)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop index orders.orders_accept_by_idx`);
    await queryRunner.query(`drop index orders.orders_total_idx`);
  }
}
