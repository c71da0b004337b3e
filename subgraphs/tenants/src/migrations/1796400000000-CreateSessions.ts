import type { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT_TENANT = `nullif(current_setting('app.tenant_id', true), '')::uuid`;

/**
 * Sign-in sessions: every access token names one (`sid`), and the gateway
 * refuses a token whose session has ended (signed out, user disabled, role or
 * password changed). See docs/security.md.
 */
export class CreateSessions1796400000000 implements MigrationInterface {
  name = 'CreateSessions1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A session lives in its user's own tenant (for a platform admin: the operator
    // tenant, whichever tenant it acts in), so RLS scopes it like the user row.
    await queryRunner.query(`
      create table tenants.sessions (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        user_id uuid not null,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        ended_at timestamptz null,
        ended_reason text null,
        constraint sessions_pkey primary key (tenant_id, id),
        constraint sessions_user_fkey foreign key (tenant_id, user_id)
          references tenants.users (tenant_id, id) on delete cascade,
        constraint sessions_ended_reason check (
          (ended_at is null and ended_reason is null)
          or (ended_at is not null and ended_reason in ('SIGNED_OUT', 'USER_DISABLED', 'ROLE_CHANGED', 'PASSWORD_CHANGED'))
        )
      )`);
    await queryRunner.query(
      `create index sessions_open_by_user_idx on tenants.sessions (tenant_id, user_id) where ended_at is null`,
    );
    await queryRunner.query(`alter table tenants.sessions enable row level security`);
    await queryRunner.query(`alter table tenants.sessions force row level security`);
    await queryRunner.query(`
      create policy tenant_isolation on tenants.sessions
        using (tenant_id = ${CURRENT_TENANT})
        with check (tenant_id = ${CURRENT_TENANT})`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table tenants.sessions`);
  }
}
