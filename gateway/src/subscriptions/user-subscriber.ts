import { verifyUserToken } from '@nexara/kit';
import { ACTING_TENANT_HEADER } from '../auth/authenticate';
import type { SessionChecker } from '../auth/sessions';
import type { Subscriber, SubscriberAuthenticator } from './subscription-server';

/** The bearer token in graphql-ws `connectionParams.authorization` (browsers cannot set headers on a WebSocket). */
export function connectionToken(connectionParams: Record<string, unknown> | undefined): string {
  const raw = connectionParams?.['authorization'] ?? connectionParams?.['Authorization'];
  return typeof raw === 'string' ? raw.replace(/^Bearer\s+/i, '') : '';
}

/**
 * Dashboard sockets on `/graphql`: the user's access token, and for a
 * platform admin optionally the tenant to act in. Any token problem, or a
 * session that has ended, is a refusal (4401); the socket closes when the
 * token expires or its session ends (see createSubscriptionServer).
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
    // A failing check throws: graphql-ws closes with 4500 ("could not tell"), not 4401.
    if (!(await sessions.isActive(claims.sessionId, claims.tenantId))) return null;
    const acting = connectionParams?.[ACTING_TENANT_HEADER];
    const platformAdmin = claims.role === 'PLATFORM_ADMIN';
    const subscriber: Subscriber = {
      identity: {
        kind: 'user',
        userId: claims.userId,
        role: claims.role,
        sessionId: claims.sessionId,
        tenantId: platformAdmin && typeof acting === 'string' ? acting : claims.tenantId,
      },
      allTenants: platformAdmin && typeof acting !== 'string',
      audience: `user:${claims.role}`,
      expiresAt: claims.expiresAt,
      sessionId: claims.sessionId,
      stillValid: { key: claims.sessionId, check: () => sessions.isActive(claims.sessionId, claims.tenantId) },
    };
    return subscriber;
  };
}
