import type { InboundWebhook, ProviderAdapter, Rejection } from '../adapter';
import { keyOrThrow, PayloadError } from '../common/errors';
import { checkedIdempotencyKey, jsonObjectOf, malformedJson } from '../common/json-body';
import { unknownRoute } from '../common/routes';
import { answerTalabat } from './answer';
import { authenticateTalabat } from './authenticate';
import { buildTalabatCallback } from './callbacks';
import { parseTalabat } from './parse';
import { talabatRoute } from './routes';

/**
 * The new order's `token`; a status call has no id of its own, so its key is
 * the fact it reports: `posOrderStatus:<remoteOrderId>:<status>` (the same
 * status for the same order twice is the same delivery).
 */
function talabatIdempotencyKey(request: InboundWebhook): string | Rejection {
  const route = talabatRoute(request.method, request.subPath);
  if (!route) return unknownRoute('Talabat', request.method, request.subPath);
  const body = jsonObjectOf(request.rawBody);
  if (!body) return malformedJson();
  if (route.kind === 'NEW_ORDER') return checkedIdempotencyKey(body['token'], 'The body field token');
  const status = checkedIdempotencyKey(body['status'], 'The body field status');
  if (typeof status !== 'string') return status;
  return checkedIdempotencyKey(`posOrderStatus:${route.remoteOrderId}:${status}`, 'The posOrderStatus path and status');
}

export const talabatAdapter: ProviderAdapter = {
  provider: 'TALABAT',
  matchRoute: (method, subPath) => (talabatRoute(method, subPath) ? null : unknownRoute('Talabat', method, subPath)),
  authenticate: authenticateTalabat,
  idempotencyKey: talabatIdempotencyKey,
  answer: answerTalabat,
  parse(request, connection) {
    const route = talabatRoute(request.method, request.subPath);
    if (!route) throw new PayloadError(`Talabat does not call ${request.method} /${request.subPath}`);
    return parseTalabat(request, connection, route, keyOrThrow(talabatIdempotencyKey(request)));
  },
  buildCallback: buildTalabatCallback,
};
