import type { ConnectionContext, InboundWebhook, Rejection } from './adapter';

/**
 * The control plane's side of a provider (docs/control-plane.md): pure
 * builders that turn one canonical change (a menu, an 86, a pause...) into
 * the provider's exact calls, and readers that turn the provider's answers
 * into an outcome. No network, no clock of their own: the integrations
 * worker sends the calls through the egress policy and keeps the state.
 */

/** `{en, ar}`, as the catalog keeps every name. */
export type ControlText = { en: string; ar: string | null };

export type ControlWeekday = 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';
/** `HH:MM` local to the branch, never overnight (split at 23:59). */
export type ControlPeriod = { day: ControlWeekday; start: string; end: string };

/** The canonical menu as the catalog serves it; every amount in integer minor units of `currency`. */
export type ControlMenu = {
  id: string;
  name: ControlText;
  description: ControlText | null;
  currency: string;
  schedule: ControlPeriod[];
  categories: { id: string; name: ControlText; description: ControlText | null; itemIds: string[] }[];
  /** Every item, modifier options included. */
  items: ControlMenuItem[];
  modifierGroups: {
    id: string;
    name: ControlText;
    min: number;
    max: number;
    repeatable: boolean;
    options: { itemId: string; priceDelta: number }[];
  }[];
};

export type ControlMenuItem = {
  id: string;
  externalPosId: string | null;
  type: 'ITEM' | 'BUNDLE';
  name: ControlText;
  description: ControlText | null;
  operationalName: ControlText | null;
  price: number;
  /** `provider` null: every provider; `context` a modifier group id: the price inside that group. */
  priceOverrides: { provider: string | null; context: string | null; price: number }[];
  /** Decimal percent, "15". */
  taxRate: string | null;
  images: { url: string }[];
  containsAlcohol: boolean;
  modifierGroupIds: string[];
};

export type ControlAvailabilityState = 'AVAILABLE' | 'SOLD_OUT' | 'HIDDEN';

/** One change as a capability takes it; MENU carries the menu itself, read back from the catalog. */
export type ControlRequest =
  | { kind: 'MENU'; menu: ControlMenu }
  | {
      kind: 'AVAILABILITY';
      items: { itemId: string; externalPosId: string | null; state: ControlAvailabilityState; until: string | null }[];
      /** Which of the listed items are modifier options (some providers take them apart). */
      optionItemIds: string[];
    }
  | { kind: 'STORE_STATUS'; status: 'OPEN' | 'CLOSED' | 'PAUSED'; until: string | null; reason: string | null }
  | { kind: 'BUSY_MODE'; prepMinutes: number | null; until: string | null }
  | { kind: 'OPENING_HOURS'; periods: ControlPeriod[] };

export type ControlKind = ControlRequest['kind'];
export type ControlRequestOf<K extends ControlKind> = Extract<ControlRequest, { kind: K }>;

/**
 * A connection as control calls need it: the adapter's context (base URL,
 * store id, current secret first) plus the provider's other ids for it
 * (a brand id, a menu id...), kept on the connection in integrations.
 */
export type ControlConnection = ConnectionContext & { controlIds: Readonly<Record<string, string>> };

/** Header names lower-case; `body` null for a GET. */
export type ControlCall = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  body: string | null;
};

/** What the provider answered one call: its status, its body parsed when it was JSON, its `retry-after`. */
export type ControlAnswer = { status: number; body: unknown; retryAfter: string | null };

/**
 * What an answer means for the job:
 * - `NEXT`: this call succeeded, send the next one of the request (or, after the last, APPLIED);
 * - `ACCEPTED`: the provider took it and will tell later (`reference` names it for `confirm`);
 * - `RETRY`: try the same call again later (429, 5xx), after `afterMs` when the provider said;
 * - `FAILED`: the provider refused it; `reason` is the provider's own, shown to staff.
 */
export type ControlOutcome =
  | { result: 'NEXT' }
  | { result: 'ACCEPTED'; reference: string | null }
  | { result: 'RETRY'; reason: string; afterMs: number | null }
  | { result: 'FAILED'; reason: string };

/** What a poll for an accepted request's result found. */
export type ControlConfirmation =
  | { result: 'APPLIED' }
  | { result: 'PENDING' }
  | { result: 'FAILED'; reason: string }
  | { result: 'RETRY'; reason: string; afterMs: number | null };

/** Where a request runs: the token (when the provider wants one), the job's id, where async results are posted. */
export type ControlContext = {
  token: string | null;
  jobId: string;
  now: Date;
  /** The connection's webhook URL at Nexara, for a provider told where to post a result (absent: not told). */
  resultWebhookUrl?: string | null;
  /** What the capability's `lookup` read from the provider (absent: it has none, or it was not asked). */
  lookup?: unknown;
};

