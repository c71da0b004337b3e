import type { ConnectionContext, InboundWebhook, Rejection } from '../../adapter';
import { rejection } from '../errors';
import { bearerTokenOf } from '../json-body';
import { verifyMiddlewareToken } from './jwt';

export function authenticateDeliveryHero(
  request: InboundWebhook,
  connection: ConnectionContext,
  now: Date,
): Rejection | null {
  const bearer = bearerTokenOf(request);
  if ('problem' in bearer) {
    return bearer.problem === 'absent'
      ? rejection(401, 'MISSING_TOKEN', 'The Authorization header is missing.')
      : rejection(401, 'INVALID_TOKEN', 'The Authorization header must be "Bearer <JWT>".');
  }
  return verifyMiddlewareToken(bearer.token, connection.secrets, now);
}
