import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { httpError } from './errors';
import { ROLES, type Role } from './identity';

/**
 * Claims of the token `login` returns and the gateway verifies on every request.
 * `sessionId` names the row in `tenants.sessions` the gateway checks is still
 * open (see docs/security.md): a token outlives nothing its session does not.
 */
export type UserTokenClaims = { userId: string; tenantId: string; role: Role; sessionId: string };

const ISSUER = 'nexara';
const AUDIENCE = 'nexara-api';
const ALGORITHM = 'HS256';
const key = (secret: string): Uint8Array => new TextEncoder().encode(secret);

export async function signUserToken(
  claims: UserTokenClaims,
  secret: string,
  ttlSeconds: number,
  now: Date = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = new Date((issuedAt + ttlSeconds) * 1000);
  const token = await new SignJWT({ tid: claims.tenantId, role: claims.role, sid: claims.sessionId })
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key(secret));
  return { token, expiresAt };
}

/** Throws UNAUTHENTICATED with a message that says whether to sign in again (expired) or fix the client (invalid). */
export async function verifyUserToken(token: string, secret: string): Promise<UserTokenClaims & { expiresAt: Date }> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: [ALGORITHM],
    });
    const role = payload['role'];
    const tenantId = payload['tid'];
    const sessionId = payload['sid'];
    if (
      typeof payload.sub !== 'string' ||
      typeof tenantId !== 'string' ||
      typeof sessionId !== 'string' ||
      !ROLES.includes(role as Role)
    ) {
      throw new Error('missing claims');
    }
    return {
      userId: payload.sub,
      tenantId,
      role: role as Role,
      sessionId,
      expiresAt: new Date((payload.exp ?? 0) * 1000),
    };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) {
      throw httpError('UNAUTHENTICATED', 'Your session has expired; sign in again.', { reason: 'TOKEN_EXPIRED' });
    }
    throw httpError('UNAUTHENTICATED', 'The access token is not valid; sign in again.', { reason: 'TOKEN_INVALID' });
  }
}