/** One capability: the calls for a request, in order, and how to read each answer. */
export type ControlCapability<K extends ControlKind> = {
  /**
   * The least time between two requests of this capability to one connection:
   * the provider's published limit (one menu per minute per site, say),
   * or ours where it publishes none.
   */
  minIntervalMs: number;
  /**
   * What must be read from the provider before the calls can be built (the
   * closing reasons it allows, say): asked once and reused per connection for
   * `reuseForMs`; what `read` returns reaches `build` as `context.lookup`.
   */
  lookup?: {
    reuseForMs: number;
    call(connection: ControlConnection, context: ControlContext): ControlCall;
    read(answer: ControlAnswer): { value: unknown } | Extract<ControlOutcome, { result: 'RETRY' | 'FAILED' }>;
  };
  /** The calls, sent one after the other; throws `ControlBuildError` for a request the provider cannot take. */
  build(request: ControlRequestOf<K>, connection: ControlConnection, context: ControlContext): ControlCall[];
  /** Reads the answer to call number `step` (0-based) of `build`'s list. */
  read(answer: ControlAnswer, step: number): ControlOutcome;
  /**
   * For a provider that answers later: the call that asks what became of an
   * accepted request, and how to read it. Absent: the job waits for the
   * provider's result webhook.
   */
  confirm?: {
    /** How long after acceptance to ask first, and then between asks. */
    afterMs: number;
    call(
      request: ControlRequestOf<K>,
      connection: ControlConnection,
      context: ControlContext,
      reference: string | null,
    ): ControlCall;
    read(answer: ControlAnswer, reference: string | null): ControlConfirmation;
  };
};

/** How to get the bearer token a provider's control API wants (OAuth client credentials). */
export type ControlTokenGrant = {
  call(connection: ControlConnection): ControlCall;
  /** The token and how long it may be reused (the provider's lifetime less a margin), or why there is none. */
  read(answer: ControlAnswer): { token: string; reuseForMs: number } | { problem: string };
};

/**
 * What a provider's asynchronous result says of a change it accepted earlier:
 * `reference` names it as the provider named it when accepting (the
 * capability's `ACCEPTED` reference, or `results.awaitedAs`). `confirmByAsking`:
 * the delivery is only a hint (it cannot be trusted alone), so the job asks
 * the provider now (its capability's `confirm`) instead of taking `outcome`.
 */
export type ControlResult = {
  kind: ControlKind;
  reference: string;
  outcome: ControlConfirmation;
  confirmByAsking: boolean;
};

/**
 * The provider's result webhooks (docs/control-plane.md, "Asynchronous
 * results"): deliveries to the connection's webhook URL that say how an
 * accepted change ended. They pass the adapter's authentication like any
 * delivery; these say which deliveries they are, their idempotency key, and
 * what they mean. Pure, like the rest.
 */
export type ControlResultWebhooks = {
  /** Is this delivery a result (its own sub-path, or an event type on the order route)? */
  matches(request: InboundWebhook): boolean;
  /** The provider's key for the delivery, or the 400 for a missing one. */
  idempotencyKey(request: InboundWebhook): string | Rejection;
  /** The result it carries; throws `PayloadError` for one that cannot be read. */
  read(request: InboundWebhook): ControlResult;
  /**
   * The reference an accepted request is awaited under, when the provider's
   * result names it otherwise than its acceptance did (a brand and
   * menu, say); null: it cannot be matched. Default: the accepted reference.
   */
  awaitedAs?(request: ControlRequest, connection: ControlConnection, accepted: string | null): string | null;
};

/** The capabilities one provider offers; each is optional. */
export type ProviderControl = {
  token?: ControlTokenGrant;
  /** Deliveries telling how an accepted change ended (a menu upload's result). */
  results?: ControlResultWebhooks;
  menu?: ControlCapability<'MENU'>;
  availability?: ControlCapability<'AVAILABILITY'>;
  storeStatus?: ControlCapability<'STORE_STATUS'>;
  busyMode?: ControlCapability<'BUSY_MODE'>;
  openingHours?: ControlCapability<'OPENING_HOURS'>;
};

const CAPABILITY_OF_KIND = {
  MENU: 'menu',
  AVAILABILITY: 'availability',
  STORE_STATUS: 'storeStatus',
  BUSY_MODE: 'busyMode',
  OPENING_HOURS: 'openingHours',
} as const satisfies Record<ControlKind, keyof ProviderControl>;

/** The capability that handles `kind`, or null when the provider has none. */
export function capabilityFor<K extends ControlKind>(
  control: ProviderControl | undefined,
  kind: K,
): ControlCapability<K> | null {
  return (control?.[CAPABILITY_OF_KIND[kind]] as ControlCapability<K> | undefined) ?? null;
}

/** A request the provider cannot take as it is (a missing id, an item without a POS id): the job FAILS with this. */
export class ControlBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ControlBuildError';
  }
}
