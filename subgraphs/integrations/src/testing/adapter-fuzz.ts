import { isDeepStrictEqual } from 'node:util';
import {
  canonicalOrderEventSchema,
  canonicalOrderProblems,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  PROVIDER_DEFINITIONS,
  providerDefinition,
  type CanonicalOrder,
  type CanonicalOrderEvent,
  type ConnectionContext,
  type InboundWebhook,
  type Provider,
  type Rejection,
  type RejectionCode,
} from '@nexara/providers';
import { signedHeaders } from '@nexara/simulator';
import { aConnection, CURRENT_SECRET, fixtureBytes, PREVIOUS_SECRET } from '@nexara/providers/testing';

/**
 * What the adapter fuzz tests start from and check against: each provider's
 * fixtures with the connection they belong to, correctly signed requests for
 * any body, and the invariants of canonical events.
 */

/** Authentication is checked at this instant, and timestamped signatures are signed at it. */
export const FUZZ_NOW = new Date('2025-03-14T17:03:00.000Z');
/** The idempotency header's value (where a provider has one) on every fuzzed request. */
export const FUZZ_HEADER_KEY = '5d1b3e2a-9c47-4f8e-b6a0-3e7d2c1f9a85';

export type FixtureCase = {
  fixture: string;
  method: 'POST' | 'PUT';
  subPath: string;
  connection: ConnectionContext;
  /** The fixture's exact text. */
  body: string;
};

/** Every fixture of every provider, with the connection and route it is delivered on (its definition's list). */
export const FIXTURE_CASES: Readonly<Record<Provider, readonly FixtureCase[]>> = Object.fromEntries(
  PROVIDER_DEFINITIONS.map((definition) => [
    definition.identity.code,
    definition.fixtures.map((delivery): FixtureCase => ({
      fixture: delivery.fixture,
      method: delivery.method ?? 'POST',
      subPath: delivery.subPath ?? '',
      connection: aConnection(definition.identity.code as Provider, delivery.connection),
      body: fixtureBytes(definition.directory, delivery.fixture).toString('utf8'),
    })),
  ]),
) as unknown as Record<Provider, readonly FixtureCase[]>;

/** A request for `body` on the fixture's route, authenticated correctly by the simulator (an independent signer). */
export async function signedRequest(
  provider: Provider,
  fixture: FixtureCase,
  body: Buffer,
): Promise<InboundWebhook & { headers: Record<string, string> }> {
  const headers = await signedHeaders({
    provider,
    secret: CURRENT_SECRET,
    body,
    now: FUZZ_NOW,
    idempotencyKey: FUZZ_HEADER_KEY,
  });
  return { provider, method: fixture.method, subPath: fixture.subPath, headers, rawBody: body, receivedAt: FUZZ_NOW };
}

/** Names lower-cased and repeats joined, as the shim hands headers to an adapter. */
export function asReceived(headers: Record<string, string>): Record<string, string> {
  const received: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    received[lower] = received[lower] === undefined ? value : `${received[lower]}, ${value}`;
  }
  return received;
}

/**
 * What authentication actually depends on, normalized the way the scheme
 * allows (hex signatures in any case, the Bearer scheme in any case, blanks
 * around values): two header sets with the same credential are the same request.
 */
export function credentialOf(provider: Provider, headers: Record<string, string | undefined>): string | null {
  return providerDefinition(provider).credential.of(headers);
}

const AUTHENTICATION_CODES: readonly RejectionCode[] = [
  'MISSING_SIGNATURE',
  'BAD_SIGNATURE',
  'MISSING_TIMESTAMP',
  'INVALID_TIMESTAMP',
  'STALE_TIMESTAMP',
  'FUTURE_TIMESTAMP',
  'MISSING_TOKEN',
  'INVALID_TOKEN',
  'TOKEN_EXPIRED',
  'WRONG_ALGORITHM',
  // Deliveroo: no sequence guid, nothing to check the signature against.
  'MISSING_IDEMPOTENCY_KEY',
];
const KEY_CODES: readonly RejectionCode[] = ['MALFORMED_JSON', 'MISSING_IDEMPOTENCY_KEY', 'INVALID_IDEMPOTENCY_KEY'];

