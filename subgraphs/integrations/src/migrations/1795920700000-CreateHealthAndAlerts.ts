import type { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_MATCHES = `tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`;

const TENANT_TABLES = ['connection_health_settings', 'callback_outcomes', 'alerts'];

/**
 * Integration health and alerts:
 * - an index that serves each connection's last-hour window and last delivery
 *   straight from the index (status and timing included), so health stays a
 *   few index range scans per connection however many events there are;
 * - per-connection expected hours (the tenants subgraph models no opening hours),
 *   which decide when silence means something is wrong;
 * - the outcome of every provider callback, per connection (the orders subgraph
 *   keeps them per order; alerts need them per connection, in this schema);
 * - alerts, one unresolved alert per (rule, subject) enforced by a partial unique index.
 */
export class CreateHealthAndAlerts1795920700000 implements MigrationInterface {
  name = 'CreateHealthAndAlerts1795920700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `create index webhook_events_connection_window
         on integrations.webhook_events (tenant_id, connection_id, received_at desc)
         include (status, processing_ms)`,
    );

    await queryRunner.query(`
      create table integrations.connection_health_settings (
        tenant_id uuid not null,
        connection_id uuid not null,
        silent_after_minutes integer not null default 60
          constraint connection_health_settings_silent_check check (silent_after_minutes between 5 and 10080),
        opens_at time,
        closes_at time,
        time_zone text not null default 'UTC',
        updated_at timestamptz not null default now(),
        constraint connection_health_settings_pkey primary key (tenant_id, connection_id),
        constraint connection_health_settings_hours_check check ((opens_at is null) = (closes_at is null)),
        constraint connection_health_settings_connection_fkey foreign key (tenant_id, connection_id)
          references integrations.connections (tenant_id, id) on delete cascade
      )`);

    await queryRunner.query(`
      create table integrations.callback_outcomes (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        connection_id uuid not null,
        -- null for Deliveroo's sync_status failed: that delivery never became an order
        order_id uuid,
        action text not null,
        outcome text not null constraint callback_outcomes_outcome_check
          check (outcome in ('DELIVERED', 'RETRYING', 'FAILED', 'NOT_SUPPORTED')),
        attempt integer not null,
        http_status integer,
        at timestamptz not null default now(),
        constraint callback_outcomes_pkey primary key (tenant_id, id),
        constraint callback_outcomes_connection_fkey foreign key (tenant_id, connection_id)
          references integrations.connections (tenant_id, id) on delete cascade
      )`);
    await queryRunner.query(
      `create index callback_outcomes_by_connection on integrations.callback_outcomes (tenant_id, connection_id, at desc) include (outcome)`,
    );

    await queryRunner.query(`
      create table integrations.alerts (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        rule text not null constraint alerts_rule_check check (rule in
          ('WEBHOOK_EVENTS_STOPPED', 'AUTH_FAILURE_BURST', 'CONNECTION_SILENT', 'ACCEPTANCE_AT_RISK', 'CALLBACKS_FAILING')),
        subject_type text not null constraint alerts_subject_type_check check (subject_type in ('ProviderConnection', 'Order')),
        subject_id uuid not null,
        connection_id uuid,
        status text not null default 'OPEN' constraint alerts_status_check check (status in ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
        message text not null,
        detail jsonb not null default '{}'::jsonb,
        opened_at timestamptz not null default now(),
        last_seen_at timestamptz not null default now(),
        acknowledged_at timestamptz,
        acknowledged_by text,
        resolved_at timestamptz,
        resolved_by text,
        constraint alerts_pkey primary key (tenant_id, id),
        constraint alerts_resolution_check check ((status = 'RESOLVED') = (resolved_at is not null))
      )`);
    // Deduplication: while an alert is unresolved (OPEN or ACKNOWLEDGED), evaluating its rule
    // again for the same subject finds it instead of opening another.
    await queryRunner.query(
      `create unique index alerts_one_unresolved on integrations.alerts (tenant_id, rule, subject_id) where status <> 'RESOLVED'`,
    );
    await queryRunner.query(
      `create index alerts_by_status on integrations.alerts (tenant_id, status, opened_at desc, id desc)`,
    );

    for (const table of TENANT_TABLES) {
      await queryRunner.query(`alter table integrations.${table} enable row level security`);
      await queryRunner.query(`alter table integrations.${table} force row level security`);
      await queryRunner.query(
        `create policy ${table}_tenant_isolation on integrations.${table} using (${TENANT_MATCHES}) with check (${TENANT_MATCHES})`,
      );
    }

    // The alert evaluator walks every tenant that has a connection, before it acts in any of them.
    // Like stale_webhook_events, it sets app.platform only inside, and returns tenant ids only.
    await queryRunner.query(`
      create function integrations.tenants_with_connections()
      returns table (tenant_id uuid)
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
        return query select distinct c.tenant_id from integrations.connections c;
        perform set_config('app.platform', coalesce(caller_platform, ''), true);
      end
      $$`);
    await queryRunner.query(`alter function integrations.tenants_with_connections() owner to nexara_owner`);
    await queryRunner.query(`revoke all on function integrations.tenants_with_connections() from public`);
    await queryRunner.query(`grant execute on function integrations.tenants_with_connections() to nexara_integrations`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop function integrations.tenants_with_connections()`);
    for (const table of [...TENANT_TABLES].reverse()) await queryRunner.query(`drop table integrations.${table}`);
    await queryRunner.query(`drop index integrations.webhook_events_connection_window`);
  }
}
