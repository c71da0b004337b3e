import type { CallbackAction, CallbackOrder, ConnectionContext, OutboundCall } from '../adapter';
import { callbackUrl, currentSecret, jsonCall } from '../common/outbound';

/**
 * `POST {apiBase}/webhooks/status_update` `{jahezOrderId, status: "A" | "R", reason?}`
 * with `Authorization: Bearer <connection token>` (our contract with Jahez).
 * Jahez only asks the restaurant to accept or reject: READY, PICKED_UP and
 * delivery are reported by its driver app (`O`, `D`), a restaurant cannot
 * cancel an accepted Jahez order through the API (support does), PREPARING
 * has no Jahez status, and RECEIVED / RECEIVE_FAILED are Deliveroo-only.
 */
export function buildJahezCallback(
  action: CallbackAction,
  order: CallbackOrder,
  connection: ConnectionContext,
  _now: Date,
): OutboundCall | null {
  let body: { jahezOrderId: number; status: 'A' | 'R'; reason?: string };
  switch (action.kind) {
    case 'ACCEPTED':
      body = { jahezOrderId: jahezOrderId(order), status: 'A' };
      break;
    case 'REJECTED':
      body = { jahezOrderId: jahezOrderId(order), status: 'R', reason: action.reason };
      break;
    case 'READY':
    case 'PICKED_UP':
    case 'CANCELLED':
    case 'PREPARING':
    case 'RECEIVED':
    case 'RECEIVE_FAILED':
      return null;
  }
  const token = currentSecret(connection.secrets);
  return jsonCall('POST', callbackUrl(connection.apiBaseUrl, '/webhooks/status_update'), body, () => ({
    authorization: `Bearer ${token}`,
  }));
}

/** Jahez ids are integers on the wire; ours came from `jahez_id`, so anything else is a bug upstream. */
function jahezOrderId(order: CallbackOrder): number {
  const id = /^\d+$/.test(order.externalId) ? Number(order.externalId) : Number.NaN;
  if (!Number.isSafeInteger(id)) {
    throw new Error(`Jahez order ids are integers; "${order.externalId.slice(0, 40)}" is not one`);
  }
  return id;
}
