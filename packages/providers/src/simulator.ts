import type { Provider } from './display';
import type { ExpectedTotals, Fulfilment } from './common/simulation/basket';
import type { Random } from './common/simulation/random';
import type { Menu } from './common/simulation/menus';

/**
 * A provider's part in the simulator (`packages/simulator`), which plays every
 * registered provider on loopback: it builds and signs what the provider
 * sends, serves the callback API the provider offers, and knows what the
 * provider expects as answers. Each provider folder's `simulator.ts` is one of
 * these, written from the provider's page alone and never from its adapter,
 * so a mistake in the adapter shows up as a failure instead of being shared.
 */
export type ProviderSimulator = {
  /** Statuses the provider can report, in the order an order goes through them (cancellation last). */
  statuses: readonly string[];
  /** Forward progress reported after a new order (what `status_update` deliveries carry), in order. */
  progression: readonly string[];
  /** The status a `cancellation` carries. */
  cancellation: string;
  /** The deliberate authentication faults this provider's scheme can have. */
  signingFaults: readonly SigningFault[];
  /** One signed delivery of the given kind (the caller has checked the status and the previous order's provider). */
  buildWebhook(input: SimulatedWebhookInput): Promise<SimulatedWebhook>;
  /** Correct authentication headers for any body, the idempotency key kept where the headers carry it. */
  signedHeaders(input: RequestSigningInput): Promise<Record<string, string>>;
  /** The provider's callback API, below `/<path segment>` of the simulator's provider API. */
  callbackRoutes: readonly SimulatedCallbackRoute[];
  /**
   * The provider's control API (its page, "Control"): menus, availability,
   * store status, as the simulator answers them. Absent for a provider
   * without control calls.
   */
  controlRoutes?: readonly SimulatedControlRoute[];
  /** What is wrong with an answer to a delivery, against the provider's contract; null when nothing is. */
  checkAnswer(kind: WebhookKind, answer: { status: number; body: string }): string | null;
  /**
   * For a provider whose follow-ups name the order by what the answer to the
   * new order said: that reference (`remoteOrderId`), or null when the answer
   * lacks it. Absent for providers whose follow-ups name their own order id.
   */
  followUpReference?(answerBody: string): string | null;
};

export type WebhookKind = 'new_order' | 'status_update' | 'cancellation';

/**
 * One provider connection as the outside world sees it: where the provider posts
 * its webhooks and the secret it signs them with. The demo writes a JSON array
 * of these to `.data/demo-connections.json`.
 */
export type SimulatedConnection = {
  provider: Provider;
  /** Absolute webhook base URL of the connection, e.g. http://localhost:4000/webhooks/<segment>/<key>. */
  webhookUrl: string;
  /** What the provider authenticates with: an HMAC or JWT signing secret or a bearer token. */
  secret: string;
  /** The provider's id for the branch (its page says which field). */
  externalStoreId: string;
  /** ISO 4217 code of the connection's currency. */
  currency: string;
  /**
   * What the restaurant sells there, priced in `currency` (the demo writes its
   * catalog menu here): orders are drawn from it. Absent: a built-in menu.
   */
  menu?: Menu;
};

/** Deliberately wrong authentication, for negative tests; each provider lists the ones its scheme can have. */
export type SigningFault =
  /** HMAC or JWT made with another secret; a bearer token: another token. */
  | 'bad_signature'
  /** A signed timestamp 10 minutes old. */
  | 'stale_timestamp'
  /** A signed timestamp (or a token's `iat`) 10 minutes ahead. */
  | 'future_timestamp'
  /** An unsigned token (`alg: none`). */
  | 'alg_none'
  /** HS256 instead of HS512, with the right secret. */
  | 'alg_hs256'
  /** A correctly signed token whose `exp` has passed. */
  | 'expired_token'
  /** No idempotency header. */
  | 'missing_idempotency'
  /** No authentication header at all. */
  | 'missing_auth';

export type SimulatedWebhookInput = {
  connection: SimulatedConnection;
  kind: WebhookKind;
  /** The webhook base URL without trailing slashes. */
  baseUrl: string;
  /** The provider status a follow-up carries (one of `statuses`); '' for a new order. */
  status: string;
  random: Random;
  now: Date;
  fulfilment?: Fulfilment;
  /** Follow-ups: the provider's order as the previous delivery left it. */
  previous?: unknown;
  /** Follow-ups without `previous`: the provider's order id. */
  externalId?: string;
  /** Follow-ups of a provider with `followUpReference`: that reference. */
  remoteOrderId?: string;
  reason?: string;
  fault?: SigningFault;
  /** A provider with a legacy signature variant signs that way. */
  legacySignature?: boolean;
  /** A provider with tokens: their lifetime (default 300 s). */
  tokenLifetimeSeconds?: number;
};

export type SimulatedWebhook = {
  method: 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  /** The exact bytes to send (and that were signed). */
  body: string;
  /** The provider's order id, as a string. */
  externalId: string;
  /** What makes this "the same delivery" (the provider's page), or null when a fault removed it. */
  idempotencyKey: string | null;
  /** The provider's order after this delivery (what the next follow-up is built from). */
  order: unknown;
  /** New orders: what the platform should compute, in minor units. */
  totals: ExpectedTotals | null;
};

export type RequestSigningInput = {
  secret: string;
  /** The exact body that will be sent. */
  body: string | Uint8Array;
  now: Date;
  /** The idempotency key where a header carries it; ignored by providers that key by the body. */
  idempotencyKey: string;
};

/** One callback the provider's API accepts: `path` is below `/<path segment>`, with `:name` parameters. */
export type SimulatedCallbackRoute = {
  /** Which callback of the provider's page this is, e.g. `update_order_status`. */
  name: string;
  method: 'PATCH' | 'POST' | 'PUT';
  path: string;
  /** The body the provider answers a successful call with. */
  answer(params: Record<string, string>, body: unknown): unknown;
};

/**
 * One call of the provider's control API: `path` below `/<path segment>`,
 * with `:name` parameters. `memory` is the provider's own state in the
 * simulator, kept between calls, so an asynchronous result (an upload that
 * is processed later) can be answered by a later call.
 */
export type SimulatedControlRoute = {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  path: string;
  /**
   * `memory` also holds what the simulator was told for results:
   * `results:reject` (a reason: the next upload is refused with it, then it is
   * forgotten). Header names lower-case.
   */
  answer(
    params: Record<string, string>,
    body: unknown,
    memory: Map<string, unknown>,
    headers: Record<string, string>,
  ): { status: number; body?: unknown; result?: SimulatedControlResult };
};

/** The memory key a control route reads for a rejection of the next upload (then deletes). */
export const SIMULATED_REJECTION = 'results:reject';

/**
 * An asynchronous result the provider owes after answering a control call
 * (its page, "Control": a menu upload's result webhook, a catalog import's
 * callback). The simulator sends it, after a delay, to the connection of
 * `externalStoreId` it was told about.
 */
export type SimulatedControlResult = {
  externalStoreId: string;
  /** The signed delivery for that connection, as the provider sends it. */
  build(
    connection: SimulatedConnection,
    now: Date,
  ): Promise<{ method: 'POST' | 'PUT'; url: string; headers: Record<string, string>; body: string }>;
};

/** The shape of a menu simulated orders are drawn from (`SimulatedConnection.menu`). */
export type {
  Menu as SimulatedMenu,
  MenuItem as SimulatedMenuItem,
  MenuGroup as SimulatedMenuGroup,
  MenuOption as SimulatedMenuOption,
} from './common/simulation/menus';
