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
  CONNECTION_ARCHIVED: 409,
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
  // The inbox: a provider's control result (docs/control-plane.md, "Asynchronous results").
  MALFORMED_RESULT: 400,
  UNKNOWN_REFERENCE: 404,
} as const;

export type WebhookErrorCode = keyof typeof WEBHOOK_ERROR_CODES;

/** The body of every refusal: a stable code and a message that never echoes a secret. */
export function errorBody(code: WebhookErrorCode, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

/**
 * A provider that understands only some statuses is answered with its own
 * mapping of ours (its identity's `answerStatuses`), and a path segment names
 * a provider by its identity's `pathSegment`: both live with the provider.
 */
export { answerStatusFor, providerOfPathSegment } from '@nexara/providers/display';
