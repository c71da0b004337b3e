import type { ConnectionContext, InboundWebhook, Rejection } from '../adapter';
import { matchesAny } from '../common/compare';
import { rejection } from '../common/errors';
import { hmacSha256Hex } from '../common/hmac';
import { headerOf } from '../common/json-body';

export const CAREEM_SIGNATURE_HEADER = 'x-careem-signature';
export const CAREEM_TIMESTAMP_HEADER = 'x-careem-timestamp';
/** How far the signed timestamp may be from our clock, either way. */
export const CAREEM_MAX_SKEW_SECONDS = 300;

/** Lowercase hex HMAC-SHA256 over `timestamp + "." + rawBody`. */
export function careemSignature(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return hmacSha256Hex(secret, timestamp, '.', rawBody);
}

/**
 * The signature is checked before the timestamp window, so a caller without
 * the secret only ever learns "bad signature"; a correctly signed but old
 * delivery (a replay) is STALE_TIMESTAMP, one from the future FUTURE_TIMESTAMP.
 */
export function authenticateCareem(
  request: InboundWebhook,
  connection: ConnectionContext,
  now: Date,
): Rejection | null {
  const signature = headerOf(request, CAREEM_SIGNATURE_HEADER);
  if (!signature) return rejection(401, 'MISSING_SIGNATURE', 'The X-Careem-Signature header is missing.');
  const timestamp = headerOf(request, CAREEM_TIMESTAMP_HEADER);
  if (!timestamp) return rejection(401, 'MISSING_TIMESTAMP', 'The X-Careem-Timestamp header is missing.');
  if (!/^\d{1,12}$/.test(timestamp)) {
    return rejection(401, 'INVALID_TIMESTAMP', 'The X-Careem-Timestamp header must be a Unix time in seconds.');
  }

  const candidates = connection.secrets.map((secret) => careemSignature(secret, timestamp, request.rawBody));
  if (!matchesAny(candidates, signature.toLowerCase())) {
    return rejection(401, 'BAD_SIGNATURE', 'The X-Careem-Signature signature does not match the timestamp and body.');
  }

  const skew = Number(timestamp) - Math.floor(now.getTime() / 1000);
  if (skew < -CAREEM_MAX_SKEW_SECONDS) {
    return rejection(401, 'STALE_TIMESTAMP', `X-Careem-Timestamp is over ${CAREEM_MAX_SKEW_SECONDS} s in the past.`);
  }
  if (skew > CAREEM_MAX_SKEW_SECONDS) {
    return rejection(401, 'FUTURE_TIMESTAMP', `X-Careem-Timestamp is over ${CAREEM_MAX_SKEW_SECONDS} s in the future.`);
  }
  return null;
}
