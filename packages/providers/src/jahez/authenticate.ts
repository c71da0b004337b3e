import type { ConnectionContext, InboundWebhook, Rejection } from '../adapter';
import { matchesAny } from '../common/compare';
import { rejection } from '../common/errors';
import { bearerTokenOf } from '../common/json-body';

export const JAHEZ_REQUEST_ID_HEADER = 'x-request-id';

/**
 * `Authorization: Bearer <connection token>`, compared in constant time with
 * every secret of the connection. The required `X-Request-Id` is the
 * idempotency key and is checked by `idempotencyKey` (400 when missing), so a
 * caller without the token learns nothing about it.
 */
export function authenticateJahez(request: InboundWebhook, connection: ConnectionContext): Rejection | null {
  const bearer = bearerTokenOf(request);
  if ('problem' in bearer) {
    return bearer.problem === 'absent'
      ? rejection(401, 'MISSING_TOKEN', 'The Authorization header is missing.')
      : rejection(401, 'INVALID_TOKEN', 'The Authorization header must be "Bearer <token>".');
  }
  return matchesAny(connection.secrets, bearer.token)
    ? null
    : rejection(401, 'INVALID_TOKEN', "The bearer token is not this connection's Jahez token.");
}
