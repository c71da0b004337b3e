import type { CallbackAction, CallbackOrder, ConnectionContext, OutboundCall } from '../../adapter';
import { callbackUrl, currentSecret, jsonCall, pathSegment } from '../outbound';
import { signHs512Jwt } from './jwt';

/** Lifetime of the token on one outbound call: long enough for retries of that call, short if it leaks. */
export const DELIVERY_HERO_CALLBACK_TOKEN_SECONDS = 300;

type DeliveryHeroStatusBody =
  | { status: 'order_accepted'; acceptanceTime?: string }
  | { status: 'order_rejected'; reason: string }
  | { status: 'order_prepared' }
  | { status: 'order_picked_up' };

/**
 * `POST {apiBase}/v2/chains/{chainCode}/orders/{token}/status` (common/delivery-hero/delivery-hero.md).
 * `chainCode` is the connection's `externalStoreId`: a brand's connection is
 * one vendor, whose remoteId Delivery Hero also uses as its chain code in
 * the plugin set-up. `{token}` is the order token (our externalId).
 *
 * - ACCEPTED -> `order_accepted`, `acceptanceTime` = now + prepMinutes (when
 *   the food will be ready); omitted when staff gave no preparation time;
 * - REJECTED -> `order_rejected` with the staff's reason as written;
 * - READY -> `order_prepared`; PICKED_UP -> `order_picked_up`;
 * - CANCELLED: the plugin API has no restaurant-side cancel (the platform cancels,
 *   and tells us through posOrderStatus); PREPARING has no Delivery Hero status;
 *   RECEIVED / RECEIVE_FAILED are for providers that confirm receipts.
 *
 * Authenticated with `Authorization: Bearer <JWT>`, HS512 over the
 * connection's current secret, `iss: "nexara"`, `iat` now, `exp` 5 min later.
 */
export function buildDeliveryHeroCallback(
  action: CallbackAction,
  order: CallbackOrder,
  connection: ConnectionContext,
  now: Date,
): OutboundCall | null {
  const body = deliveryHeroBody(action, now);
  if (!body) return null;
  const issuedAt = Math.floor(now.getTime() / 1000);
  const token = signHs512Jwt(
    { iss: 'nexara', iat: issuedAt, exp: issuedAt + DELIVERY_HERO_CALLBACK_TOKEN_SECONDS },
    currentSecret(connection.secrets),
  );
  const chainCode = pathSegment(connection.externalStoreId);
  const path = `/v2/chains/${chainCode}/orders/${pathSegment(order.externalId)}/status`;
  return jsonCall('POST', callbackUrl(connection.apiBaseUrl, path), body, () => ({ authorization: `Bearer ${token}` }));
}

function deliveryHeroBody(action: CallbackAction, now: Date): DeliveryHeroStatusBody | null {
  switch (action.kind) {
    case 'ACCEPTED':
      if (action.prepMinutes === undefined) return { status: 'order_accepted' };
      return {
        status: 'order_accepted',
        acceptanceTime: new Date(now.getTime() + action.prepMinutes * 60_000).toISOString(),
      };
    case 'REJECTED':
      return { status: 'order_rejected', reason: action.reason };
    case 'READY':
      return { status: 'order_prepared' };
    case 'PICKED_UP':
      return { status: 'order_picked_up' };
    case 'CANCELLED':
    case 'PREPARING':
    case 'RECEIVED':
    case 'RECEIVE_FAILED':
      return null;
  }
}
