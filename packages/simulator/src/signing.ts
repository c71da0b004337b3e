import { createHmac } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import type { SimulatedProvider } from './connections';

/**
 * Request authentication exactly as docs/providers/ describes it, written from the
 * contract rather than shared with the platform's verifiers, plus deliberate
 * faults for negative tests.
 */
export type SigningFault =
  /** HMAC or JWT made with another secret; Jahez: another bearer token. */
  | 'bad_signature'
  /** Careem: timestamp 10 minutes old. (Talabat has no freshness rule besides `exp`: use `expired_token`.) */
  | 'stale_timestamp'
  /** Careem: timestamp 10 minutes ahead. Talabat: `iat` 10 minutes ahead. */
  | 'future_timestamp'
  /** Talabat: unsigned token (`alg: none`). */
  | 'alg_none'
  /** Talabat: HS256 instead of HS512, with the right secret. */
  | 'alg_hs256'
  /** Talabat: a correctly signed token whose `exp` has passed. */
  | 'expired_token'
  /** Deliveroo: no `X-Deliveroo-Sequence-Guid`; Jahez: no `X-Request-Id`. */
  | 'missing_idempotency'
  /** No authentication header at all. */
  | 'missing_auth';

export const SIGNING_FAULTS: Readonly<Record<SimulatedProvider, readonly SigningFault[]>> = {
  DELIVEROO: ['bad_signature', 'missing_idempotency', 'missing_auth'],
  CAREEM: ['bad_signature', 'stale_timestamp', 'future_timestamp', 'missing_auth'],
  TALABAT: ['bad_signature', 'future_timestamp', 'alg_none', 'alg_hs256', 'expired_token', 'missing_auth'],
  JAHEZ: ['bad_signature', 'missing_idempotency', 'missing_auth'],
};

/** Used wherever a fault asks for "the wrong secret". */
export const WRONG_SECRET = 'not-the-connection-secret-0000000000000000000000000000000000000000';

/** How far off a stale or future timestamp is: well past the 300 s the contracts allow. */
export const TIMESTAMP_FAULT_SECONDS = 600;

function assertFaultApplies(provider: SimulatedProvider, fault: SigningFault | undefined): void {
  if (fault !== undefined && !SIGNING_FAULTS[provider].includes(fault)) {
    throw new Error(
      `Signing fault "${fault}" does not apply to ${provider}; it supports ${SIGNING_FAULTS[provider].join(', ')}.`,
    );
  }
}

export function hmacSha256Hex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}

/**
 * HMAC over `prefix` (text) then `body` as sent: a text body is its UTF-8,
 * raw bytes are signed as they are (fuzzing sends bodies that are not UTF-8).
 */
function signedBodyHex(secret: string, prefix: string, body: string | Uint8Array): string {
  const hmac = createHmac('sha256', secret).update(prefix, 'utf8');
  return (typeof body === 'string' ? hmac.update(body, 'utf8') : hmac.update(body)).digest('hex');
}

export type DeliverooSigningInput = {
  secret: string;
  /** The exact body sent: text (signed as UTF-8) or raw bytes. */
  body: string | Uint8Array;
  sequenceGuid: string;
  /** Sign `guid + " \n " + body` like Deliveroo's legacy POS webhooks. */
  legacy?: boolean;
  fault?: SigningFault;
};

/** `X-Deliveroo-Hmac-Sha256` = hex HMAC-SHA256(secret, guid + " " + body). */
export function deliverooHeaders(input: DeliverooSigningInput): Record<string, string> {
  assertFaultApplies('DELIVEROO', input.fault);
  const secret = input.fault === 'bad_signature' ? WRONG_SECRET : input.secret;
  const separator = input.legacy ? ' \n ' : ' ';
  const headers: Record<string, string> = {};
  if (input.fault !== 'missing_idempotency') headers['x-deliveroo-sequence-guid'] = input.sequenceGuid;
  if (input.fault !== 'missing_auth') {
    headers['x-deliveroo-hmac-sha256'] = signedBodyHex(secret, `${input.sequenceGuid}${separator}`, input.body);
  }
  return headers;
}

