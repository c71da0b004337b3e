import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Provider connections and their encrypted secrets. Row-Level Security follows in ConnectionsRowLevelSecurity. */
export class CreateConnections1795920100000 implements MigrationInterface {
  name = 'CreateConnections1795920100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table integrations.connections (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        provider text not null constraint connections_provider_check
          check (provider in ('CAREEM', 'TALABAT', 'DELIVEROO', 'JAHEZ')),
        name text not null constraint connections_name_check check (length(btrim(name)) > 0),
        branch_id uuid not null,
        external_store_id text not null
          constraint connections_external_store_id_check check (length(btrim(external_store_id)) > 0),
        currency char(3) not null constraint connections_currency_check check (currency ~ '^[A-Z]{3}$'),
        api_base_url text not null constraint connections_api_base_url_check check (api_base_url ~* '^https?://'),
        auto_accept boolean not null default false,
        status text not null default 'ACTIVE' constraint connections_status_check check (status in ('ACTIVE', 'PAUSED')),
        connection_key text not null constraint connections_connection_key_check check (length(connection_key) >= 32),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint connections_pkey primary key (tenant_id, id),
        constraint connections_tenant_provider_store_key unique (tenant_id, provider, external_store_id)
      )
    `);
    // The one key not led by tenant_id, on purpose: a webhook names only its connection key,
    // and the key must identify exactly one connection across all tenants.
    await queryRunner.query(
      `create unique index connections_connection_key_key on integrations.connections (connection_key)`,
    );
    await queryRunner.query(
      `create index connections_tenant_branch_idx on integrations.connections (tenant_id, branch_id)`,
    );

    await queryRunner.query(`
      create table integrations.connection_secrets (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        connection_id uuid not null,
        key_id text not null,
        iv bytea not null constraint connection_secrets_iv_check check (octet_length(iv) = 12),
        ciphertext bytea not null,
        auth_tag bytea not null constraint connection_secrets_auth_tag_check check (octet_length(auth_tag) = 16),
        created_at timestamptz not null default now(),
        expires_at timestamptz,
        constraint connection_secrets_pkey primary key (tenant_id, id),
        constraint connection_secrets_connection_fkey foreign key (tenant_id, connection_id)
          references integrations.connections (tenant_id, id) on delete cascade
      )
    `);
    await queryRunner.query(
      `create index connection_secrets_connection_idx
         on integrations.connection_secrets (tenant_id, connection_id, created_at desc)`,
    );
    // At most one current secret per connection; rotation expires the old one before adding the new.
    await queryRunner.query(
      `create unique index connection_secrets_one_current_key
         on integrations.connection_secrets (tenant_id, connection_id) where expires_at is null`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table integrations.connection_secrets`);
    await queryRunner.query(`drop table integrations.connections`);
  }
}
