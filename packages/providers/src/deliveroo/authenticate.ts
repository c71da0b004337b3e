import type { ConnectionContext, InboundWebhook, Rejection } from '../adapter';
import { matchesAny } from '../common/compare';
import { rejection } from '../common/errors';
import { hmacSha256Hex } from '../common/hmac';
import { headerOf } from '../common/json-body';

export const DELIVEROO_GUID_HEADER = 'x-deliveroo-sequence-guid';
export const DELIVEROO_SIGNATURE_HEADER = 'x-deliveroo-hmac-sha256';

/**
 * Deliveroo signs `guid + " " + rawBody`; its legacy POS webhooks
 * (`new_order`, `cancel_order`) sign `guid + " \n " + rawBody`.
 */
export function deliverooSignature(
  secret: string,
  guid: string,
  rawBody: Buffer | string,
  variant: 'current' | 'legacy' = 'current',
): string {
  return hmacSha256Hex(secret, guid, variant === 'current' ? ' ' : ' \n ', rawBody);
}

/**
 * There is no timestamp: the sequence guid is both the replay guard (it is
 * the idempotency key) and part of what is signed, so a delivery without
 * one cannot even be checked and is answered 400, like a missing key.
 */
export function authenticateDeliveroo(request: InboundWebhook, connection: ConnectionContext): Rejection | null {
  const signature = headerOf(request, DELIVEROO_SIGNATURE_HEADER);
  if (!signature) {
    return rejection(401, 'MISSING_SIGNATURE', 'The X-Deliveroo-Hmac-Sha256 header is missing.');
  }
  const guid = headerOf(request, DELIVEROO_GUID_HEADER);
  if (!guid) {
    return rejection(400, 'MISSING_IDEMPOTENCY_KEY', 'The X-Deliveroo-Sequence-Guid header is missing.');
  }
  const candidates = connection.secrets.flatMap((secret) => [
    deliverooSignature(secret, guid, request.rawBody, 'current'),
    deliverooSignature(secret, guid, request.rawBody, 'legacy'),
  ]);
  return matchesAny(candidates, signature.toLowerCase())
    ? null
    : rejection(401, 'BAD_SIGNATURE', 'The X-Deliveroo-Hmac-Sha256 signature does not match the body.');
}
