import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrderTables1795920000000 implements MigrationInterface {
  name = 'CreateOrderTables1795920000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table orders.orders (
        tenant_id uuid not null,
        id uuid not null,
        connection_id uuid not null,
        provider text not null check (provider in ('CAREEM', 'TALABAT', 'DELIVEROO', 'JAHEZ')),
        external_id text not null,
        display_code text not null,
        status text not null check (status in ('RECEIVED', 'ACCEPTED', 'PREPARING', 'READY', 'PICKED_UP', 'DELIVERED', 'REJECTED', 'CANCELLED')),
        placed_at timestamptz not null,
        accept_by timestamptz,
        accepted_at timestamptz,
        prep_minutes integer check (prep_minutes between 1 and 180),
        currency char(3) not null,
        subtotal bigint not null,
        delivery_fee bigint not null,
        discount bigint not null,
        tax bigint not null,
        tip bigint not null,
        total bigint not null,
        customer jsonb,
        delivery jsonb,
        items jsonb not null check (jsonb_typeof(items) = 'array'),
        payment jsonb,
        notes text,
        warnings jsonb not null default '[]'::jsonb check (jsonb_typeof(warnings) = 'array'),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint orders_pkey primary key (tenant_id, id),
        constraint orders_connection_external_id_key unique (tenant_id, connection_id, external_id)
      )`);
    // Keyset pagination walks (placed_at desc, id desc); the filtered lists walk the same order.
    await queryRunner.query(`create index orders_placed_at_idx on orders.orders (tenant_id, placed_at desc, id desc)`);
    await queryRunner.query(
      `create index orders_status_placed_at_idx on orders.orders (tenant_id, status, placed_at desc, id desc)`,
    );
    await queryRunner.query(
      `create index orders_connection_placed_at_idx on orders.orders (tenant_id, connection_id, placed_at desc, id desc)`,
    );

    await queryRunner.query(`
      create table orders.order_events (
        tenant_id uuid not null,
        id uuid not null,
        order_id uuid not null,
        seq bigint generated always as identity,
        status text not null check (status in ('RECEIVED', 'ACCEPTED', 'PREPARING', 'READY', 'PICKED_UP', 'DELIVERED', 'REJECTED', 'CANCELLED')),
        at timestamptz not null,
        source text not null check (source in ('PROVIDER', 'USER', 'SYSTEM')),
        actor text,
        note text,
        constraint order_events_pkey primary key (tenant_id, id),
        constraint order_events_order_fkey foreign key (tenant_id, order_id) references orders.orders (tenant_id, id) on delete cascade
      )`);
    await queryRunner.query(
      `create index order_events_order_idx on orders.order_events (tenant_id, order_id, at, seq)`,
    );

    await queryRunner.query(`
      create table orders.provider_events (
        tenant_id uuid not null,
        connection_id uuid not null,
        event_key text not null,
        order_id uuid not null,
        kind text not null check (kind in ('ORDER_PLACED', 'STATUS_CHANGED')),
        status text check (status in ('RECEIVED', 'ACCEPTED', 'PREPARING', 'READY', 'PICKED_UP', 'DELIVERED', 'REJECTED', 'CANCELLED')),
        outcome text not null check (outcome in ('CREATED', 'ADVANCED', 'UNCHANGED', 'DUPLICATE', 'IGNORED_FINAL', 'IGNORED_BACKWARD')),
        occurred_at timestamptz not null,
        received_at timestamptz not null default now(),
        constraint provider_events_pkey primary key (tenant_id, connection_id, event_key)
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table orders.provider_events`);
    await queryRunner.query(`drop table orders.order_events`);
    await queryRunner.query(`drop table orders.orders`);
  }
}
