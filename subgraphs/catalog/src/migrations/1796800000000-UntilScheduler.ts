import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `until` scheduler (docs/control-plane.md, "The until scheduler") must
 * find, across tenants, the branches whose snooze, pause or busy mode has
 * ended, before it acts in any one tenant. Like integrations'
 * `tenants_with_connections`, one security-definer function sets
 * `app.platform` only inside, reads through a select-only platform policy,
 * and returns tenant ids only; the work itself runs in each tenant's own
 * transaction under the tenant policies.
 */
export class UntilScheduler1796800000000 implements MigrationInterface {
  name = 'UntilScheduler1796800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['item_availability', 'branch_states']) {
      await queryRunner.query(
        `create policy ${table}_platform_read on catalog.${table} as permissive for select
           using (current_setting('app.platform', true) = 'on')`,
      );
    }
    await queryRunner.query(
      `create index item_availability_until_idx on catalog.item_availability (until) where until is not null`,
    );
    await queryRunner.query(`
      create function catalog.tenants_with_ended_until(p_at timestamptz, p_sold_out_reset timestamptz)
      returns table (tenant_id uuid)
      language plpgsql
      volatile
      security definer
      set search_path = catalog, pg_temp
      as $$
      #variable_conflict use_column
      declare
        caller_platform text := current_setting('app.platform', true);
      begin
        perform set_config('app.platform', 'on', true);
        return query
          select a.tenant_id from catalog.item_availability a
           where (a.until <= p_at and a.state <> 'AVAILABLE')
              or (a.until is null and a.state = 'SOLD_OUT' and a.updated_at < p_sold_out_reset)
          union
          select s.tenant_id from catalog.branch_states s
           where (s.status_until <= p_at and s.status <> 'OPEN')
              or (s.busy_until <= p_at and s.busy_prep_minutes is not null);
        perform set_config('app.platform', coalesce(caller_platform, ''), true);
      end
      $$`);
    await queryRunner.query(
      `alter function catalog.tenants_with_ended_until(timestamptz, timestamptz) owner to nexara_owner`,
    );
    await queryRunner.query(
      `revoke all on function catalog.tenants_with_ended_until(timestamptz, timestamptz) from public`,
    );
    await queryRunner.query(
      `grant execute on function catalog.tenants_with_ended_until(timestamptz, timestamptz) to nexara_catalog`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop function catalog.tenants_with_ended_until(timestamptz, timestamptz)`);
    await queryRunner.query(`drop index catalog.item_availability_until_idx`);
    for (const table of ['item_availability', 'branch_states']) {
      await queryRunner.query(`drop policy ${table}_platform_read on catalog.${table}`);
    }
  }
}
