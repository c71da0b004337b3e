import type { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_MATCHES = `tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`;

/**
 * Tenant isolation for the connection tables, and the one sanctioned way to
 * find a connection before the tenant is known (by its webhook key).
 */
export class ConnectionsRowLevelSecurity1795920200000 implements MigrationInterface {
  name = 'ConnectionsRowLevelSecurity1795920200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['connections', 'connection_secrets']) {
      await queryRunner.query(`alter table integrations.${table} enable row level security`);
      await queryRunner.query(`alter table integrations.${table} force row level security`);
      await queryRunner.query(
        `create policy ${table}_tenant_isolation on integrations.${table}
           using (${TENANT_MATCHES}) with check (${TENANT_MATCHES})`,
      );
    }

    // A webhook arrives addressed only by its connection key, before any tenant is known.
    // connection_for_key (below) runs with app.platform = 'on' and needs this read-only
    // policy to see every tenant's connections; it returns only the one matching row and
    // no secrets (connection_secrets has no platform policy).
    await queryRunner.query(
      `create policy connections_platform_read on integrations.connections
         as permissive for select
         using (current_setting('app.platform', true) = 'on')`,
    );

    // Declaring `set app.platform = 'on'` on the function would need a superuser's
    // `grant set on parameter app.platform` (PostgreSQL 15+ guards placeholder
    // settings in function definitions), so the function sets it at run time and
    // puts the caller's value back: the caller never leaves with platform access.
    await queryRunner.query(`
      create function integrations.connection_for_key(p_key text)
      returns table (tenant_id uuid, id uuid, provider text, status text)
      language plpgsql
      volatile
      security definer
      set search_path = integrations, pg_temp
      as $$
      #variable_conflict use_column
      declare
        caller_platform text := current_setting('app.platform', true);
      begin
        perform set_config('app.platform', 'on', true);
        return query
          select c.tenant_id, c.id, c.provider, c.status
            from integrations.connections c
           where c.connection_key = p_key;
        perform set_config('app.platform', coalesce(caller_platform, ''), true);
      end
      $$
    `);
    await queryRunner.query(`alter function integrations.connection_for_key(text) owner to nexara_owner`);
    await queryRunner.query(`revoke all on function integrations.connection_for_key(text) from public`);
    await queryRunner.query(`grant execute on function integrations.connection_for_key(text) to nexara_integrations`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop function integrations.connection_for_key(text)`);
    await queryRunner.query(`drop policy connections_platform_read on integrations.connections`);
    for (const table of ['connection_secrets', 'connections']) {
      await queryRunner.query(`drop policy ${table}_tenant_isolation on integrations.${table}`);
      await queryRunner.query(`alter table integrations.${table} no force row level security`);
      await queryRunner.query(`alter table integrations.${table} disable row level security`);
    }
  }
}
