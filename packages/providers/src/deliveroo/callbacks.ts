import { createHash } from 'node:crypto';
import type { CallbackAction, CallbackOrder, ConnectionContext, OutboundCall } from '../adapter';
import { callbackUrl, currentSecret, jsonCall, pathSegment } from '../common/outbound';
import { DELIVEROO_GUID_HEADER, DELIVEROO_SIGNATURE_HEADER, deliverooSignature } from './authenticate';

export const DELIVEROO_REJECT_REASONS = ['busy', 'closing_early', 'ingredient_unavailable', 'other'] as const;
export type DeliverooRejectReason = (typeof DELIVEROO_REJECT_REASONS)[number];

/**
 * Staff type a free-text reason; Deliveroo takes one of four. Arabic and
 * English phrasings staff actually use are recognised; anything else is `other`.
 */
export function deliverooRejectReason(reason: string): DeliverooRejectReason {
  const text = reason.trim().toLowerCase();
  const asCode = text.replace(/[\s-]+/g, '_');
  if ((DELIVEROO_REJECT_REASONS as readonly string[]).includes(asCode)) return asCode as DeliverooRejectReason;
  if (/busy|too many orders|overload|rush|kitchen is full|مشغول|ازدحام|ضغط/.test(text)) return 'busy';
  if (/clos|shut|end of (the )?day|مغلق|نغلق|إغلاق|اغلاق/.test(text)) return 'closing_early';
  if (/ingredient|out of stock|unavailable|sold out|run out|ran out|نفد|نفذ|غير متوفر|غير متاح/.test(text)) {
    return 'ingredient_unavailable';
  }
  return 'other';
}

/**
 * Deliveroo's order API (packages/providers/src/deliveroo/deliveroo.md):
 * - ACCEPTED / REJECTED -> `PATCH /order/v1/orders/{id}` `accepted` / `rejected` + `reject_reason`;
 * - PREPARING -> the same PATCH with `confirmed` (Deliveroo's "the kitchen has
 *   started it", which its webhooks map back to PREPARING). READY therefore
 *   sends nothing: Deliveroo has no ready state, its rider app reports pick-up;
 * - RECEIVED / RECEIVE_FAILED -> `POST /order/v1/orders/{id}/sync_status`
 *   `succeeded` / `failed`: whether the order reached the POS (Nexara);
 * - PICKED_UP: reported by Deliveroo's rider, not by the restaurant;
 * - CANCELLED: a restaurant cannot cancel a Deliveroo order through the API
 *   once accepted (before, it rejects); staff go through Deliveroo support.
 *
 * Deliveroo publishes OAuth for its own API; packages/providers/src/deliveroo/deliveroo.md fixes no scheme for
 * calls to it, so ours mirrors the inbound one: a fresh sequence guid and
 * `X-Deliveroo-Hmac-Sha256 = HMAC(secret, guid + " " + body)`. The guid is
 * derived from (order, action, now), so rebuilding the same call yields the
 * same bytes.
 */
export function buildDeliverooCallback(
  action: CallbackAction,
  order: CallbackOrder,
  connection: ConnectionContext,
  now: Date,
): OutboundCall | null {
  const orderPath = `/order/v1/orders/${pathSegment(order.externalId)}`;
  const patch = (body: Record<string, string>): OutboundCall =>
    signedCall('PATCH', callbackUrl(connection.apiBaseUrl, orderPath), body, order, action, connection, now);
  const syncStatus = (status: 'succeeded' | 'failed'): OutboundCall =>
    signedCall(
      'POST',
      callbackUrl(connection.apiBaseUrl, `${orderPath}/sync_status`),
      { status, occurred_at: now.toISOString() },
      order,
      action,
      connection,
      now,
    );

  switch (action.kind) {
    case 'RECEIVED':
      return syncStatus('succeeded');
    case 'RECEIVE_FAILED':
      return syncStatus('failed');
    case 'ACCEPTED':
      return patch({ status: 'accepted' });
    case 'REJECTED':
      return patch({ status: 'rejected', reject_reason: deliverooRejectReason(action.reason) });
    case 'PREPARING':
      return patch({ status: 'confirmed' });
    case 'READY':
    case 'PICKED_UP':
    case 'CANCELLED':
      return null;
  }
}

function signedCall(
  method: OutboundCall['method'],
  url: string,
  body: unknown,
  order: CallbackOrder,
  action: CallbackAction,
  connection: ConnectionContext,
  now: Date,
): OutboundCall {
  const secret = currentSecret(connection.secrets);
  const guid = callbackGuid(`${order.id}|${action.kind}|${now.toISOString()}`);
  return jsonCall(method, url, body, (text) => ({
    [DELIVEROO_GUID_HEADER]: guid,
    [DELIVEROO_SIGNATURE_HEADER]: deliverooSignature(secret, guid, text),
  }));
}

/** A UUID-shaped digest: unique per call, stable for the same call. */
function callbackGuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
