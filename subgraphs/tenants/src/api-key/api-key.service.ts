import {
  API_KEY_SCOPES,
  appError,
  inTenantTransaction,
  requireService,
  requireUser,
  scopeOf,
  type ApiKeyScope,
  type Identity,
} from '@nexara/kit';
import type { DataSource } from 'typeorm';
import { IsNull } from 'typeorm';
import { isUuid, normalizeName } from '../common/validation';
import { generateApiKeySecret, hashApiKeySecret } from './api-key-secret';
import { ApiKey } from './api-key.entity';

export type NewApiKey = { name: string; scopes: readonly string[]; expiresAt?: Date | null };

export type CreatedApiKey = { apiKey: ApiKey; secret: string };

/** What a valid key stands for; the partner gateway turns it into a `partner` identity. */
export type ApiKeyIdentityResult = { apiKeyId: string; tenantId: string; scopes: ApiKeyScope[] };

type KeyRow = { id: string; tenant_id: string; scopes: string[] };

const KEY_MANAGERS = ['TENANT_ADMIN'] as const;

function isScope(value: string): value is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(value);
}

/** Known scopes, each once, in the kit's order; at least one. */
export function normalizeScopes(scopes: readonly string[]): ApiKeyScope[] {
  const unknown = scopes.filter((scope) => !isScope(scope));
  if (unknown.length > 0) {
    throw appError('BAD_USER_INPUT', `scopes: unknown scope ${unknown.join(', ')}.`, { field: 'scopes' });
  }
  const wanted = API_KEY_SCOPES.filter((scope) => scopes.includes(scope));
  if (wanted.length === 0) throw appError('BAD_USER_INPUT', 'scopes: give at least one scope.', { field: 'scopes' });
  return wanted;
}

export function checkExpiry(expiresAt: Date | null | undefined, now = new Date()): Date | null {
  if (expiresAt === null || expiresAt === undefined) return null;
  if (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= now.getTime()) {
    throw appError('BAD_USER_INPUT', 'expiresAt: must be in the future (or null for a key that does not expire).', {
      field: 'expiresAt',
    });
  }
  return expiresAt;
}

export function isActive(key: Pick<ApiKey, 'revokedAt' | 'expiresAt'>, now = new Date()): boolean {
  return key.revokedAt === null && (key.expiresAt === null || key.expiresAt.getTime() > now.getTime());
}

function notFound() {
  return appError('NOT_FOUND', 'No API key with that id exists in your tenant.');
}

export class ApiKeyService {
  constructor(private readonly dataSource: DataSource) {}

  async listApiKeys(identity: Identity): Promise<ApiKey[]> {
    const caller = requireUser(identity, KEY_MANAGERS);
    return inTenantTransaction(this.dataSource, scopeOf(caller), (manager) =>
      manager.find(ApiKey, { order: { createdAt: 'ASC', id: 'ASC' } }),
    );
  }

  /** A new key in the caller's tenant. The secret is returned here and nowhere else: only its hash is stored. */
  async createApiKey(identity: Identity, input: NewApiKey): Promise<CreatedApiKey> {
    const caller = requireUser(identity, KEY_MANAGERS);
    const name = normalizeName(input.name);
    const scopes = normalizeScopes(input.scopes);
    const expiresAt = checkExpiry(input.expiresAt);
    const { secret, prefix, hash } = generateApiKeySecret();
    const tenantId = caller.tenantId;
    const apiKey = await inTenantTransaction(this.dataSource, scopeOf(caller), async (manager) => {
      const key = manager.create(ApiKey, {
        tenantId,
        name,
        prefix,
        secretHash: hash,
        scopes,
        createdBy: caller.userId,
        expiresAt,
        revokedAt: null,
        lastUsedAt: null,
      });
      await manager.insert(ApiKey, key);
      // Read back without the hash, so nothing derived from the secret travels further.
      return manager.findOneByOrFail(ApiKey, { tenantId, id: key.id });
    });
    return { apiKey, secret };
  }

  /** Takes effect on the next request that presents the key. Idempotent: the first revocation time is kept. */
  async revokeApiKey(identity: Identity, id: string): Promise<ApiKey> {
    const caller = requireUser(identity, KEY_MANAGERS);
    if (!isUuid(id)) throw notFound();
    const tenantId = caller.tenantId;
    return inTenantTransaction(this.dataSource, scopeOf(caller), async (manager) => {
      await manager.update(ApiKey, { tenantId, id, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
      const key = await manager.findOneBy(ApiKey, { tenantId, id });
      if (!key) throw notFound();
      return key;
    });
  }

  /**
   * For the partner gateway (internal services only): the identity behind a
   * presented secret, or null when it is unknown, revoked, expired or malformed.
   * Every case takes the same path (hash, then one indexed lookup) and gives
   * the same null, so neither the answer nor its timing tells them apart; a
   * malformed secret needs no separate check, as only well-formed secrets ever
   * had their hash stored. No caching: revocation applies to the next call.
   */
  async authenticateApiKey(identity: Identity, secret: string): Promise<ApiKeyIdentityResult | null> {
    requireService(identity);
    const hash = hashApiKeySecret(secret);
    // No tenant is known yet: the security-definer function finds the key by
    // its hash, returns it only while active and records its use.
    const rows = await inTenantTransaction(
      this.dataSource,
      { tenantId: null },
      async (manager) =>
        (await manager.query('select id, tenant_id, scopes from tenants.api_key_for_secret_hash($1)', [
          hash,
        ])) as KeyRow[],
    );
    const row = rows[0];
    if (!row) return null;
    return { apiKeyId: row.id, tenantId: row.tenant_id, scopes: row.scopes.filter(isScope) };
  }

  /**
   * `_entities`: a key of the caller's own tenant, and only for callers who may
   * manage keys (tenant admins, platform admins acting there, internal services)
   * or for a partner, its own key. Anything else is null.
   */
  async findVisibleApiKey(identity: Identity, id: string): Promise<ApiKey | null> {
    if (!isUuid(id) || identity.kind === 'anonymous' || !identity.tenantId) return null;
    if (identity.kind === 'user' && identity.role !== 'TENANT_ADMIN' && identity.role !== 'PLATFORM_ADMIN') return null;
    if (identity.kind === 'partner' && identity.apiKeyId !== id) return null;
    const tenantId = identity.tenantId;
    return inTenantTransaction(this.dataSource, scopeOf(identity), (manager) =>
      manager.findOneBy(ApiKey, { tenantId, id }),
    );
  }
}
