import type { CanonicalOrderEvent } from './canonical-order';
import type { CallbackAction } from './callback-action';
import type { Provider } from './display';

/**
 * The one interface every delivery provider is handled through. Adapters are
 * pure: no database, no network, no clock of their own (callers pass `now`).
 *
 * The shim runs, for each delivery:
 *   1. `matchRoute`     404 for a (method, sub-path) the provider never calls;
 *   2. `authenticate`   401 (or 400 when the scheme's own identifier is missing)
 *                       over the raw bytes, before anything reads the JSON;
 *   3. `idempotencyKey` 400 when the body is not a JSON object or the key is missing;
 *   4. stores the delivery, then answers with `answer`.
 * The worker later runs `parse` (a thrown `PayloadError` means FAILED at once)
 * and the callback sender runs `buildCallback`.
 */
export type ProviderAdapter = {
  provider: Provider;
  /** Is this (method, subPath) a route the provider calls? Unknown -> 404 `UNKNOWN_ROUTE`. */
  matchRoute(method: string, subPath: string): Rejection | null;
  /**
   * Over the RAW bytes, before any JSON parsing; constant-time; succeeds if
   * ANY of the connection's secrets verifies. A connection without secrets
   * never authenticates.
   */
  authenticate(request: InboundWebhook, connection: ConnectionContext, now: Date): Rejection | null;
  /**
   * The provider's idempotency key (its folder's <provider>.md), or a 400: `MALFORMED_JSON`
   * when the body is not a JSON object (checked for every provider, so the
   * inbox only ever holds JSON), `MISSING_IDEMPOTENCY_KEY` when the key is absent.
   */
  idempotencyKey(request: InboundWebhook): string | Rejection;
  /** The HTTP answer for an accepted delivery (docs/providers/README.md, or the provider's own contract where it fixes one). */
  answer(request: InboundWebhook, connection: ConnectionContext, receipt: WebhookReceipt): WebhookAnswer;
  /**
   * Wire payload -> canonical events, in the order they must be applied.
   * Throws `PayloadError` (common/errors) with a reason for anything that can
   * never be processed (schema mismatch, bad money, another store's order).
   */
  parse(request: InboundWebhook, connection: ConnectionContext): CanonicalOrderEvent[];
  /**
   * The outbound call telling the provider what the restaurant decided, signed
   * or authenticated with the connection's current secret; null when the
   * provider has no call for that action (each adapter says why).
   */
  buildCallback(
    action: CallbackAction,
    order: CallbackOrder,
    connection: ConnectionContext,
    now: Date,
  ): OutboundCall | null;
  /**
   * For a provider that wants to hear when a new order could not be taken in
   * (its definition's `confirmsReceipts`): the provider's id of the order this
   * delivery carried, read as leniently as possible (the delivery failed, maybe
   * because it is malformed). Null when the delivery was not a new order or its
   * id cannot be found. Absent for providers without such a call.
   */
  failedOrderId?(request: InboundWebhook): string | null;
};

export type InboundWebhook = {
  provider: Provider;
  method: 'POST' | 'PUT';
  /**
   * Path after `/webhooks/:provider/:connectionKey`, without leading or
   * trailing slash, '' for the base: e.g. 'order/STORE1',
   * 'remoteId/STORE1/remoteOrder/<id>/posOrderStatus', 'order-update'.
   * Segments as the router decoded them.
   */
  subPath: string;
  /** Header names lower-cased. */
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
  receivedAt: Date;
};

export type ConnectionContext = {
  id: string;
  tenantId: string;
  provider: Provider;
  /** ISO 4217 code of every amount this connection receives. */
  currency: string;
  /**
   * The provider's id for the branch (each folder's page says which field,
   * e.g. Delivery Hero's `remoteId`, also its `chainCode` in callbacks).
   */
  externalStoreId: string;
  /** Callbacks go to `{apiBaseUrl}/...`; a trailing slash is tolerated. */
  apiBaseUrl: string;
  /** Current first; two during a rotation. Outbound calls use the first. */
  secrets: string[];
};

export type RejectionCode =
  | 'UNKNOWN_ROUTE'
  | 'MISSING_SIGNATURE'
  | 'BAD_SIGNATURE'
  | 'MISSING_TIMESTAMP'
  | 'INVALID_TIMESTAMP'
  | 'STALE_TIMESTAMP'
  | 'FUTURE_TIMESTAMP'
  | 'MISSING_TOKEN'
  | 'INVALID_TOKEN'
  | 'TOKEN_EXPIRED'
  | 'WRONG_ALGORITHM'
  | 'MISSING_IDEMPOTENCY_KEY'
  | 'INVALID_IDEMPOTENCY_KEY'
  | 'MALFORMED_JSON';

/** Why a delivery is refused. `message` is safe to send back: it never holds a secret or a token. */
export type Rejection = { status: 400 | 401 | 404; code: RejectionCode; message: string };

export type WebhookReceipt = { eventId: string; duplicate: boolean };
export type WebhookAnswer = { status: number; body: unknown };

// The canonical order and its events are declared once, as schemas, in canonical-order.ts.
export type {
  CanonicalItem,
  CanonicalModifier,
  CanonicalOrder,
  CanonicalOrderEvent,
  OrderPlacedEvent,
  ProviderOrderEvent,
  StatusChangedEvent,
} from './canonical-order';
export type { CallbackAction, CallbackActionKind } from './callback-action';

/** `id` is our order id, `externalId` the provider's (Delivery Hero: the order `token`). */
export type CallbackOrder = { id: string; externalId: string; placedAt: Date };

/** Header names lower-case; `body` is the exact JSON text any signature covers. */
export type OutboundCall = {
  method: 'POST' | 'PUT' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  body: string;
};
