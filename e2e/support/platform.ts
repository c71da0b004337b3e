import {
  callAsService,
  seedDemo,
  startPlatformInProcess,
  postGraphQL,
  type RunningPlatform,
  type SeedResult,
} from '@nexara/stack';
import type { EgressResolver } from '@nexara/kit';
import type { Provider } from '@nexara/providers/display';
import { startProviderApi, type ProviderApi, type SimulatedConnection } from '@nexara/simulator';
import { createTestDatabase, eventually, testSecrets, type TestDatabase } from '@nexara/test-support';

export type TestPlatform = RunningPlatform & {
  database: TestDatabase;
  seed: SeedResult;
  /** The providers' callback APIs (simulator), when asked for. */
  providerApi: ProviderApi | null;
};

/**
 * The whole platform for one test file: a fresh database, every service
 * in-process on free ports, and the demo seed (small) through the real APIs.
 */
export async function startTestPlatform(
  options: {
    ordersPerTenant?: number;
    worker?: boolean;
    providerApi?: boolean;
    redisUrl?: string;
    /** How the worker resolves provider API names (DNS unless given). */
    egressResolver?: EgressResolver;
  } = {},
): Promise<TestPlatform> {
  const database = await createTestDatabase();
  const providerApi = options.providerApi ? await startProviderApi({ port: 0 }) : null;
  const providerApiBaseUrl = providerApi ? providerApi.url : 'http://127.0.0.1:9';
  const platform = await startPlatformInProcess({
    // Retries in milliseconds rather than seconds, so failure paths finish within a test.
    worker: options.worker
      ? { RETRY_BASE_MS: '50', RETRY_MAX_MS: '500', WEBHOOK_MAX_ATTEMPTS: '4', CALLBACK_MAX_ATTEMPTS: '4' }
      : false,
    database,
    secrets: testSecrets,
    publicUrl: 'http://localhost:4000',
    // Provider callbacks may reach the simulator (or the discard port the seed names without one) and nothing else here.
    egressAllow: new URL(providerApiBaseUrl).host,
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
    ...(options.egressResolver ? { egressResolver: options.egressResolver } : {}),
    nodeEnv: 'test',
    logLevel: 'silent',
  });
  try {
    const seed = await seedDemo({
      urls: {
        tenants: `${platform.urls.tenants}/graphql`,
        orders: `${platform.urls.orders}/graphql`,
        integrations: `${platform.urls.integrations}/graphql`,
      },
      internalTokenSecret: testSecrets.internalTokenSecret,
      providerApiBaseUrl,
      ordersPerTenant: options.ordersPerTenant ?? 12,
    });
    return {
      ...platform,
      database,
      seed,
      providerApi,
      stop: async () => {
        await platform.stop();
        await providerApi?.close();
        await database.drop();
      },
    };
  } catch (error) {
    await platform.stop();
    await providerApi?.close();
    await database.drop();
    throw error;
  }
}

/**
 * A seeded tenant's connection of `provider` as the simulator sends to it,
 * through this platform's gateway; in the tenant's currency unless told.
 */
export function seededConnection(
  platform: TestPlatform,
  slug: string,
  provider: Provider,
  currency = slug === 'harbor-grill' ? 'KWD' : 'SAR',
): SimulatedConnection & { id: string } {
  const tenant = platform.seed.tenants.find((t) => t.slug === slug)!;
  const connection = tenant.connections.find((c) => c.provider === provider)!;
  return {
    id: connection.id,
    provider,
    webhookUrl: connection.webhookUrl.replace('http://localhost:4000', platform.urls.gateway),
    secret: connection.secret,
    externalStoreId: connection.externalStoreId,
    currency,
  };
}

/**
 * The provider's other ids each connection's control calls need (a brand id,
 * a client id...; docs/control-plane.md), set as a tenant admin sets them:
 * one value per name every provider's simulator accepts.
 */
export async function giveControlIds(
  admin: Awaited<ReturnType<typeof signIn>>,
  connections: readonly { id: string }[],
): Promise<void> {
  for (const connection of connections) {
    await admin.query('mutation ($input: UpdateConnectionInput!) { updateConnection(input: $input) { id } }', {
      input: {
        id: connection.id,
        controlIds: {
          brandId: 'brand-1',
          clientId: 'client-1',
          username: 'plugin-user',
          platformKey: 'PK',
          platformRestaurantId: '123',
          globalEntityId: 'GE_1',
        },
      },
    });
  }
}

