import type { ProviderAdapter } from '../adapter';
import { receiptAnswer } from '../common/canonical';
import { keyOrThrow } from '../common/errors';
import { checkedIdempotencyKey, jsonObjectOf, malformedJson } from '../common/json-body';
import { fixedRoutes } from '../common/routes';
import { authenticateCareem } from './authenticate';
import { buildCareemCallback } from './callbacks';
import { parseCareem } from './parse';

export const careemAdapter: ProviderAdapter = {
  provider: 'CAREEM',
  matchRoute: fixedRoutes('Careem', ['POST ']),
  authenticate: authenticateCareem,
  idempotencyKey(request) {
    const body = jsonObjectOf(request.rawBody);
    return body ? checkedIdempotencyKey(body['event_id'], 'The body field event_id') : malformedJson();
  },
  answer: (_request, _connection, receipt) => receiptAnswer(receipt),
  parse(request, connection) {
    return parseCareem(request, connection, keyOrThrow(careemAdapter.idempotencyKey(request)));
  },
  buildCallback: buildCareemCallback,
};
