import { createHmac } from 'node:crypto';
import type { SigningFault } from '../../simulator';

/**
 * What the providers' simulator parts share when they sign: written from the
 * contracts (each folder's page), never shared with the adapters' verifiers.
 */

/** Used wherever a fault asks for "the wrong secret". */
export const WRONG_SECRET = 'not-the-connection-secret-0000000000000000000000000000000000000000';

/** How far off a stale or future timestamp is: well past the 300 s the contracts allow. */
export const TIMESTAMP_FAULT_SECONDS = 600;

export function assertFaultApplies(
  name: string,
  faults: readonly SigningFault[],
  fault: SigningFault | undefined,
): void {
  if (fault !== undefined && !faults.includes(fault)) {
    throw new Error(`Signing fault "${fault}" does not apply to ${name}; it supports ${faults.join(', ')}.`);
  }
}

export function hmacSha256Hex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}

/**
 * HMAC over `prefix` (text) then `body` as sent: a text body is its UTF-8,
 * raw bytes are signed as they are (fuzzing sends bodies that are not UTF-8).
 */
export function signedBodyHex(secret: string, prefix: string, body: string | Uint8Array): string {
  const hmac = createHmac('sha256', secret).update(prefix, 'utf8');
  return (typeof body === 'string' ? hmac.update(body, 'utf8') : hmac.update(body)).digest('hex');
}

export const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' } as const;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The receipt's `duplicate` flag, when the answer is a receipt. */
export function answeredDuplicate(answerBody: string): boolean | null {
  const parsed = parseJson(answerBody);
  return isRecord(parsed) && typeof parsed['duplicate'] === 'boolean' ? parsed['duplicate'] : null;
}

/** `remoteResponse.remoteOrderId` of an answer, or null when the answer lacks it. */
export function answeredRemoteOrderId(answerBody: string): string | null {
  const parsed = parseJson(answerBody);
  if (!isRecord(parsed) || !isRecord(parsed['remoteResponse'])) return null;
  const id = parsed['remoteResponse']['remoteOrderId'];
  return typeof id === 'string' && id.length > 0 ? id : null;
}

/**
 * The usual receipt (docs/providers/README.md): a 2xx is 202 `{"duplicate": false}`
 * or 200 `{"duplicate": true}`; other statuses are not judged.
 */
export function receiptProblem(name: string, answer: { status: number; body: string }): string | null {
  if (answer.status < 200 || answer.status > 299) return null;
  const duplicate = answeredDuplicate(answer.body);
  if (answer.status === 202 && duplicate !== true) return null;
  if (answer.status === 200 && duplicate === true) return null;
  return `${name} expects 202 {"duplicate": false} or 200 {"duplicate": true}; got ${answer.status} ${answer.body.slice(0, 120)}.`;
}
