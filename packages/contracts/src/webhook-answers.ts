import { PROVIDERS, type Provider } from '@nexara/kit';

/**
 * The webhook path's answers, shared by the gateway's shim (transport checks)
 * and the integrations inbox (authentication, storage). See
 * docs/architecture.md ("the path of one webhook") for who answers what.
 */

/** Every code a webhook refusal can carry in its body, with the status it is sent with (before provider mapping). */
export const WEBHOOK_ERROR_CODES = {
  // The shim (gateway): transport.
  UNKNOWN_PROVIDER: 404,
  UNKNOWN_ROUTE: 404,
  MALFORMED_URL: 400,
  MALFORMED_JSON: 400,
  BAD_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  STORE_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
  // The inbox (integrations): the connection.
  UNKNOWN_CONNECTION: 404,
  CONNECTION_PAUSED: 409,
  // The provider's adapter: authentication and identification.
  MISSING_SIGNATURE: 401,
  BAD_SIGNATURE: 401,
  MISSING_TIMESTAMP: 401,
  INVALID_TIMESTAMP: 401,
  STALE_TIMESTAMP: 401,
  FUTURE_TIMESTAMP: 401,
  MISSING_TOKEN: 401,
  INVALID_TOKEN: 401,
  TOKEN_EXPIRED: 401,
  WRONG_ALGORITHM: 401,
  MISSING_IDEMPOTENCY_KEY: 400,
  INVALID_IDEMPOTENCY_KEY: 400,
} as const;

export type WebhookErrorCode = keyof typeof WEBHOOK_ERROR_CODES;

/** The body of every refusal: a stable code and a message that never echoes a secret. */
export function errorBody(code: WebhookErrorCode, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

/**
 * Talabat's middleware understands only 200, 201, 202, 400, 401, 429, 500 and
 * 502 (docs/providers/talabat.md) and treats anything else as a broken plugin.
 * Every other status either side can send is mapped onto that list keeping its
 * meaning: "this request will not be taken as it is" (404, 409, 413, 415) ->
 * 400, "try again later" (503) -> 500. The code in the body still says which.
 */
const TALABAT_STATUS: Readonly<Record<number, number>> = { 404: 400, 409: 400, 413: 400, 415: 400, 503: 500 };

/** The status a provider is answered with for one of our statuses. */
export function answerStatusFor(provider: Provider, status: number): number {
  return provider === 'TALABAT' ? (TALABAT_STATUS[status] ?? status) : status;
}

/** The provider a `/webhooks/:provider/...` path segment names (lower-case), or null. */
export function providerOfPathSegment(segment: string): Provider | null {
  return PROVIDERS.find((provider) => provider.toLowerCase() === segment) ?? null;
}
