import type { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT_TENANT = `nullif(current_setting('app.tenant_id', true), '')::uuid`;
const PLATFORM_ON = `current_setting('app.platform', true) = 'on'`;

/**
 * Partner API keys (`nxk_...`), stored only as hashes, with Row-Level Security
 * and the one door the partner gateway's key check uses to find a key before
 * its tenant is known (`tenants.api_key_for_secret_hash`).
 */
export class CreateApiKeys1795923000000 implements MigrationInterface {
  name = 'CreateApiKeys1795923000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // created_by has no foreign key: a platform admin acting in a tenant creates
    // keys there, but their own user row lives in the operator tenant.
    //
    // secret_hash is a plain SHA-256 of the whole secret. A slow KDF (scrypt,
    // as for passwords) would add nothing: the secret is 32 random bytes, so
    // there is no dictionary to try, and brute-forcing 2^256 values is out of
    // reach at any hashing speed. A fast hash keeps every partner request cheap.
    await queryRunner.query(`
      create table tenants.api_keys (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        name text not null,
        prefix text not null,
        secret_hash bytea not null,
        scopes text[] not null,
        created_by uuid not null,
        created_at timestamptz not null default now(),
        expires_at timestamptz null,
        revoked_at timestamptz null,
        last_used_at timestamptz null,
        constraint api_keys_pkey primary key (tenant_id, id),
        constraint api_keys_tenant_fkey foreign key (tenant_id) references tenants.tenants (id),
        constraint api_keys_name_present check (length(btrim(name)) > 0),
        constraint api_keys_prefix_format check (prefix ~ '^[A-Za-z0-9_-]{12}$'),
        constraint api_keys_secret_hash_length check (octet_length(secret_hash) = 32),
        constraint api_keys_scopes_known check (
          cardinality(scopes) > 0
          and scopes <@ array['orders:read', 'orders:write', 'connections:read']::text[]
        )
      )`);
    // Deliberately not led by tenant_id: the partner gateway finds a key by the
    // hash of the presented secret before any tenant is known (like users.email
    // at login), so a hash must name one key across all tenants.
    await queryRunner.query(`create unique index api_keys_secret_hash_key on tenants.api_keys (secret_hash)`);

    await queryRunner.query(`alter table tenants.api_keys enable row level security`);
    await queryRunner.query(`alter table tenants.api_keys force row level security`);
    await queryRunner.query(`
      create policy tenant_isolation on tenants.api_keys
        using (tenant_id = ${CURRENT_TENANT})
        with check (tenant_id = ${CURRENT_TENANT})`);
    // Key verification must find a key by its hash before the tenant is known,
    // and records when it was last used. Only the owner role gets these policies,
    // so only the security-definer function below (which runs as the owner) can
    // use them: the service role setting app.platform = 'on' still sees no keys.
    // Same approach as login_lookup on tenants.users.
    await queryRunner.query(`
      create policy key_lookup on tenants.api_keys for select to nexara_owner
        using (${PLATFORM_ON})`);
    await queryRunner.query(`
      create policy key_touch on tenants.api_keys for update to nexara_owner
        using (${PLATFORM_ON})
        with check (${PLATFORM_ON})`);

    // Runs as the owner and turns on platform scope inside its body, restoring the
    // caller's value before it returns (see tenants.user_for_login for why it is
    // not a function attribute). Returns the key only while it is active: revoked
    // and expired keys are indistinguishable from unknown ones. last_used_at is
    // written at most once a minute per key, so a busy partner does not turn every
    // request into a write; SKIP LOCKED lets a request that finds another one
    // already touching the row go on without waiting for it.
    await queryRunner.query(`
      create function tenants.api_key_for_secret_hash(p_secret_hash bytea)
        returns table (id uuid, tenant_id uuid, scopes text[])
        language plpgsql
        security definer
        set search_path = tenants, pg_temp
      as $$
      declare
        caller_platform text := current_setting('app.platform', true);
        active_key record;
      begin
        perform set_config('app.platform', 'on', true);
        select k.id, k.tenant_id, k.scopes
          into active_key
          from tenants.api_keys k
          where k.secret_hash = p_secret_hash
            and k.revoked_at is null
            and (k.expires_at is null or k.expires_at > now());
        if found then
          perform 1
            from tenants.api_keys k
            where k.tenant_id = active_key.tenant_id
              and k.id = active_key.id
              and (k.last_used_at is null or k.last_used_at < now() - interval '1 minute')
            for update skip locked;
          if found then
            update tenants.api_keys k
              set last_used_at = now()
              where k.tenant_id = active_key.tenant_id and k.id = active_key.id;
          end if;
          id := active_key.id;
          tenant_id := active_key.tenant_id;
          scopes := active_key.scopes;
          return next;
        end if;
        perform set_config('app.platform', coalesce(caller_platform, ''), true);
      end
      $$`);
    await queryRunner.query(`alter function tenants.api_key_for_secret_hash(bytea) owner to nexara_owner`);
    await queryRunner.query(`revoke execute on function tenants.api_key_for_secret_hash(bytea) from public`);
    await queryRunner.query(`grant execute on function tenants.api_key_for_secret_hash(bytea) to nexara_tenants`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop function tenants.api_key_for_secret_hash(bytea)`);
    await queryRunner.query(`drop table tenants.api_keys`);
  }
}
