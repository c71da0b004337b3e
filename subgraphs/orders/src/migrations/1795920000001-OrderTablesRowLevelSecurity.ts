import type { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_TABLES = ['orders.orders', 'orders.order_events', 'orders.provider_events'];
const CURRENT_TENANT = `nullif(current_setting('app.tenant_id', true), '')::uuid`;

/**
 * Every row belongs to one tenant and is visible only inside a transaction
 * that set `app.tenant_id` to it. No platform-wide policy: even a platform
 * admin reads orders as the one tenant it acts in.
 */
export class OrderTablesRowLevelSecurity1795920000001 implements MigrationInterface {
  name = 'OrderTablesRowLevelSecurity1795920000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TENANT_TABLES) {
      await queryRunner.query(`alter table ${table} enable row level security`);
      await queryRunner.query(`alter table ${table} force row level security`);
      await queryRunner.query(
        `create policy tenant_isolation on ${table} using (tenant_id = ${CURRENT_TENANT}) with check (tenant_id = ${CURRENT_TENANT})`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TENANT_TABLES) {
      await queryRunner.query(`drop policy tenant_isolation on ${table}`);
      await queryRunner.query(`alter table ${table} no force row level security`);
      await queryRunner.query(`alter table ${table} disable row level security`);
    }
  }
}
