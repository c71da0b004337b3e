import type { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_MATCHES = `tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`;

/**
 * The durable webhook inbox: every verified delivery, stored as received
 * (raw bytes, the headers that matter with credentials redacted) before the
 * provider gets its 2xx, and its processing state (attempts, last error,
 * timings, the orders it touched).
 */
export class CreateWebhookEvents1795920400000 implements MigrationInterface {
  name = 'CreateWebhookEvents1795920400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table integrations.webhook_events (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        connection_id uuid not null,
        provider text not null constraint webhook_events_provider_check
          check (provider in ('CAREEM', 'TALABAT', 'DELIVEROO', 'JAHEZ')),
        idempotency_key text not null
          constraint webhook_events_idempotency_key_check check (length(idempotency_key) between 1 and 500),
        method text not null constraint webhook_events_method_check check (method in ('POST', 'PUT')),
        sub_path text not null,
        headers jsonb not null default '{}'::jsonb,
        body bytea not null,
        received_at timestamptz not null,
        status text not null default 'QUEUED' constraint webhook_events_status_check
          check (status in ('QUEUED', 'PROCESSING', 'PROCESSED', 'FAILED', 'DEAD')),
        attempts integer not null default 0 constraint webhook_events_attempts_check check (attempts >= 0),
        -- A replay keeps the attempts made so far but starts a fresh retry budget from here.
        attempts_at_replay integer not null default 0,
        replays integer not null default 0,
        last_error text,
        next_attempt_at timestamptz,
        first_attempt_at timestamptz,
        last_attempt_at timestamptz,
        processed_at timestamptz,
        processing_ms integer,
        order_ids uuid[] not null default '{}',
        constraint webhook_events_pkey primary key (tenant_id, id),
        constraint webhook_events_idempotency_key unique (tenant_id, connection_id, idempotency_key),
        constraint webhook_events_connection_fkey foreign key (tenant_id, connection_id)
          references integrations.connections (tenant_id, id) on delete cascade
      )
    `);
    await queryRunner.query(
      `create index webhook_events_by_time on integrations.webhook_events (tenant_id, received_at desc, id desc)`,
    );
    await queryRunner.query(
      `create index webhook_events_by_connection_status on integrations.webhook_events (tenant_id, connection_id, status)`,
    );

    await queryRunner.query(`alter table integrations.webhook_events enable row level security`);
    await queryRunner.query(`alter table integrations.webhook_events force row level security`);
    await queryRunner.query(
      `create policy webhook_events_tenant_isolation on integrations.webhook_events
         using (${TENANT_MATCHES}) with check (${TENANT_MATCHES})`,
    );

    // A worker killed mid-event leaves it PROCESSING in whatever tenant it was;
    // the sweeper that puts such events back in the queue runs before any tenant
    // is known. stale_webhook_events (below) runs with app.platform = 'on' and
    // needs this read-only policy; it returns ids only, never the delivery.
    await queryRunner.query(
      `create policy webhook_events_platform_read on integrations.webhook_events
         as permissive for select
         using (current_setting('app.platform', true) = 'on')`,
    );
    // Sets app.platform at run time and puts the caller's value back, as
    // integrations.connection_for_key does (and for the same reason).
    await queryRunner.query(`
      create function integrations.stale_webhook_events(p_older_than_ms integer, p_limit integer)
      returns table (tenant_id uuid, id uuid)
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
          select e.tenant_id, e.id
            from integrations.webhook_events e
           where e.status = 'PROCESSING'
             and e.last_attempt_at < now() - make_interval(secs => p_older_than_ms / 1000.0)
           order by e.last_attempt_at
           limit p_limit;
        perform set_config('app.platform', coalesce(caller_platform, ''), true);
      end
      $$
    `);
    await queryRunner.query(`alter function integrations.stale_webhook_events(integer, integer) owner to nexara_owner`);
    await queryRunner.query(`revoke all on function integrations.stale_webhook_events(integer, integer) from public`);
    await queryRunner.query(
      `grant execute on function integrations.stale_webhook_events(integer, integer) to nexara_integrations`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop function integrations.stale_webhook_events(integer, integer)`);
    await queryRunner.query(`drop table integrations.webhook_events`);
  }
}
