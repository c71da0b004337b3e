import { HeaderMap } from '@apollo/server';
import { httpError, verifyUserToken, type Identity } from '@nexara/kit';
import { GraphQLError } from 'graphql';
import type { ApiKeyAuthenticator, PartnerIdentity } from './api-keys';
import type { SessionChecker } from './sessions';

/** A platform admin picks the tenant it acts in with this header (the dashboard's tenant switcher). */
export const ACTING_TENANT_HEADER = 'x-nexara-tenant';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Headers = Record<string, string | string[] | undefined>;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The answer for a token whose session is over (signed out, disabled, role or password changed). */
export function sessionEndedError(): GraphQLError {
  return httpError('UNAUTHENTICATED', 'Your session has ended; sign in again.', { reason: 'SESSION_ENDED' });
}

/**
 * The caller of a dashboard request: anonymous (only `login` will accept it),
 * or the user its bearer token names, while the token's session is open. An
 * expired, forged or ended token is an error, never a silent downgrade to
 * anonymous, so the client knows to sign in again.
 */
export async function authenticateUser(
  headers: Headers,
  authTokenSecret: string,
  sessions: SessionChecker,
): Promise<Identity> {
  const authorization = single(headers['authorization']);
  if (!authorization) return { kind: 'anonymous' };
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw httpError('UNAUTHENTICATED', 'Authorization must be "Bearer <token>".');
  const token = match[1]!;
  if (token.startsWith('nxk_')) {
    throw httpError('UNAUTHENTICATED', 'API keys are for the partner endpoint /partner/graphql, not /graphql.');
  }
  const claims = await verifyUserToken(token, authTokenSecret);
  if (!(await sessions.isActive(claims.sessionId, claims.tenantId))) throw sessionEndedError();
  let tenantId = claims.tenantId;
  const acting = single(headers[ACTING_TENANT_HEADER]);
  if (acting) {
    if (claims.role !== 'PLATFORM_ADMIN')
      throw httpError('FORBIDDEN', 'Only platform admins may act in another tenant.');
    if (!UUID.test(acting)) throw httpError('BAD_USER_INPUT', `${ACTING_TENANT_HEADER} must be a tenant id.`);
    tenantId = acting;
  }
  return { kind: 'user', userId: claims.userId, tenantId, role: claims.role, sessionId: claims.sessionId };
}

/** 401 for the partner endpoint, with the `WWW-Authenticate` challenge HTTP clients expect. */
export function partnerUnauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'UNAUTHENTICATED',
      http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer realm="nexara-partner"']]) },
    },
  });
}

/**
 * The caller of a partner request: the API key in `Authorization: Bearer nxk_...`,
 * and nothing else (no anonymous access, no dashboard tokens).
 */
export async function authenticatePartner(
  headers: Headers,
  authenticateApiKey: ApiKeyAuthenticator,
): Promise<PartnerIdentity> {
  const authorization = single(headers['authorization']);
  if (!authorization) throw partnerUnauthenticated('Send your API key as "Authorization: Bearer nxk_...".');
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw partnerUnauthenticated('Authorization must be "Bearer nxk_...".');
  const token = match[1]!;
  if (!token.startsWith('nxk_')) {
    throw partnerUnauthenticated(
      'The partner API accepts API keys (nxk_...) only; dashboard sign-in tokens work on /graphql.',
    );
  }
  const identity = await authenticateApiKey(token);
  if (!identity) throw partnerUnauthenticated('The API key is unknown, revoked or expired.');
  return identity;
}
