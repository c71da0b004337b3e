import type { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_TABLES = [
  'catalog.menus',
  'catalog.menu_categories',
  'catalog.modifier_groups',
  'catalog.menu_items',
  'catalog.item_availability',
  'catalog.branch_states',
  'catalog.sync_jobs',
  'catalog.audit_log',
];
const CURRENT_TENANT = `nullif(current_setting('app.tenant_id', true), '')::uuid`;

/**
 * The canonical menu (docs/control-plane.md, "Contract"), each
 * branch's control state, the sync jobs that push both to every connection,
 * and the audit trail of who changed what. Names and descriptions are
 * `{en, ar}` objects; money is integer minor units of the menu's currency.
 * Every table has tenant_id leading its key and RLS enabled and forced, as in
 * the other schemas: with no tenant set, nothing is visible.
 */
export class CreateCatalogTables1796500000000 implements MigrationInterface {
  name = 'CreateCatalogTables1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table catalog.menus (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        name jsonb not null check (jsonb_typeof(name) = 'object'),
        description jsonb check (jsonb_typeof(description) = 'object'),
        currency char(3) not null,
        branch_ids uuid[] not null,
        schedule jsonb not null default '[]'::jsonb check (jsonb_typeof(schedule) = 'array'),
        version integer not null default 1 check (version > 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint menus_pkey primary key (tenant_id, id)
      )`);
    await queryRunner.query(`create index menus_branch_ids_idx on catalog.menus using gin (branch_ids)`);

    await queryRunner.query(`
      create table catalog.menu_items (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        menu_id uuid not null,
        ref text not null,
        external_pos_id text,
        type text not null check (type in ('ITEM', 'BUNDLE')),
        name jsonb not null check (jsonb_typeof(name) = 'object'),
        description jsonb check (jsonb_typeof(description) = 'object'),
        operational_name jsonb check (jsonb_typeof(operational_name) = 'object'),
        base_price bigint not null check (base_price >= 0),
        price_overrides jsonb not null default '[]'::jsonb check (jsonb_typeof(price_overrides) = 'array'),
        tax_rate numeric(7, 4) check (tax_rate >= 0 and tax_rate <= 100),
        images jsonb not null default '[]'::jsonb check (jsonb_typeof(images) = 'array'),
        contains_alcohol boolean not null default false,
        modifier_group_ids uuid[] not null default '{}',
        sort_order integer not null,
        updated_at timestamptz not null default now(),
        constraint menu_items_pkey primary key (tenant_id, id),
        constraint menu_items_ref_key unique (tenant_id, menu_id, ref),
        constraint menu_items_menu_fkey foreign key (tenant_id, menu_id) references catalog.menus (tenant_id, id) on delete cascade
      )`);

    await queryRunner.query(`
      create table catalog.menu_categories (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        menu_id uuid not null,
        ref text not null,
        name jsonb not null check (jsonb_typeof(name) = 'object'),
        description jsonb check (jsonb_typeof(description) = 'object'),
        sort_order integer not null,
        item_ids uuid[] not null,
        constraint menu_categories_pkey primary key (tenant_id, id),
        constraint menu_categories_ref_key unique (tenant_id, menu_id, ref),
        constraint menu_categories_menu_fkey foreign key (tenant_id, menu_id) references catalog.menus (tenant_id, id) on delete cascade
      )`);

    await queryRunner.query(`
      create table catalog.modifier_groups (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        menu_id uuid not null,
        ref text not null,
        name jsonb not null check (jsonb_typeof(name) = 'object'),
        min_selections integer not null check (min_selections >= 0),
        max_selections integer not null check (max_selections >= 1),
        repeatable boolean not null default false,
        options jsonb not null check (jsonb_typeof(options) = 'array'),
        sort_order integer not null,
        constraint modifier_groups_pkey primary key (tenant_id, id),
        constraint modifier_groups_ref_key unique (tenant_id, menu_id, ref),
        constraint modifier_groups_min_max check (min_selections <= max_selections),
        constraint modifier_groups_menu_fkey foreign key (tenant_id, menu_id) references catalog.menus (tenant_id, id) on delete cascade
      )`);

    await queryRunner.query(`
      create table catalog.item_availability (
        tenant_id uuid not null,
        branch_id uuid not null,
        item_id uuid not null,
        state text not null check (state in ('AVAILABLE', 'SOLD_OUT', 'HIDDEN')),
        until timestamptz,
        updated_at timestamptz not null default now(),
        updated_by text not null,
        constraint item_availability_pkey primary key (tenant_id, branch_id, item_id),
        constraint item_availability_until check (until is null or state <> 'AVAILABLE'),
        constraint item_availability_item_fkey foreign key (tenant_id, item_id) references catalog.menu_items (tenant_id, id) on delete cascade
      )`);

    await queryRunner.query(`
      create table catalog.branch_states (
        tenant_id uuid not null,
        branch_id uuid not null,
        status text not null default 'OPEN' check (status in ('OPEN', 'CLOSED', 'PAUSED')),
        status_until timestamptz,
        status_reason text,
        busy_prep_minutes integer check (busy_prep_minutes between 1 and 180),
        busy_until timestamptz,
        opening_hours jsonb check (jsonb_typeof(opening_hours) = 'array'),
        updated_at timestamptz not null default now(),
        constraint branch_states_pkey primary key (tenant_id, branch_id),
        constraint branch_states_until check (status_until is null or status <> 'OPEN'),
        constraint branch_states_busy_until check (busy_until is null or busy_prep_minutes is not null)
      )`);

    await queryRunner.query(`
      create table catalog.sync_jobs (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        connection_id uuid not null,
        provider text not null check (provider in ('CAREEM', 'TALABAT', 'DELIVEROO', 'JAHEZ')),
        branch_id uuid not null,
        kind text not null check (kind in ('MENU', 'AVAILABILITY', 'STORE_STATUS', 'BUSY_MODE', 'OPENING_HOURS')),
        status text not null default 'PENDING' check (status in ('PENDING', 'APPLIED', 'FAILED')),
        reason text,
        attempts integer not null default 0 check (attempts >= 0),
        request jsonb not null,
        answer jsonb,
        requested_by text not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint sync_jobs_pkey primary key (tenant_id, id)
      )`);
    // The sync log walks newest first, per tenant and per branch or connection.
    await queryRunner.query(
      `create index sync_jobs_created_idx on catalog.sync_jobs (tenant_id, created_at desc, id desc)`,
    );
    await queryRunner.query(
      `create index sync_jobs_connection_kind_idx on catalog.sync_jobs (tenant_id, connection_id, kind, created_at desc)`,
    );

    await queryRunner.query(`
      create table catalog.audit_log (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        at timestamptz not null default now(),
        actor text not null,
        action text not null,
        subject_type text not null,
        subject_id text,
        detail jsonb not null default '{}'::jsonb,
        constraint audit_log_pkey primary key (tenant_id, id)
      )`);
    await queryRunner.query(`create index audit_log_at_idx on catalog.audit_log (tenant_id, at desc, id desc)`);

    for (const table of TENANT_TABLES) {
      await queryRunner.query(`alter table ${table} enable row level security`);
      await queryRunner.query(`alter table ${table} force row level security`);
      await queryRunner.query(
        `create policy tenant_isolation on ${table} using (tenant_id = ${CURRENT_TENANT}) with check (tenant_id = ${CURRENT_TENANT})`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TENANT_TABLES].reverse()) await queryRunner.query(`drop table ${table}`);
  }
}
