import type { MigrationInterface, QueryRunner } from 'typeorm';

const SIGNATURE =
  'integrations.store_webhook_events(uuid[], uuid[], uuid[], text[], text[], text[], text[], jsonb[], bytea[], timestamptz[], text, json[], smallint, text[])';

/**
 * Stores a batch of deliveries and queues the processing of each new one,
 * in one statement: the webhook inbox writes whatever deliveries arrived
 * together in one round trip and one commit. Under load, per-delivery
 * transactions spent most of the database's time on what every commit and
 * every `graphile_worker.add_job` costs (a job through `add_jobs` is about
 * six times cheaper in a batch of ten than alone).
 *
 * Called on its own (autocommit), the statement is the transaction: the
 * events and their jobs commit together or not at all. It runs as the caller
 * (security invoker) and sets the tenant scope (`set_config(..., true)`,
 * ended by the commit) before each tenant's rows, so row-level security
 * checks every insert as before. Arrays are parallel, one element per
 * delivery; the task, payloads and job keys come from the caller
 * (webhook-jobs.ts). Answers, for each delivery by its ordinal (1-based),
 * the id it is stored under and whether it was already there: a key already
 * stored, or earlier in the same batch.
 */
export class StoreWebhookEventsFunction1795920800000 implements MigrationInterface {
  name = 'StoreWebhookEventsFunction1795920800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(storeWebhookEventsSql('create', 'each tenant'));
    await queryRunner.query(`revoke all on function ${SIGNATURE} from public`);
    await queryRunner.query(`grant execute on function ${SIGNATURE} to nexara_integrations`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop function ${SIGNATURE}`);
  }
}

/**
 * The function's text. `jobs`: when the new deliveries' jobs are queued:
 * after each tenant's insert (as first written), or once for the whole batch
 * after the loop (1797200000000-OneJobCallPerStore.ts).
 */
export function storeWebhookEventsSql(
  verb: 'create' | 'create or replace',
  jobs: 'each tenant' | 'whole batch',
): string {
  return `
      ${verb} function integrations.store_webhook_events(
        p_tenant_ids uuid[], p_ids uuid[], p_connection_ids uuid[], p_providers text[], p_idempotency_keys text[],
        p_methods text[], p_sub_paths text[], p_headers jsonb[], p_bodies bytea[], p_received_at timestamptz[],
        p_task text, p_job_payloads json[], p_job_max_attempts smallint, p_job_keys text[])
      returns table (ordinal integer, id uuid, duplicate boolean)
      language plpgsql
      volatile
      security invoker
      set search_path = integrations, pg_temp
      as $$
      #variable_conflict use_column
      declare
        tenant uuid;
        stored uuid[];
        all_stored uuid[] := '{}';
      begin
        for tenant in select distinct t from unnest(p_tenant_ids) as t loop
          perform set_config('app.tenant_id', tenant::text, true), set_config('app.platform', 'off', true);
          with inserted as (
            insert into integrations.webhook_events
                   (tenant_id, id, connection_id, provider, idempotency_key, method, sub_path, headers, body, received_at)
            select d.tenant_id, d.id, d.connection_id, d.provider, d.idempotency_key, d.method, d.sub_path, d.headers, d.body, d.received_at
              from unnest(p_tenant_ids, p_ids, p_connection_ids, p_providers, p_idempotency_keys,
                          p_methods, p_sub_paths, p_headers, p_bodies, p_received_at)
                   with ordinality as d(tenant_id, id, connection_id, provider, idempotency_key,
                                        method, sub_path, headers, body, received_at, n)
             where d.tenant_id = tenant
             order by d.n
            on conflict (tenant_id, connection_id, idempotency_key) do nothing
            returning webhook_events.id
          )
          select array_agg(inserted.id) into stored from inserted;
${jobs === 'each tenant' ? queueJobs('stored') : KEEP_STORED}          -- Stored now: its own id. Otherwise (rare) the one already stored under its key.
          return query
            select d.n::integer, d.id, false
              from unnest(p_ids, p_tenant_ids) with ordinality as d(id, tenant_id, n)
             where d.tenant_id = tenant and d.id = any(stored);
          return query
            select d.n::integer, e.id, true
              from unnest(p_tenant_ids, p_ids, p_connection_ids, p_idempotency_keys)
                   with ordinality as d(tenant_id, id, connection_id, idempotency_key, n)
              join integrations.webhook_events e
                on e.tenant_id = d.tenant_id and e.connection_id = d.connection_id and e.idempotency_key = d.idempotency_key
             where d.tenant_id = tenant and not (d.id = any(coalesce(stored, '{}')));
        end loop;
${jobs === 'whole batch' ? queueJobs('all_stored') : ''}      end
      $$`;
}

const KEEP_STORED = `          all_stored := all_stored || coalesce(stored, '{}');\n`;

/** One `add_jobs` call for the deliveries whose ids are in the array variable `ids`, in the batch's order. */
function queueJobs(ids: string): string {
  return `          if cardinality(${ids}) > 0 then
            perform graphile_worker.add_jobs(array(
              select (p_task, p_job_payloads[j.n], null, null, p_job_max_attempts, p_job_keys[j.n], null, null)::graphile_worker.job_spec
                from unnest(p_ids) with ordinality as j(id, n)
               where j.id = any(${ids})
               order by j.n));
          end if;
`;
}
