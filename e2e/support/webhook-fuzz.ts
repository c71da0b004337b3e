import {
  buildWebhook,
  signedHeaders,
  type BuiltWebhook,
  type SimulatedConnection,
  type WebhookKind,
} from '@nexara/simulator';
import {
  applyBodyPlan,
  applyHeaderMutations,
  bodyPlan,
  headerMutation,
  type BodyPlan,
  type HeaderMutation,
} from '@nexara/simulator/testing';
import { answerStatusFor, PROVIDER_IDENTITIES, providerOfPathSegment } from '@nexara/providers/display';
import { testSecrets } from '@nexara/test-support';
import fc from 'fast-check';
import type { TestPlatform } from './platform';

/**
 * Requests for fuzzing the webhook shim through the real gateway, and what
 * every answer must look like (docs/providers/README.md).
 */

export type FuzzConnection = SimulatedConnection & { key: string };

/** Every seeded connection, its webhook URL on the test gateway. */
export function fuzzConnections(platform: TestPlatform): FuzzConnection[] {
  return platform.seed.tenants.flatMap((tenant) =>
    tenant.connections.map((connection) => ({
      provider: connection.provider,
      webhookUrl: connection.webhookUrl.replace(/^https?:\/\/[^/]+/, platform.urls.gateway),
      secret: connection.secret,
      externalStoreId: connection.externalStoreId,
      currency: tenant.slug === 'harbor-grill' ? 'KWD' : 'SAR',
      key: connection.webhookUrl.split('/').at(-1)!,
    })),
  );
}

/** Everything a response must never contain. */
export function secretsOf(connections: readonly FuzzConnection[]): string[] {
  return [...connections.map((connection) => connection.secret), ...Object.values(testSecrets)];
}

const JSON_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/vnd.provider+json',
  'APPLICATION/JSON',
];
const OTHER_TYPES = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'json',
  '',
];

export const contentType: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...JSON_TYPES) },
  { weight: 1, arbitrary: fc.constantFrom(...OTHER_TYPES) },
);

/**
 * URL text for a path part: mostly encoded text, sometimes raw percent
 * sequences that decode to NUL, surrogates or nothing. Never a dot segment:
 * the client resolves those before sending, so the shim would never see them.
 */
const pathText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
      .filter((text) => text !== '.' && text !== '..')
      .map(encodeURIComponent),
  },
  { weight: 2, arbitrary: fc.constantFrom('%00', '%ED%A0%80', '%ZZ', '%', '%2F', '%C0%AF', '%FF', '%20') },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 3_000 }).map((length) => 'k'.repeat(length)) },
);

/**
 * A provider's delivery, fuzzed: a real signed webhook for a seeded
 * connection whose body a plan changes (then signed again, or not), whose
 * headers may be changed too, sent to its own URL or somewhere it does not
 * belong.
 */
export type DeliveryPlan = {
  connection: number;
  kind: WebhookKind;
  seed: number;
  body: BodyPlan | { kind: 'valid' } | { kind: 'oversized'; extraBytes: number };
  resign: boolean;
  headers: HeaderMutation[];
  contentType: string;
  /** `odd-path`: the route's own sub-path swapped for `oddPath` (a new order whose route takes a part from the URL, such as a store id: that part). */
  target: 'own' | 'unknown-key' | 'other-provider' | 'odd-path';
  oddPath: string;
};

export const deliveryPlan = (connections: number): fc.Arbitrary<DeliveryPlan> =>
  fc.record({
    connection: fc.nat({ max: connections - 1 }),
    kind: fc.constantFrom<WebhookKind>('new_order', 'new_order', 'status_update', 'cancellation'),
    seed: fc.nat(),
    body: fc.oneof(
      { weight: 2, arbitrary: fc.constant({ kind: 'valid' as const }) },
      { weight: 12, arbitrary: bodyPlan },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant('oversized' as const),
          extraBytes: fc.integer({ min: 1, max: 64 * 1024 }),
        }),
      },
    ),
    // Mostly signed again, so the changed body gets past authentication to what reads it.
    resign: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    headers: fc.oneof(
      { weight: 3, arbitrary: fc.constant<HeaderMutation[]>([]) },
      { weight: 1, arbitrary: fc.array(headerMutation, { minLength: 1, maxLength: 4 }) },
    ),
    contentType,
    target: fc.constantFrom('own', 'own', 'own', 'own', 'unknown-key', 'other-provider', 'odd-path'),
    oddPath: pathText,
  });

