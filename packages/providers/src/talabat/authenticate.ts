import type { ConnectionContext, InboundWebhook, Rejection } from '../adapter';
import { rejection } from '../common/errors';
import { bearerTokenOf } from '../common/json-body';
import { verifyTalabatToken } from './jwt';

export function authenticateTalabat(
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
  return verifyTalabatToken(bearer.token, connection.secrets, now);
}
