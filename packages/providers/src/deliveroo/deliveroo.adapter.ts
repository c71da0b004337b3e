import type { ProviderAdapter } from '../adapter';
import { keyOrThrow } from '../common/errors';
import { checkedIdempotencyKey, headerOf, jsonObjectOf, malformedJson } from '../common/json-body';
import { fixedRoutes } from '../common/routes';
import { authenticateDeliveroo, DELIVEROO_GUID_HEADER } from './authenticate';
import { buildDeliverooCallback } from './callbacks';
import { parseDeliveroo } from './parse';

export const deliverooAdapter: ProviderAdapter = {
  provider: 'DELIVEROO',
  matchRoute: fixedRoutes('Deliveroo', ['POST ']),
  authenticate: (request, connection) => authenticateDeliveroo(request, connection),
  idempotencyKey(request) {
    const key = checkedIdempotencyKey(headerOf(request, DELIVEROO_GUID_HEADER), 'The X-Deliveroo-Sequence-Guid header');
    if (typeof key !== 'string') return key;
    return jsonObjectOf(request.rawBody) ? key : malformedJson();
  },
  // Deliveroo treats anything but 200 as a failed delivery and retries it.
  answer: (_request, _connection, receipt) => ({
    status: 200,
    body: { eventId: receipt.eventId, duplicate: receipt.duplicate },
  }),
  parse(request, connection) {
    return parseDeliveroo(request, connection, keyOrThrow(deliverooAdapter.idempotencyKey(request)));
  },
  buildCallback: buildDeliverooCallback,
  failedOrderId(request) {
    const body = jsonObjectOf(request.rawBody);
    if (!body || body['event'] !== 'order.new') return null;
    const order = (body['body'] as { order?: { id?: unknown } } | undefined)?.order;
    const id = typeof order?.id === 'number' ? String(order.id) : order?.id;
    return typeof id === 'string' && id.trim() !== '' && id.length <= 500 ? id : null;
  },
};
