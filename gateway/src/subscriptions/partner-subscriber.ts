import { appError, type ApiKeyScope } from '@nexara/kit';
import { isApiKeyShaped } from '../auth/api-keys';
import type { Subscriber, SubscriberAuthenticator } from './subscription-server';
import { connectionToken } from './user-subscriber';
import type { PartnerGateway } from '../partner/partner-gateway';
import { rateLimitedError } from '../partner/partner-rate-limit';

/**
 * The scope each subscription field needs from a key. A field missing here
 * is refused to keys even if the contract shows it: a new subscription is
 * opened to partners on purpose, with its scope, not by tagging alone.
 */
const SUBSCRIPTION_SCOPES: Record<string, ApiKeyScope> = {
  orderChanged: 'orders:read',
};

/**
 * Partner sockets on `/partner/graphql`: the API key in
 * `connectionParams.authorization` ("Bearer nxk_..."), checked like an HTTP
 * request (unknown, revoked or expired: 4401).
 *
 * The key is checked again before every operation and before every delivery
 * rather than on a timer: a revoked key then stops receiving at the very next
 * event, as an HTTP request fails at once (or within PARTNER_KEY_CACHE_MS,
 * the same cache). The cost stays one lookup per event per key however many
 * subscriptions the key has open, as deliveries of one event share the
 * answer. An idle socket of a revoked key receives nothing and closes at its
 * next event or operation.
 *
 * Each query, mutation and new subscription counts against the key's rate
 * limit, shared with its HTTP requests; deliveries do not (the server sends
 * them, the partner does not ask).
 */
export function partnerSubscriberAuthenticator(
  partner: PartnerGateway,
  windowSeconds: number,
): SubscriberAuthenticator {
  return async (connectionParams) => {
    const secret = connectionToken(connectionParams);
    if (!isApiKeyShaped(secret)) return null;
    const identity = await partner.authenticateApiKey(secret);
    if (!identity) return null;
    const subscriber: Subscriber = {
      identity,
      audience: `partner:${[...identity.scopes].sort().join(',')}`,
      stillValid: { key: identity.apiKeyId, check: async () => (await partner.authenticateApiKey(secret)) !== null },
      admit: async ({ type, rootField }) => {
        const state = await partner.perKey.consume(identity.apiKeyId);
        if (!state.allowed) return rateLimitedError(state, windowSeconds, 'websocket');
        if (type !== 'subscription') return null; // queries and mutations are scope-checked by the subgraphs
        const scope = SUBSCRIPTION_SCOPES[rootField];
        if (!scope) return appError('FORBIDDEN', `The subscription "${rootField}" is not available to API keys.`);
        if (!identity.scopes.includes(scope)) return appError('FORBIDDEN', `This API key lacks the ${scope} scope.`);
        return null;
      },
    };
    return subscriber;
  };
}
