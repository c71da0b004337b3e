import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tenants, their branches and their users. Row-Level Security follows in the next migration. */
export class CreateTenantTables1764385200000 implements MigrationInterface {
  name = 'CreateTenantTables1764385200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table tenants.tenants (
        id uuid not null default gen_random_uuid(),
        slug text not null,
        name text not null,
        currency char(3) not null,
        time_zone text not null,
        is_platform boolean not null default false,
        created_at timestamptz not null default now(),
        constraint tenants_pkey primary key (id),
        constraint tenants_slug_key unique (slug),
        constraint tenants_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) between 2 and 63),
        constraint tenants_currency_format check (currency ~ '^[A-Z]{3}$'),
        constraint tenants_name_present check (length(btrim(name)) > 0)
      )`);
    // Exactly one operator tenant ("Nexara"), so bootstrapping it twice cannot create a second one.
    await queryRunner.query(
      `create unique index tenants_single_platform on tenants.tenants (is_platform) where is_platform`,
    );

    await queryRunner.query(`
      create table tenants.branches (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        name text not null,
        time_zone text not null,
        address text null,
        created_at timestamptz not null default now(),
        constraint branches_pkey primary key (tenant_id, id),
        constraint branches_tenant_fkey foreign key (tenant_id) references tenants.tenants (id),
        constraint branches_name_present check (length(btrim(name)) > 0)
      )`);

    await queryRunner.query(`
      create table tenants.users (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        email text not null,
        name text not null,
        role text not null,
        password_hash text not null,
        disabled_at timestamptz null,
        last_login_at timestamptz null,
        created_at timestamptz not null default now(),
        constraint users_pkey primary key (tenant_id, id),
        constraint users_tenant_fkey foreign key (tenant_id) references tenants.tenants (id),
        constraint users_role_known check (role in ('PLATFORM_ADMIN', 'TENANT_ADMIN', 'MANAGER', 'STAFF')),
        constraint users_email_lowercase check (email = lower(email)),
        constraint users_name_present check (length(btrim(name)) > 0)
      )`);
    // Deliberately not led by tenant_id: login finds a user by email before any tenant
    // is known, so an email must name one user across all tenants.
    await queryRunner.query(`create unique index users_email_key on tenants.users (email)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table tenants.users`);
    await queryRunner.query(`drop table tenants.branches`);
    await queryRunner.query(`drop table tenants.tenants`);
  }
}
