import type { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT_TENANT = `nullif(current_setting('app.tenant_id', true), '')::uuid`;

/**
 * Every change of an order gets a version (1 when it arrives, one more per
 * change), so a subscriber can be sent the state each change produced rather
 * than whatever the order looks like when the announcement is read (see the
 * `orderChanged` description). `order_versions` keeps the superseded state of
 * the fields a change can touch (written by the same statement that changes
 * the order); the current version is the order row itself, so placing an
 * order writes nothing extra. Timeline entries name the version that wrote
 * them (null for entries from before this migration).
 */
export class OrderVersions1795920000005 implements MigrationInterface {
  name = 'OrderVersions1795920000005';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table orders.orders add column version integer not null default 1`);
    await queryRunner.query(`alter table orders.order_events add column order_version integer`);
    await queryRunner.query(`
      create table orders.order_versions (
        tenant_id uuid not null,
        order_id uuid not null,
        version integer not null,
        status text not null,
        accepted_at timestamptz,
        prep_minutes integer,
        updated_at timestamptz not null,
        constraint order_versions_pkey primary key (tenant_id, order_id, version),
        constraint order_versions_order_fkey foreign key (tenant_id, order_id) references orders.orders (tenant_id, id) on delete cascade
      )`);
    await queryRunner.query(`alter table orders.order_versions enable row level security`);
    await queryRunner.query(`alter table orders.order_versions force row level security`);
    await queryRunner.query(
      `create policy tenant_isolation on orders.order_versions using (tenant_id = ${CURRENT_TENANT}) with check (tenant_id = ${CURRENT_TENANT})`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table orders.order_versions`);
    await queryRunner.query(`alter table orders.order_events drop column order_version`);
    await queryRunner.query(`alter table orders.orders drop column version`);
  }
}
