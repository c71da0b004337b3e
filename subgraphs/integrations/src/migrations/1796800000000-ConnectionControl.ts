import type { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_MATCHES = `tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`;

/**
 * The control plane (docs/control-plane.md, "Execution"): each connection
 * keeps the provider's other ids for it (`control_ids`: a brand id, a client
 * id...), and `control_sends` keeps, per connection and kind of change, when
 * the last call went out, so the workers together respect the provider's
 * rate limit (one menu a minute per site, say) however many of them run.
 */
export class ConnectionControl1796800000000 implements MigrationInterface {
  name = 'ConnectionControl1796800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `alter table integrations.connections add column control_ids jsonb not null default '{}'::jsonb
         constraint connections_control_ids_object check (jsonb_typeof(control_ids) = 'object')`,
    );
    await queryRunner.query(`
      create table integrations.control_sends (
        tenant_id uuid not null,
        connection_id uuid not null,
        kind text not null,
        last_sent_at timestamptz not null,
        constraint control_sends_pkey primary key (tenant_id, connection_id, kind),
        constraint control_sends_connection_fkey foreign key (tenant_id, connection_id)
          references integrations.connections (tenant_id, id) on delete cascade
      )`);
    await queryRunner.query(`alter table integrations.control_sends enable row level security`);
    await queryRunner.query(`alter table integrations.control_sends force row level security`);
    await queryRunner.query(
      `create policy control_sends_tenant_isolation on integrations.control_sends using (${TENANT_MATCHES}) with check (${TENANT_MATCHES})`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table integrations.control_sends`);
    await queryRunner.query(`alter table integrations.connections drop column control_ids`);
  }
}
