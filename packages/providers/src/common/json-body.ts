import type { InboundWebhook, Rejection } from '../adapter';
import { rejection } from './errors';

export type JsonObject = Record<string, unknown>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bodies already read, by the very Buffer: an adapter reads a body for its
 * idempotency key and again to parse it (the worker does both per event), and
 * the second read was a second JSON.parse of the same bytes. Readers only read
 * what this answers; a Buffer no longer referenced drops out by itself.
 */
const parsedBodies = new WeakMap<Buffer, JsonObject | null>();

/** The body as a JSON object, or null when it is not UTF-8 JSON whose top level is an object. */
export function jsonObjectOf(rawBody: Buffer): JsonObject | null {
  const known = parsedBodies.get(rawBody);
  if (known !== undefined) return known;
  let parsed: JsonObject | null;
  try {
    const value: unknown = JSON.parse(utf8.decode(rawBody));
    parsed = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
  } catch {
    parsed = null;
  }
  parsedBodies.set(rawBody, parsed);
  return parsed;
}

/** The 400 every adapter's `idempotencyKey` answers for a body that is not a JSON object. */
export function malformedJson(): Rejection {
  return rejection(400, 'MALFORMED_JSON', 'The body must be a JSON object encoded as UTF-8.');
}

/** Longer keys are not something a provider sends; the orders side caps event keys at 500 with suffixes. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/**
 * The key read from `source` (a header or body field, named in the message),
 * or the 400 for a missing or unusable one.
 */
export function checkedIdempotencyKey(value: unknown, source: string): string | Rejection {
  const key = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof key !== 'string' || key.trim() === '') {
    return rejection(400, 'MISSING_IDEMPOTENCY_KEY', `${source} is missing.`);
  }
  const trimmed = key.trim();
  // eslint-disable-next-line no-control-regex
  if (trimmed.length > MAX_IDEMPOTENCY_KEY_LENGTH || /[\u0000-\u001f\u007f]/.test(trimmed)) {
    return rejection(
      400,
      'INVALID_IDEMPOTENCY_KEY',
      `${source} must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} printable characters.`,
    );
  }
  return trimmed;
}

/** Header value trimmed; undefined when absent or blank. */
export function headerOf(request: InboundWebhook, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()]?.trim();
  return value ? value : undefined;
}

/** The token of an `Authorization: Bearer <token>` header, or why there is none. */
export function bearerTokenOf(request: InboundWebhook): { token: string } | { problem: 'absent' | 'malformed' } {
  const header = headerOf(request, 'authorization');
  if (!header) return { problem: 'absent' };
  const match = /^Bearer[ \t]+(\S+)$/i.exec(header);
  return match ? { token: match[1]! } : { problem: 'malformed' };
}
