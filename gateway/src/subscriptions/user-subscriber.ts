import { verifyUserToken } from '@nexara/kit';
import { ACTING_TENANT_HEADER } from '../auth/authenticate';
import type { SessionChecker } from '../auth/sessions';
import { SESSION_ENDED, type Subscriber, type SubscriberAuthenticator } from './subscription-server';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The bearer token in graphql-ws `connectionParams.authorization` (browsers cannot set headers on a WebSocket). */
export function connectionToken(connectionParams: Record<string, unknown> | undefined): string {
  const raw = connectionParams?.['authorization'] ?? connectionParams?.['Authorization'];
  return typeof raw === 'string' ? raw.replace(/^Bearer\s+/i, '') : '';
}

/**
 * Dashboard sockets on `/graphql`: the user's access token, and for a
 * platform admin optionally the tenant to act in (else its own): the socket
 * receives that one tenant's events and no other's. Any token problem is a
 * refusal (4401), a session that has ended is one that says so; the socket
 * closes when the token expires or its session ends (see
 * createSubscriptionServer).
 */
export function userSubscriberAuthenticator(
  authTokenSecret: string,
  sessions: SessionChecker,
): SubscriberAuthenticator {
  return async (connectionParams) => {
    const token = connectionToken(connectionParams);
    if (!token) return null;
    const claims = await verifyUserToken(token, authTokenSecret).catch(() => null);
    if (!claims) return null;
    // A failing check throws: graphql-ws closes with 4500 ("could not tell"), not 4401. A valid token whose session
    // is over was ended before its time (an expired token fails above), as HTTP tells it (sessionEndedError).
    if (!(await sessions.isActive(claims.sessionId, claims.tenantId))) return SESSION_ENDED;
    const acting = connectionParams?.[ACTING_TENANT_HEADER];
    const platformAdmin = claims.role === 'PLATFORM_ADMIN';
    // As on HTTP: only a platform admin picks a tenant, and only by its id; anything else is refused.
    if (acting !== undefined && (!platformAdmin || typeof acting !== 'string' || !UUID.test(acting))) return null;
    const subscriber: Subscriber = {
      identity: {
        kind: 'user',
        userId: claims.userId,
        role: claims.role,
        sessionId: claims.sessionId,
        tenantId: typeof acting === 'string' ? acting : claims.tenantId,
      },
      audience: `user:${claims.role}`,
      expiresAt: claims.expiresAt,
      sessionId: claims.sessionId,
      stillValid: { key: claims.sessionId, check: () => sessions.isActive(claims.sessionId, claims.tenantId) },
    };
    return subscriber;
  };
}
