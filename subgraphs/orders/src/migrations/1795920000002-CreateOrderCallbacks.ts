import type { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT_TENANT = `nullif(current_setting('app.tenant_id', true), '')::uuid`;

/**
 * What the integrations worker reported about each provider callback of an
 * order (delivered, retrying, failed, not supported), with the same tenant
 * isolation as the other order tables.
 */
export class CreateOrderCallbacks1795920000002 implements MigrationInterface {
  name = 'CreateOrderCallbacks1795920000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table orders.order_callbacks (
        tenant_id uuid not null,
        id uuid not null,
        order_id uuid not null,
        action text not null check (length(action) between 1 and 50),
        outcome text not null check (outcome in ('DELIVERED', 'RETRYING', 'FAILED', 'NOT_SUPPORTED')),
        attempt integer not null check (attempt >= 0),
        http_status integer check (http_status between 100 and 599),
        detail text,
        -- clock_timestamp, not now(): rows of one transaction still sort in the order they were written.
        at timestamptz not null default clock_timestamp(),
        constraint order_callbacks_pkey primary key (tenant_id, id),
        constraint order_callbacks_order_fkey foreign key (tenant_id, order_id) references orders.orders (tenant_id, id) on delete cascade
      )`);
    await queryRunner.query(
      `create index order_callbacks_order_idx on orders.order_callbacks (tenant_id, order_id, at)`,
    );

    await queryRunner.query(`alter table orders.order_callbacks enable row level security`);
    await queryRunner.query(`alter table orders.order_callbacks force row level security`);
    await queryRunner.query(
      `create policy tenant_isolation on orders.order_callbacks using (tenant_id = ${CURRENT_TENANT}) with check (tenant_id = ${CURRENT_TENANT})`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table orders.order_callbacks`);
  }
}
