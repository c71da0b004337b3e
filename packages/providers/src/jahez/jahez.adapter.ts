import type { InboundWebhook, ProviderAdapter } from '../adapter';
import { receiptAnswer } from '../common/canonical';
import { keyOrThrow, PayloadError } from '../common/errors';
import { checkedIdempotencyKey, headerOf, jsonObjectOf, malformedJson } from '../common/json-body';
import { fixedRoutes, pathSegments } from '../common/routes';
import { authenticateJahez, JAHEZ_REQUEST_ID_HEADER } from './authenticate';
import { buildJahezCallback } from './callbacks';
import { parseJahez } from './parse';

function jahezKind(request: InboundWebhook): 'NEW_ORDER' | 'ORDER_UPDATE' {
  const path = pathSegments(request.subPath).join('/');
  if (path === '') return 'NEW_ORDER';
  if (path === 'order-update') return 'ORDER_UPDATE';
  throw new PayloadError(`Jahez does not call ${request.method} /${request.subPath}`);
}

export const jahezAdapter: ProviderAdapter = {
  provider: 'JAHEZ',
  matchRoute: fixedRoutes('Jahez', ['POST ', 'POST order-update']),
  authenticate: (request, connection) => authenticateJahez(request, connection),
  idempotencyKey(request) {
    const key = checkedIdempotencyKey(headerOf(request, JAHEZ_REQUEST_ID_HEADER), 'The X-Request-Id header');
    if (typeof key !== 'string') return key;
    return jsonObjectOf(request.rawBody) ? key : malformedJson();
  },
  answer: (_request, _connection, receipt) => receiptAnswer(receipt),
  parse(request, connection) {
    return parseJahez(request, connection, jahezKind(request), keyOrThrow(jahezAdapter.idempotencyKey(request)));
  },
  buildCallback: buildJahezCallback,
};
