import type { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_MATCHES = `tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`;

/**
 * Changes a provider accepted and will report on later (docs/control-plane.md,
 * "Asynchronous results"): per connection, the provider's name for the change
 * (a request id, an import id, a brand and menu) and the catalog sync job
 * awaiting it with its progress, so a result webhook finds its job, and one
 * naming nothing awaited is refused.
 */
export class ControlAwaits1796900000000 implements MigrationInterface {
  name = 'ControlAwaits1796900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table integrations.control_awaits (
        tenant_id uuid not null,
        connection_id uuid not null,
        reference text not null,
        job_id uuid not null,
        payload jsonb not null,
        accepted_at timestamptz not null default now(),
        constraint control_awaits_pkey primary key (tenant_id, connection_id, reference),
        constraint control_awaits_connection_fkey foreign key (tenant_id, connection_id)
          references integrations.connections (tenant_id, id) on delete cascade
      )`);
    await queryRunner.query(`create index control_awaits_job on integrations.control_awaits (tenant_id, job_id)`);
    await queryRunner.query(`alter table integrations.control_awaits enable row level security`);
    await queryRunner.query(`alter table integrations.control_awaits force row level security`);
    await queryRunner.query(
      `create policy control_awaits_tenant_isolation on integrations.control_awaits using (${TENANT_MATCHES}) with check (${TENANT_MATCHES})`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table integrations.control_awaits`);
  }
}
