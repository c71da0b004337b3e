import type { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT_TENANT = `nullif(current_setting('app.tenant_id', true), '')::uuid`;
const PLATFORM_ON = `current_setting('app.platform', true) = 'on'`;

/**
 * Row-Level Security for the tenants schema, and the one door login uses to
 * find a user before a tenant is known (`tenants.user_for_login`).
 */
export class TenantRowLevelSecurity1764385200100 implements MigrationInterface {
  name = 'TenantRowLevelSecurity1764385200100';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['tenants', 'branches', 'users']) {
      await queryRunner.query(`alter table tenants.${table} enable row level security`);
      await queryRunner.query(`alter table tenants.${table} force row level security`);
    }

    await queryRunner.query(`
      create policy tenant_isolation on tenants.tenants
        using (id = ${CURRENT_TENANT})
        with check (id = ${CURRENT_TENANT})`);
    // Platform admins list every tenant and create new ones; nothing else crosses
    // tenants, and only code that asks for platform scope (after checking the
    // caller is a platform admin or an internal service) turns this on.
    await queryRunner.query(`
      create policy platform_read on tenants.tenants for select
        using (${PLATFORM_ON})`);
    await queryRunner.query(`
      create policy platform_create on tenants.tenants for insert
        with check (${PLATFORM_ON})`);

    await queryRunner.query(`
      create policy tenant_isolation on tenants.branches
        using (tenant_id = ${CURRENT_TENANT})
        with check (tenant_id = ${CURRENT_TENANT})`);

    await queryRunner.query(`
      create policy tenant_isolation on tenants.users
        using (tenant_id = ${CURRENT_TENANT})
        with check (tenant_id = ${CURRENT_TENANT})`);
    // Login must find a user by email before any tenant is known. Only the owner
    // role gets this policy, so only the security-definer function below (which
    // runs as the owner) can use it: the service role setting app.platform = 'on'
    // still sees no other tenant's users.
    await queryRunner.query(`
      create policy login_lookup on tenants.users for select to nexara_owner
        using (${PLATFORM_ON})`);

    // Runs as the owner (security definer), which FORCE ROW LEVEL SECURITY still
    // subjects to the policies, so it turns on platform scope for its one query.
    // Not as a `set app.platform = 'on'` function attribute: PostgreSQL 15+ lets
    // only superusers (or holders of SET ON PARAMETER) attach custom settings to
    // a function, and migrations run as the owner. It restores the caller's value
    // before returning, so platform scope never leaks into the caller's transaction.
    await queryRunner.query(`
      create function tenants.user_for_login(p_email text)
        returns table (id uuid, tenant_id uuid, role text, password_hash text, disabled boolean)
        language plpgsql
        security definer
        set search_path = tenants, pg_temp
      as $$
      declare
        caller_platform text := current_setting('app.platform', true);
      begin
        perform set_config('app.platform', 'on', true);
        return query
          select u.id, u.tenant_id, u.role, u.password_hash, u.disabled_at is not null
          from tenants.users u
          where u.email = lower(btrim(p_email));
        perform set_config('app.platform', coalesce(caller_platform, ''), true);
      end
      $$`);
    await queryRunner.query(`alter function tenants.user_for_login(text) owner to nexara_owner`);
    await queryRunner.query(`revoke execute on function tenants.user_for_login(text) from public`);
    await queryRunner.query(`grant execute on function tenants.user_for_login(text) to nexara_tenants`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop function tenants.user_for_login(text)`);
    await queryRunner.query(`drop policy login_lookup on tenants.users`);
    await queryRunner.query(`drop policy tenant_isolation on tenants.users`);
    await queryRunner.query(`drop policy tenant_isolation on tenants.branches`);
    await queryRunner.query(`drop policy platform_create on tenants.tenants`);
    await queryRunner.query(`drop policy platform_read on tenants.tenants`);
    await queryRunner.query(`drop policy tenant_isolation on tenants.tenants`);
    for (const table of ['tenants', 'branches', 'users']) {
      await queryRunner.query(`alter table tenants.${table} no force row level security`);
      await queryRunner.query(`alter table tenants.${table} disable row level security`);
    }
  }
}
