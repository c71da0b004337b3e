import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { appError, httpError } from './errors';

export const ROLES = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'MANAGER', 'STAFF'] as const;
export type Role = (typeof ROLES)[number];

/** Partner API key scopes (tenants subgraph issues keys; the partner gateway checks them). */
export const API_KEY_SCOPES = ['orders:read', 'orders:write', 'connections:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * Who is calling, as the gateway (or a trusted service) vouches for it.
 * `tenantId` is the tenant the request acts in: a user's own tenant, or for a
 * platform admin the tenant it chose to act in.
 */
export type Identity =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: string; tenantId: string; role: Role }
  | { kind: 'service'; service: string; tenantId: string | null }
  | { kind: 'partner'; apiKeyId: string; tenantId: string; scopes: ApiKeyScope[] };

/** The header through which the gateway passes the signed identity to subgraphs. */
export const CONTEXT_TOKEN_HEADER = 'x-nexara-context';

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

export async function verifyContextToken(token: string, secret: string): Promise<Identity> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { audience: AUDIENCE, algorithms: [ALGORITHM] });
    const identity = payload['idn'] as Identity | undefined;
    if (!identity || typeof identity !== 'object' || !('kind' in identity)) throw new Error('no identity claim');
    return identity;
  } catch (error) {
    const reason = error instanceof joseErrors.JWTExpired ? 'context token expired' : 'invalid context token';
    throw httpError('UNAUTHENTICATED', `Requests to this service must come through the gateway (${reason}).`);
  }
}

/** Throws unless the caller is a signed-in user with one of `roles` (platform admins may do anything a tenant admin may). */
export function requireUser(identity: Identity, roles: readonly Role[] = ROLES): Extract<Identity, { kind: 'user' }> {
  if (identity.kind !== 'user') throw appError('UNAUTHENTICATED');
  const allowed = roles.includes(identity.role) || (identity.role === 'PLATFORM_ADMIN' && roles.includes('TENANT_ADMIN'));
  if (!allowed) throw appError('FORBIDDEN', `This needs one of the roles ${roles.join(', ')}; you are ${identity.role}.`);
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