export type CareemSigningInput = { secret: string; body: string | Uint8Array; now: Date; fault?: SigningFault };

/** `X-Careem-Signature` = hex HMAC-SHA256(secret, timestamp + "." + body), `X-Careem-Timestamp` in unix seconds. */
export function careemHeaders(input: CareemSigningInput): Record<string, string> {
  assertFaultApplies('CAREEM', input.fault);
  const skew =
    input.fault === 'stale_timestamp'
      ? -TIMESTAMP_FAULT_SECONDS
      : input.fault === 'future_timestamp'
        ? TIMESTAMP_FAULT_SECONDS
        : 0;
  const timestamp = String(Math.floor(input.now.getTime() / 1000) + skew);
  if (input.fault === 'missing_auth') return { 'x-careem-timestamp': timestamp };
  const secret = input.fault === 'bad_signature' ? WRONG_SECRET : input.secret;
  return {
    'x-careem-signature': signedBodyHex(secret, `${timestamp}.`, input.body),
    'x-careem-timestamp': timestamp,
  };
}

export type TalabatSigningInput = {
  secret: string;
  now: Date;
  /** Lifetime of a valid token; 300 s unless told. */
  expiresInSeconds?: number;
  fault?: SigningFault;
};

/** A Delivery Hero middleware token: HS512 over the connection secret, `{service: "middleware", iat, exp}`. */
export async function talabatToken(input: TalabatSigningInput): Promise<string> {
  assertFaultApplies('TALABAT', input.fault);
  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  const lifetime = input.expiresInSeconds ?? 300;
  let iat = nowSeconds;
  let exp = nowSeconds + lifetime;
  if (input.fault === 'future_timestamp') {
    iat = nowSeconds + TIMESTAMP_FAULT_SECONDS;
    exp = iat + lifetime;
  } else if (input.fault === 'expired_token') {
    iat = nowSeconds - 120;
    exp = nowSeconds - 60;
  }
  const claims = { service: 'middleware', iat, exp };
  if (input.fault === 'alg_none') return new UnsecuredJWT(claims).encode();
  const alg = input.fault === 'alg_hs256' ? 'HS256' : 'HS512';
  const secret = input.fault === 'bad_signature' ? WRONG_SECRET : input.secret;
  return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

export async function talabatHeaders(input: TalabatSigningInput): Promise<Record<string, string>> {
  if (input.fault === 'missing_auth') return {};
  return { authorization: `Bearer ${await talabatToken(input)}` };
}

export type JahezSigningInput = { secret: string; requestId: string; fault?: SigningFault };

/** `Authorization: Bearer <connection token>` and `X-Request-Id: <uuid>` (the idempotency key). */
export function jahezHeaders(input: JahezSigningInput): Record<string, string> {
  assertFaultApplies('JAHEZ', input.fault);
  const headers: Record<string, string> = {};
  if (input.fault !== 'missing_auth') {
    headers['authorization'] = `Bearer ${input.fault === 'bad_signature' ? WRONG_SECRET : input.secret}`;
  }
  if (input.fault !== 'missing_idempotency') headers['x-request-id'] = input.requestId;
  return headers;
}

export type RequestSigningInput = {
  provider: SimulatedProvider;
  secret: string;
  /** The exact body that will be sent. */
  body: string | Uint8Array;
  now: Date;
  /** Deliveroo's sequence guid or Jahez's X-Request-Id; ignored by Careem (the key is in its body) and Talabat. */
  idempotencyKey: string;
};

/**
 * Correct authentication headers for any body, the same idempotency key kept:
 * what lets a test change a payload (or send bytes that are not JSON at all)
 * and still get past authentication to what reads it.
 */
export async function signedHeaders(input: RequestSigningInput): Promise<Record<string, string>> {
  const { secret, body, now } = input;
  switch (input.provider) {
    case 'DELIVEROO':
      return deliverooHeaders({ secret, body, sequenceGuid: input.idempotencyKey });
    case 'CAREEM':
      return careemHeaders({ secret, body, now });
    case 'TALABAT':
      return talabatHeaders({ secret, now });
    case 'JAHEZ':
      return jahezHeaders({ secret, requestId: input.idempotencyKey });
  }
}