export type FuzzRequest = { method: string; url: string; headers: Record<string, string>; body: Buffer | null };

/** The largest body the shim takes (docs/providers/README.md: 413 above it). */
export const BODY_LIMIT = 1024 * 1024;

/** The request a delivery plan makes, and whether it is a correctly authenticated, clean one (so it must not be refused for its credential). */
export async function deliveryRequest(
  plan: DeliveryPlan,
  connections: readonly FuzzConnection[],
): Promise<{ request: FuzzRequest; built: BuiltWebhook; authentic: boolean }> {
  const connection = connections[plan.connection]!;
  const built = await buildWebhook(connection, plan.kind, {
    seed: plan.seed,
    // Status calls of providers that name the order by the id Nexara answered: any UUID will do here.
    remoteOrderId: '7d9f3c21-5b8e-4a61-9f0d-2c4b6e8a1d35',
  });
  const body =
    plan.body.kind === 'valid'
      ? Buffer.from(built.body)
      : plan.body.kind === 'oversized'
        ? Buffer.from(
            JSON.stringify({ ...JSON.parse(built.body), padding: 'x'.repeat(BODY_LIMIT + plan.body.extraBytes) }),
          )
        : applyBodyPlan(built.body, plan.body);
  const idempotencyKey = built.idempotencyKey ?? '';
  const signed = plan.resign ? await signedHeaders({ ...connection, body, now: new Date(), idempotencyKey }) : {};
  const headers = applyHeaderMutations({ ...built.headers, ...signed, 'content-type': plan.contentType }, plan.headers);
  const url = retarget(built, connection, connections, plan);
  const authentic = plan.headers.length === 0 && (plan.resign || body.equals(Buffer.from(built.body)));
  return { request: { method: built.method, url, headers, body }, built, authentic };
}

function retarget(
  built: BuiltWebhook,
  connection: FuzzConnection,
  connections: readonly FuzzConnection[],
  plan: DeliveryPlan,
): string {
  const base = connection.webhookUrl.replace(/\/+$/, '');
  switch (plan.target) {
    case 'own':
      return built.url;
    case 'unknown-key':
      return built.url.replace(connection.key, 'k'.repeat(connection.key.length));
    case 'other-provider': {
      // Another provider's key under this provider's path: as unknown as a key of nothing.
      const other = connections.find((candidate) => candidate.provider !== connection.provider)!;
      return built.url.replace(connection.key, other.key);
    }
    case 'odd-path':
      return plan.kind === 'new_order' && built.url !== base
        ? built.url.replace(/\/[^/]*$/, `/${plan.oddPath}`)
        : `${base}/${plan.oddPath}`;
  }
}

/**
 * Transport garbage: any provider segment, connection key, sub-path, method,
 * content type, headers and bytes (sometimes more than 1 MiB).
 */
export type GarbagePlan = {
  provider: string;
  key: string;
  subPath: string;
  method: string;
  contentType: string;
  headers: HeaderMutation[];
  body:
    | { kind: 'none' }
    | { kind: 'bytes'; bytes: number[] }
    | { kind: 'json'; text: string }
    | { kind: 'oversized'; extraBytes: number };
};

/** Every registered provider's webhook path segment (packages/providers registry). */
export const PROVIDER_SEGMENTS: readonly string[] = PROVIDER_IDENTITIES.map((identity) => identity.pathSegment);

/** A registered segment nearly: another case, a NUL or a dot after it, its first letter percent-encoded. */
const nearSegments = (segment: string): string[] => [
  segment.toUpperCase(),
  segment.charAt(0).toUpperCase() + segment.slice(1),
  `${segment}%00`,
  `%${segment.charCodeAt(0).toString(16)}${segment.slice(1)}`,
  `${segment}.`,
];

