import { createHash } from 'node:crypto';
import { PROVIDER_DEFINITIONS } from '@nexara/providers';

function unique(names: string[]): readonly string[] {
  return [...new Set(names)];
}

/**
 * Headers worth keeping with a delivery: what describes the request, and
 * what a provider uses to identify it (each adapter's `parse` reads the
 * idempotency headers again when the event is processed or replayed).
 */
const KEPT_HEADERS: readonly string[] = unique([
  'content-type',
  'user-agent',
  'x-request-id',
  ...PROVIDER_DEFINITIONS.flatMap((definition) => definition.keptHeaders),
]);

/** Credentials: stored only as a short fingerprint, so support can tell two deliveries' credentials apart without holding one. */
const CREDENTIAL_HEADERS: readonly string[] = unique([
  'authorization',
  ...PROVIDER_DEFINITIONS.map((definition) => definition.credential.headers[0]!),
]);

const MAX_VALUE_LENGTH = 500;

/** `sha256:` and the first 12 hex digits of the value's SHA-256: enough to compare, far too little to reuse. */
export function credentialFingerprint(value: string): string {
  return `sha256:${createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 12)}`;
}

/** `Bearer abc.def.ghi` -> `Bearer [redacted sha256:…]`: the scheme stays readable, the credential does not. */
function redactAuthorization(value: string): string {
  const match = /^([A-Za-z][\w-]*)[ \t]+(\S.*)$/.exec(value.trim());
  return match
    ? `${match[1]} [redacted ${credentialFingerprint(match[2]!)}]`
    : `[redacted ${credentialFingerprint(value)}]`;
}

/**
 * The headers stored with a delivery: names lower-cased, only the ones that
 * matter, credentials and signatures replaced by fingerprints, long values cut.
 * Nothing stored here can authenticate a request.
 */
export function storedHeaders(headers: Readonly<Record<string, unknown>>): Record<string, string> {
  const lowerCased = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') lowerCased.set(name.toLowerCase(), value);
  }
  const stored: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = lowerCased.get(name);
    if (value !== undefined)
      stored[name] = value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH)}…` : value;
  }
  for (const name of CREDENTIAL_HEADERS) {
    const value = lowerCased.get(name);
    if (value === undefined) continue;
    stored[name] = name === 'authorization' ? redactAuthorization(value) : `[redacted ${credentialFingerprint(value)}]`;
  }
  return stored;
}

/** Header names lower-cased, string values only: the shape adapters read. */
export function inboundHeaders(headers: Readonly<Record<string, unknown>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') result[name.toLowerCase()] = value;
  }
  return result;
}