/** Signs in through the gateway and returns a client that sends that user's token. */
export async function signIn(
  platform: Pick<RunningPlatform, 'graphqlUrl'>,
  email: string,
  password = 'nexara-demo',
): Promise<{
  token: string;
  query: <T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<T>;
}> {
  const { login } = await postGraphQL<{ login: { token: string } }>(
    platform.graphqlUrl,
    'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    { email, password },
  );
  return {
    token: login.token,
    query: (query, variables = {}, headers = {}) =>
      postGraphQL(platform.graphqlUrl, query, variables, { authorization: `Bearer ${login.token}`, ...headers }),
  };
}

/** A raw POST, for asserting HTTP status codes and error bodies. */
export async function rawPost(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as never };
}

let placedCount = 0;

/** What `placeOrder` may set of the canonical order (the internal ProviderOrderInput); amounts in minor units. */
export type PlacedOrderContents = {
  items?: {
    name: string;
    quantity: number;
    unitPrice: number;
    total: number;
    notes?: string;
    modifiers: { name: string; quantity: number; unitPrice: number; modifiers?: unknown[] }[];
  }[];
  subtotal?: number;
  deliveryFee?: number;
  discount?: number;
  tax?: number;
  tip?: number;
  total?: number;
  notes?: string;
  customer?: { name?: string; phone?: string };
  delivery?: { address?: string; notes?: string };
  payment?: { method: string; paid: boolean };
};

/**
 * A new RECEIVED order for one of the seeded tenants, as the worker would
 * create it (internal mutation, service identity): two falafel wraps unless
 * `contents` says otherwise.
 */
export async function placeOrder(
  platform: TestPlatform,
  slug: string,
  contents: PlacedOrderContents = {},
): Promise<string> {
  return (await placeOrderWithCode(platform, slug, contents)).id;
}

/** placeOrder, also answering the order's display code. */
export async function placeOrderWithCode(
  platform: TestPlatform,
  slug: string,
  contents: PlacedOrderContents = {},
): Promise<{ id: string; displayCode: string }> {
  const tenant = platform.seed.tenants.find((t) => t.slug === slug)!;
  const connection = tenant.connections[0]!;
  const currency = slug === 'harbor-grill' ? 'KWD' : 'SAR';
  const externalId = `E2E-${Date.now()}-${(placedCount += 1)}`;
  const displayCode = externalId.slice(-6);
  const now = new Date().toISOString();
  const { applyProviderOrderEvent } = await callAsService<{ applyProviderOrderEvent: { order: { id: string } } }>(
    `${platform.urls.orders}/graphql`,
    testSecrets.internalTokenSecret,
    { kind: 'service', service: 'e2e', tenantId: tenant.tenantId },
    `mutation($input: ProviderOrderEventInput!) { applyProviderOrderEvent(input: $input) { order { id } } }`,
    {
      input: {
        connectionId: connection.id,
        provider: connection.provider,
        eventKey: `${externalId}-placed`,
        kind: 'ORDER_PLACED',
        externalId,
        occurredAt: now,
        order: {
          displayCode,
          placedAt: now,
          currency,
          items: [{ name: 'Falafel Wrap', quantity: 2, unitPrice: 1850, total: 3700, modifiers: [] }],
          subtotal: 3700,
          deliveryFee: 0,
          discount: 0,
          tax: 0,
          tip: 0,
          total: 3700,
          ...contents,
        },
      },
    },
  );
  return { id: applyProviderOrderEvent.order.id, displayCode };
}

/**
 * Waits until exactly `count` subscriptions are open on a gateway path, so a
 * test acts only once its subscribers listen (graphql-ws does not acknowledge
 * a subscription). Exactly: sockets of an earlier test may still be closing.
 */
export async function subscribersListening(activeSubscriptions: () => number, count: number): Promise<void> {
  await eventually(
    async () => (activeSubscriptions() === count ? true : undefined),
    10_000,
    `${count} open subscriptions (have ${activeSubscriptions()})`,
  );
}