export const garbagePlan = (connections: readonly FuzzConnection[]): fc.Arbitrary<GarbagePlan> =>
  fc.record({
    provider: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...PROVIDER_SEGMENTS) },
      {
        weight: 1,
        arbitrary: fc.oneof(fc.constantFrom('uber', ...PROVIDER_SEGMENTS.flatMap(nearSegments)), pathText),
      },
    ),
    key: fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(...connections.map((connection) => connection.key)) },
      { weight: 1, arbitrary: pathText },
    ),
    subPath: fc.oneof(
      fc.constant(''),
      fc.constantFrom('order-update', 'order/x', 'remoteId/a/remoteOrder/b/posOrderStatus'),
      fc.array(pathText, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/')),
    ),
    method: fc.constantFrom('POST', 'POST', 'PUT', 'PATCH', 'DELETE', 'GET'),
    contentType,
    headers: fc.array(headerMutation, { maxLength: 4 }),
    body: fc.oneof(
      { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
      {
        weight: 3,
        arbitrary: fc.record({
          kind: fc.constant('bytes' as const),
          bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 200 }),
        }),
      },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('json' as const), text: fc.json({ maxDepth: 3 }) }) },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant('oversized' as const),
          extraBytes: fc.integer({ min: 1, max: 64 * 1024 }),
        }),
      },
    ),
  });

export function garbageRequest(plan: GarbagePlan, gatewayUrl: string): FuzzRequest {
  const bodyless = plan.method === 'GET';
  const body =
    bodyless || plan.body.kind === 'none'
      ? null
      : plan.body.kind === 'bytes'
        ? Buffer.from(plan.body.bytes)
        : plan.body.kind === 'json'
          ? Buffer.from(plan.body.text)
          : Buffer.alloc(BODY_LIMIT + plan.body.extraBytes, 0x20);
  const subPath = plan.subPath ? `/${plan.subPath}` : '';
  return {
    method: plan.method,
    url: `${gatewayUrl}/webhooks/${plan.provider}/${plan.key}${subPath}`,
    headers: applyHeaderMutations({ 'content-type': plan.contentType }, plan.headers),
    body,
  };
}

export type FuzzAnswer = { status: number; contentType: string | null; text: string };

export async function send(request: FuzzRequest): Promise<FuzzAnswer> {
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

/** HTTP headers (names and values) as a request line would carry them: Node refuses more than 16 KiB with its own 431. */
export function headerBytes(headers: Record<string, string>): number {
  return Object.entries(headers).reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0);
}

/** The statuses docs/providers/README.md documents; 5xx would mean the platform is down, which it is not here. */
const DOCUMENTED = [200, 202, 400, 401, 404, 409, 413, 415, 429];

/**
 * The documented statuses as the provider of a path segment is answered: each
 * mapped through its identity's `answerStatuses` (a provider that understands
 * only some statuses hears their equivalents); all of them for no provider.
 */
function documentedFor(segment: string | null): number[] {
  const provider = segment === null ? null : providerOfPathSegment(segment);
  return provider === null ? DOCUMENTED : [...new Set(DOCUMENTED.map((status) => answerStatusFor(provider, status)))];
}

/**
 * Everything wrong with an answer: a status outside docs/providers/README.md (as
 * the provider is answered), a refusal without the `{"error": {"code", "message"}}`
 * JSON body, a secret echoed back. `provider` is the path segment it was sent to.
 */
export function answerProblems(answer: FuzzAnswer, provider: string | null, secrets: readonly string[]): string[] {
  const problems: string[] = [];
  const allowed = documentedFor(provider);
  if (!allowed.includes(answer.status)) problems.push(`status ${answer.status} is not a documented answer`);
  if (!answer.contentType?.startsWith('application/json')) problems.push(`content type ${String(answer.contentType)}`);
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    problems.push(`body is not JSON: ${answer.text.slice(0, 120)}`);
  }
  if (answer.status >= 300) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const shaped =
      typeof error?.code === 'string' &&
      error.code !== '' &&
      typeof error.message === 'string' &&
      Object.keys(body as object).length === 1;
    if (!shaped) problems.push(`refusal body is not {"error":{"code","message"}}: ${answer.text.slice(0, 160)}`);
  }
  if (secrets.some((secret) => answer.text.includes(secret))) problems.push('the answer echoes a secret');
  return problems;
}

export async function storedEventCount(platform: TestPlatform): Promise<number> {
  const [row] = await platform.database.queryAsAdmin<{ count: string }>(
    'select count(*) from integrations.webhook_events',
  );
  return Number(row!.count);
}
