import type { InboundWebhook, ProviderAdapter, Rejection } from '../../adapter';
import type { Provider } from '../../display';
import { keyOrThrow, PayloadError } from '../errors';
import { checkedIdempotencyKey, jsonObjectOf, malformedJson } from '../json-body';
import { unknownRoute } from '../routes';
import { answerDeliveryHero } from './answer';
import { authenticateDeliveryHero } from './authenticate';
import { buildDeliveryHeroCallback } from './callbacks';
import { parseDeliveryHero } from './parse';
import { deliveryHeroRoute } from './routes';

/** A brand on Delivery Hero's POS plugin API: its provider code and the name its messages use. */
export type DeliveryHeroBrand = { provider: Provider; name: string };

/**
 * The new order's `token`; a status call has no id of its own, so its key is
 * the fact it reports: `posOrderStatus:<remoteOrderId>:<status>` (the same
 * status for the same order twice is the same delivery).
 */
function deliveryHeroIdempotencyKey(brand: DeliveryHeroBrand, request: InboundWebhook): string | Rejection {
  const route = deliveryHeroRoute(request.method, request.subPath);
  if (!route) return unknownRoute(brand.name, request.method, request.subPath);
  const body = jsonObjectOf(request.rawBody);
  if (!body) return malformedJson();
  if (route.kind === 'NEW_ORDER') return checkedIdempotencyKey(body['token'], 'The body field token');
  const status = checkedIdempotencyKey(body['status'], 'The body field status');
  if (typeof status !== 'string') return status;
  return checkedIdempotencyKey(`posOrderStatus:${route.remoteOrderId}:${status}`, 'The posOrderStatus path and status');
}

/**
 * The adapter of one Delivery Hero brand (common/delivery-hero/delivery-hero.md):
 * every brand speaks the same plugin API, so only the code and the name differ.
 */
export function deliveryHeroAdapter(brand: DeliveryHeroBrand): ProviderAdapter {
  return {
    provider: brand.provider,
    matchRoute: (method, subPath) =>
      deliveryHeroRoute(method, subPath) ? null : unknownRoute(brand.name, method, subPath),
    authenticate: authenticateDeliveryHero,
    idempotencyKey: (request) => deliveryHeroIdempotencyKey(brand, request),
    answer: answerDeliveryHero,
    parse(request, connection) {
      const route = deliveryHeroRoute(request.method, request.subPath);
      if (!route) throw new PayloadError(`${brand.name} does not call ${request.method} /${request.subPath}`);
      const eventKey = keyOrThrow(deliveryHeroIdempotencyKey(brand, request));
      return parseDeliveryHero(brand.name, request, connection, route, eventKey);
    },
    buildCallback: buildDeliveryHeroCallback,
  };
}
