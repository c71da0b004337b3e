import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Items of a new order that the branch's menu had sold out or hidden
 * (docs/control-plane.md, "Orders meet the menu"), kept with the order.
 * Additive: older orders have none.
 */
export class OrderMenuWarnings1795920000010 implements MigrationInterface {
  name = 'OrderMenuWarnings1795920000010';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `alter table orders.orders add column menu_warnings jsonb not null default '[]'::jsonb check (jsonb_typeof(menu_warnings) = 'array')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table orders.orders drop column menu_warnings`);
  }
}
