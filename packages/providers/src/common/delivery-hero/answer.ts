import { orderIdFor } from '@nexara/kit';
import type { ConnectionContext, InboundWebhook, WebhookAnswer, WebhookReceipt } from '../../adapter';
import { receiptAnswer } from '../canonical';
import { jsonObjectOf } from '../json-body';
import { deliveryHeroRoute } from './routes';

/**
 * A new order is answered `200 {"remoteResponse": {"remoteOrderId": <our order id>}}`,
 * duplicates included (the id is `orderIdFor(connection, token)`, the same
 * every time), so Delivery Hero's later status calls name an order we can
 * find. Status calls get the usual receipt: 202 and 200 are both codes the
 * middleware understands.
 */
export function answerDeliveryHero(
  request: InboundWebhook,
  connection: ConnectionContext,
  receipt: WebhookReceipt,
): WebhookAnswer {
  const route = deliveryHeroRoute(request.method, request.subPath);
  const token = jsonObjectOf(request.rawBody)?.['token'];
  if (route?.kind === 'NEW_ORDER' && typeof token === 'string' && token.trim()) {
    return { status: 200, body: { remoteResponse: { remoteOrderId: orderIdFor(connection.id, token.trim()) } } };
  }
  return receiptAnswer(receipt);
}