/** Problems with a rejection `authenticate` returned (empty when it is one docs/providers/README.md documents). */
export function authenticationRejectionProblems(rejection: Rejection): string[] {
  const problems = rejectionProblems(rejection);
  if (!AUTHENTICATION_CODES.includes(rejection.code)) problems.push(`authenticate answered code ${rejection.code}`);
  const expectedStatus = rejection.code === 'MISSING_IDEMPOTENCY_KEY' ? 400 : 401;
  if (rejection.status !== expectedStatus) problems.push(`${rejection.code} answered ${rejection.status}`);
  return problems;
}

/** Problems with what `idempotencyKey` returned: a usable key or a documented 400. */
export function idempotencyKeyProblems(key: string | Rejection): string[] {
  if (typeof key !== 'string') {
    const problems = rejectionProblems(key);
    if (key.status !== 400 || !KEY_CODES.includes(key.code))
      problems.push(`idempotencyKey answered ${key.status} ${key.code}`);
    return problems;
  }
  const usable =
    key.length > 0 &&
    key.length <= MAX_IDEMPOTENCY_KEY_LENGTH &&
    key === key.trim() &&
    // eslint-disable-next-line no-control-regex
    !/[\u0000-\u001f\u007f]/.test(key);
  return usable ? [] : [`unusable idempotency key ${JSON.stringify(key.slice(0, 80))}`];
}

function rejectionProblems(rejection: Rejection): string[] {
  const problems: string[] = [];
  if (typeof rejection.message !== 'string' || rejection.message.trim() === '')
    problems.push('a rejection without a message');
  else if ([CURRENT_SECRET, PREVIOUS_SECRET].some((secret) => rejection.message.includes(secret))) {
    problems.push('a rejection message echoes the secret');
  }
  return problems;
}

/** Can PostgreSQL store it as text or inside jsonb: no NUL, no lone surrogate. */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !/\p{Cs}/u.test(text);
}

/**
 * Everything wrong with a parse result: events the orders subgraph would
 * refuse or store wrongly. Each event must pass the canonical order's one
 * schema exactly as it is (packages/providers/src/canonical-order.ts: amounts
 * are safe integers of minor units, instants ISO, text storable, the order
 * named once); beyond it, the currency is the connection's, totals that do
 * not add up carry a warning, and every event has a key derived from the
 * delivery's.
 */
export function canonicalEventProblems(
  events: CanonicalOrderEvent[],
  connection: ConnectionContext,
  key: string,
): string[] {
  const problems: string[] = [];
  if (!Array.isArray(events) || events.length === 0) return ['parse returned no events'];
  const keys = new Set(events.map((event) => event.eventKey));
  if (keys.size !== events.length) problems.push('two events share an event key');
  for (const [index, event] of events.entries()) {
    const at = (problem: string): void => {
      problems.push(`events[${index}]: ${problem}`);
    };
    if (typeof event.eventKey !== 'string' || !event.eventKey.startsWith(key)) {
      at(`event key ${JSON.stringify(event.eventKey)} is not derived from ${key}`);
    }
    const checked = canonicalOrderEventSchema.safeParse(event);
    if (!checked.success) {
      canonicalOrderProblems(checked.error).forEach(at);
      continue;
    }
    // The schema trims and fills in; an adapter's event needs neither.
    if (!isDeepStrictEqual(checked.data, event)) at('the canonical schema had to normalize the event');
    if (event.kind === 'ORDER_PLACED') orderProblems(event.order, connection).forEach(at);
  }
  return problems;
}

function orderProblems(order: CanonicalOrder, connection: ConnectionContext): string[] {
  if (order.currency !== connection.currency) {
    return [`currency ${order.currency} is not the connection's ${connection.currency}`];
  }
  const itemsSum = order.items.reduce((sum, item) => sum + item.total, 0);
  const expectedTotal = order.subtotal + order.deliveryFee + order.tax + order.tip - order.discount;
  const consistent = itemsSum === order.subtotal && expectedTotal === order.total;
  // Figures that do not add up must come with a warning for staff (never silently accepted).
  return consistent || order.warnings.length > 0 ? [] : ['totals do not add up and no warning says so'];
}
