import type { CallbackAction, CallbackOrder, ConnectionContext, OutboundCall } from '../adapter';
import { callbackUrl, currentSecret, jsonCall, pathSegment } from '../common/outbound';
import { careemSignature } from './authenticate';

/**
 * `PUT {apiBase}/orders/{id}` `{state, reason?}` (our contract with Careem):
 * - ACCEPTED -> `accepted`; READY -> `ready`; CANCELLED -> `cancelled` + reason;
 * - REJECTED -> `cancelled` + reason: Careem has no separate rejected state,
 *   a restaurant refusing a pending order cancels it;
 * - PREPARING: no Careem state; PICKED_UP: the captain's app reports it
 *   (`trip_started`); RECEIVED / RECEIVE_FAILED: Deliveroo-only.
 *
 * Signed like the webhooks Careem sends us (`X-Careem-Timestamp`, and
 * `X-Careem-Signature` = HMAC(current secret, timestamp + "." + body)).
 * `Branch-Id` is the connection's `externalStoreId` (Careem's branch id).
 * `Brand-Id` is the Nexara tenant id: the connection stores no Careem brand
 * id, and the tenant (one restaurant group) is the brand Careem registers
 * for this integration.
 */
export function buildCareemCallback(
  action: CallbackAction,
  order: CallbackOrder,
  connection: ConnectionContext,
  now: Date,
): OutboundCall | null {
  const body = careemBody(action);
  if (!body) return null;
  const secret = currentSecret(connection.secrets);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const url = callbackUrl(connection.apiBaseUrl, `/orders/${pathSegment(order.externalId)}`);
  return jsonCall('PUT', url, body, (text) => ({
    'brand-id': connection.tenantId,
    'branch-id': connection.externalStoreId,
    'x-careem-timestamp': timestamp,
    'x-careem-signature': careemSignature(secret, timestamp, text),
  }));
}

function careemBody(action: CallbackAction): { state: 'accepted' | 'ready' | 'cancelled'; reason?: string } | null {
  switch (action.kind) {
    case 'ACCEPTED':
      return { state: 'accepted' };
    case 'READY':
      return { state: 'ready' };
    case 'REJECTED':
    case 'CANCELLED':
      return { state: 'cancelled', reason: action.reason };
    case 'PREPARING':
    case 'PICKED_UP':
    case 'RECEIVED':
    case 'RECEIVE_FAILED':
      return null;
  }
}
