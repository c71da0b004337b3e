import type { OutboundCall } from '../adapter';

/**
 * One path segment of a callback URL made of a provider's id. `.` and `..`
 * are refused: URL parsers resolve them, percent-encoded or not, so the call
 * would go to another path of the provider's API.
 */
export function pathSegment(value: string): string {
  if (value === '.' || value === '..') throw new Error(`"${value}" cannot be a segment of a callback URL`);
  return encodeURIComponent(value);
}

/** `{apiBaseUrl}{path}` whatever the base's trailing slashes. */
export function callbackUrl(apiBaseUrl: string, path: string): string {
  return `${apiBaseUrl.replace(/\/+$/, '')}${path}`;
}

/** A JSON call; the body is serialized once so a signature over it covers exactly what is sent. */
export function jsonCall(
  method: OutboundCall['method'],
  url: string,
  body: unknown,
  sign: (body: string) => Record<string, string>,
): OutboundCall {
  const text = JSON.stringify(body);
  return {
    method,
    url,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...sign(text) },
    body: text,
  };
}

/** The secret outbound calls are signed with: the newest. */
export function currentSecret(secrets: readonly string[]): string {
  const secret = secrets[0];
  if (!secret) throw new Error('The connection has no secret to sign its callback with.');
  return secret;
}
