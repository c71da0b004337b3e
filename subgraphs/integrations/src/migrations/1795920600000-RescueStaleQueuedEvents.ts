import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A job can also be lost while its event is still QUEUED: the worker took it,
 * then lost its database (a restart, a failover) before claiming the event,
 * and graphile-worker keeps that job locked for hours. So an event QUEUED and
 * due for longer than the stale limit is rescued like one stuck PROCESSING.
 */
export class RescueStaleQueuedEvents1795920600000 implements MigrationInterface {
  name = 'RescueStaleQueuedEvents1795920600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      staleFunction(`(e.status = 'PROCESSING' and e.last_attempt_at < cutoff)
                or (e.status = 'QUEUED' and coalesce(e.next_attempt_at, e.received_at) < cutoff)`),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(staleFunction(`e.status = 'PROCESSING' and e.last_attempt_at < cutoff`));
  }
}

/** The function with `condition` choosing the stale deliveries (shared with later migrations that change it). */
export function staleFunction(condition: string): string {
  return `
    create or replace function integrations.stale_webhook_events(p_older_than_ms integer, p_limit integer)
    returns table (tenant_id uuid, id uuid)
    language plpgsql
    volatile
    security definer
    set search_path = integrations, pg_temp
    as $$
    #variable_conflict use_column
    declare
      caller_platform text := current_setting('app.platform', true);
      cutoff timestamptz := now() - make_interval(secs => p_older_than_ms / 1000.0);
    begin
      perform set_config('app.platform', 'on', true);
      return query
        select e.tenant_id, e.id
          from integrations.webhook_events e
         where ${condition}
         order by e.received_at
         limit p_limit;
      perform set_config('app.platform', coalesce(caller_platform, ''), true);
    end
    $$`;
}
