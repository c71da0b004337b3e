import { createHash } from 'node:crypto';
import { API_KEY_SCOPES, CONTEXT_TOKEN_HEADER, signContextToken, type ApiKeyScope, type Identity } from '@nexara/kit';

export type PartnerIdentity = Extract<Identity, { kind: 'partner' }>;

/** Who a presented secret is, or null for an unknown, revoked, expired or malformed key. */
export type ApiKeyAuthenticator = (secret: string) => Promise<PartnerIdentity | null>;

/** A partner key: `nxk_` then 43 base64url characters (the tenants subgraph issues them so). */
const API_KEY_PATTERN = /^nxk_[A-Za-z0-9_-]{43}$/;

export function isApiKeyShaped(token: string): boolean {
  return API_KEY_PATTERN.test(token);
}

const AUTHENTICATE_API_KEY = `mutation AuthenticateApiKey($secret: String!) {
  authenticateApiKey(secret: $secret) { apiKeyId tenantId scopes }
}`;

type AuthenticateAnswer = {
  data?: { authenticateApiKey: { apiKeyId: string; tenantId: string; scopes: string[] } | null } | null;
  errors?: { message: string }[];
};

const isScope = (scope: string): scope is ApiKeyScope => (API_KEY_SCOPES as readonly string[]).includes(scope);

/**
 * Resolves API keys by calling the tenants subgraph's internal
 * `authenticateApiKey` directly (it is @inaccessible in the supergraph) as
 * the gateway service. The tenants subgraph stores only hashes and answers
 * null for any key that is not active, and records the key's use.
 *
 * `cacheMs` (at most 5 s; 0 turns it off) keeps a verified answer that long,
 * keyed by the secret's hash: a revoked or expired key then keeps working at
 * most `cacheMs`. With 0, revocation and expiry apply to the very next request.
 * Only positive answers are kept, so a key works the moment it is created.
 * Anything but an answer (network, HTTP or GraphQL error) throws: the caller
 * gets a masked 500, never a silent "unknown key".
 */
export function createApiKeyAuthenticator(options: {
  tenantsUrl: string;
  internalTokenSecret: string;
  cacheMs: number;
  timeoutMs: number;
  now?: () => number;
}): ApiKeyAuthenticator {
  const now = options.now ?? Date.now;
  const cacheMs = Math.min(Math.max(options.cacheMs, 0), 5_000);
  const cache = new Map<string, { identity: PartnerIdentity; until: number }>();
  const MAX_CACHED = 10_000;

  return async function authenticateApiKey(secret) {
    if (!isApiKeyShaped(secret)) return null;
    const key = createHash('sha256').update(secret).digest('base64url');
    const cached = cache.get(key);
    if (cached && cached.until > now()) return cached.identity;
    cache.delete(key);

    const token = await signContextToken(
      { kind: 'service', service: 'gateway', tenantId: null },
      options.internalTokenSecret,
    );
    const response = await fetch(options.tenantsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CONTEXT_TOKEN_HEADER]: token },
      body: JSON.stringify({ query: AUTHENTICATE_API_KEY, variables: { secret } }),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const answer = (await response.json().catch(() => null)) as AuthenticateAnswer | null;
    if (!response.ok || !answer || answer.errors?.length || answer.data === undefined || answer.data === null) {
      throw new Error(
        `authenticateApiKey failed: HTTP ${response.status} ${answer?.errors?.map((e) => e.message).join('; ') ?? 'no GraphQL answer'}`,
      );
    }
    const found = answer.data.authenticateApiKey;
    if (!found) return null;
    const identity: PartnerIdentity = {
      kind: 'partner',
      apiKeyId: found.apiKeyId,
      tenantId: found.tenantId,
      scopes: found.scopes.filter(isScope),
    };
    if (cacheMs > 0) {
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
      cache.set(key, { identity, until: now() + cacheMs });
    }
    return identity;
  };
}
