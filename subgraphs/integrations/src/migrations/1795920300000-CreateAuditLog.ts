import type { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_MATCHES = `tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`;

/**
 * The audit trail of a tenant's integrations: every admin action and every
 * rejected webhook (security event). Rejections are also counted per
 * connection, code and minute, so a flood is measured in full while only the
 * first of each minute is written out in detail.
 */
export class CreateAuditLog1795920300000 implements MigrationInterface {
  name = 'CreateAuditLog1795920300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table integrations.audit_log (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        at timestamptz not null default now(),
        kind text not null check (kind in ('ADMIN_ACTION', 'SECURITY_EVENT')),
        actor text not null,
        action text not null,
        subject_type text not null,
        subject_id text,
        detail jsonb not null default '{}'::jsonb,
        primary key (tenant_id, id)
      )`);
    await queryRunner.query(`create index audit_log_by_time on integrations.audit_log (tenant_id, at desc, id desc)`);
    await queryRunner.query(`
      create table integrations.security_event_counts (
        tenant_id uuid not null,
        connection_id uuid not null,
        code text not null,
        minute timestamptz not null,
        count integer not null default 1,
        primary key (tenant_id, connection_id, code, minute)
      )`);
    for (const table of ['audit_log', 'security_event_counts']) {
      await queryRunner.query(`alter table integrations.${table} enable row level security`);
      await queryRunner.query(`alter table integrations.${table} force row level security`);
      await queryRunner.query(
        `create policy ${table}_tenant_isolation on integrations.${table} using (${TENANT_MATCHES}) with check (${TENANT_MATCHES})`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table integrations.security_event_counts`);
    await queryRunner.query(`drop table integrations.audit_log`);
  }
}
