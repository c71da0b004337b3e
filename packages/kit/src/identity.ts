import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { appError, httpError } from './errors';

export const ROLES = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'MANAGER', 'STAFF'] as const;
export type Role = (typeof ROLES)[number];

/** Partner API key scopes (tenants subgraph issues keys; the partner gateway checks them). */
export const API_KEY_SCOPES = [
  'orders:read',
  'orders:write',
  'connections:read',
  'catalog:read',
  'catalog:write',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * Who is calling, as the gateway (or a trusted service) vouches for it.
 * `tenantId` is the tenant the request acts in: a user's own tenant, or for a
 * platform admin the tenant it chose to act in. A signed-in user's
 * `sessionId` is the session its access token belongs to (`logout` ends it).
 */
export type Identity =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: string; tenantId: string; role: Role; sessionId?: string }
  | { kind: 'service'; service: string; tenantId: string | null }
  | { kind: 'partner'; apiKeyId: string; tenantId: string; scopes: ApiKeyScope[] };

/** The header through which the gateway passes the signed identity to subgraphs. */
export const CONTEXT_TOKEN_HEADER = 'x-nexara-context';

/**
 * The address a client request came from, as the gateway saw it (for sign-in
 * throttling). Subgraphs read it only on requests that carry a valid context
 * token, i.e. from the gateway or another service, never from a client.
 */
export const SOURCE_ADDRESS_HEADER = 'x-nexara-source-address';

const AUDIENCE = 'nexara-subgraph';
const ALGORITHM = 'HS256';

function keyOf(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/**
 * A short-lived token (default 60 s) that carries an identity from the gateway
 * to the subgraphs. Only holders of the internal key can mint one, so subgraphs
 * never trust a header a client could set.
 */
export async function signContextToken(
  identity: Identity,
  secret: string,
  options: { issuer?: string; ttlSeconds?: number } = {},
): Promise<string> {
  return new SignJWT({ idn: identity })
    .setProtectedHeader({ alg: ALGORITHM })
    .setIssuer(options.issuer ?? 'nexara-gateway')
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds ?? 60}s`)
    .sign(keyOf(secret));
}

/**
 * Signs context tokens, reusing one per identity until half its lifetime has
 * passed instead of signing per request: signing is a measurable share of
 * the gateway's CPU per request, and a subgraph that sees a token again
 * skips checking its signature (contextTokenVerifier). A token carries only
 * the identity and its expiry, so one minted a few seconds ago for the same
 * identity says exactly what a new one would. At most `maxEntries` are kept.
 */
export function contextTokenSigner(
  secret: string,
  options: { ttlSeconds?: number; maxEntries?: number; now?: () => number; issuer?: string } = {},
): (identity: Identity) => Promise<string> {
  const ttlSeconds = options.ttlSeconds ?? 60;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const signed = new Map<string, { token: Promise<string>; renewAt: number }>();
  return (identity) => {
    const key = identityKey(identity);
    const current = signed.get(key);
    if (current && now() < current.renewAt) return current.token;
    signed.delete(key);
    if (signed.size >= maxEntries) signed.delete(signed.keys().next().value!);
    const token = signContextToken(identity, secret, { ttlSeconds, issuer: options.issuer });
    signed.set(key, { token, renewAt: now() + (ttlSeconds * 1000) / 2 });
    // A failed signing must not be handed out again.
    token.catch(() => signed.delete(key));
    return token;
  };
}

/** The same string for identities with the same fields, whatever order they were written in. */
function identityKey(identity: Identity): string {
  return JSON.stringify(Object.entries(identity).sort(([a], [b]) => a.localeCompare(b)));
}

export async function verifyContextToken(token: string, secret: string): Promise<Identity> {
  return (await verifiedContextToken(token, secret)).identity;
}

/** The identity a valid token carries and when the token expires (epoch ms), or UNAUTHENTICATED. */
async function verifiedContextToken(token: string, secret: string): Promise<{ identity: Identity; expiresAt: number }> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      audience: AUDIENCE,
      algorithms: [ALGORITHM],
      requiredClaims: ['exp'],
    });
    const identity = payload['idn'] as Identity | undefined;
    if (!identity || typeof identity !== 'object' || !('kind' in identity)) throw new Error('no identity claim');
    return { identity, expiresAt: payload.exp! * 1000 };
  } catch (error) {
    const reason = error instanceof joseErrors.JWTExpired ? 'context token expired' : 'invalid context token';
    throw httpError('UNAUTHENTICATED', `Requests to this service must come through the gateway (${reason}).`);
  }
}

/**
 * `verifyContextToken` for a service that sees the same tokens again and
 * again (a service calling it reuses its token, see reusableContextToken):
 * a token verified once is trusted until it expires, without checking its
 * signature again. Only valid tokens are remembered, at most `maxEntries`.
 */
export function contextTokenVerifier(
  secret: string,
  options: { maxEntries?: number; now?: () => number } = {},
): (token: string) => Promise<Identity> {
  const maxEntries = options.maxEntries ?? 1_000;
  const now = options.now ?? Date.now;
  const verified = new Map<string, { identity: Identity; expiresAt: number }>();
  return async (token) => {
    const known = verified.get(token);
    if (known && now() < known.expiresAt) return known.identity;
    verified.delete(token);
    const fresh = await verifiedContextToken(token, secret);
    if (verified.size >= maxEntries) verified.delete(verified.keys().next().value!);
    verified.set(token, fresh);
    return fresh.identity;
  };
}

/** Throws unless the caller is a signed-in user with one of `roles` (platform admins may do anything a tenant admin may). */
export function requireUser(identity: Identity, roles: readonly Role[] = ROLES): Extract<Identity, { kind: 'user' }> {
  if (identity.kind !== 'user') throw appError('UNAUTHENTICATED');
  const allowed =
    roles.includes(identity.role) || (identity.role === 'PLATFORM_ADMIN' && roles.includes('TENANT_ADMIN'));
  if (!allowed)
    throw appError('FORBIDDEN', `This needs one of the roles ${roles.join(', ')}; you are ${identity.role}.`);
  return identity;
}

/** Throws unless the caller is an internal service (worker, webhook shim, seeder). */
export function requireService(identity: Identity): Extract<Identity, { kind: 'service' }> {
  if (identity.kind !== 'service') throw appError('FORBIDDEN', 'This operation is internal to Nexara.');
  return identity;
}

/** The tenant a request acts in, for callers that may read tenant data (users, partners, services). */
export function actingTenantId(identity: Identity): string {
  if (identity.kind === 'anonymous') throw appError('UNAUTHENTICATED');
  if (!identity.tenantId) throw appError('BAD_USER_INPUT', 'This request needs a tenant to act in.');
  return identity.tenantId;
}
