import fs from 'node:fs';
import path from 'node:path';
import { startGateway, writeTestContract } from './support/gateway';
import { placeOrder, signIn, startTestPlatform, type TestPlatform } from './support/platform';

/**
 * The partner API end to end: a gateway serving `/partner/graphql` over a
 * contract composed from the real subgraph schemas (with the public elements
 * the lead tags, see TEST_PUBLIC_ELEMENTS), API keys created and revoked
 * through the dashboard API, every request through the real stack.
 */
let platform: TestPlatform;
let partner: { url: string; stop: () => Promise<void> };
let contractFile: string;
let admin: Awaited<ReturnType<typeof signIn>>;

type Answer = {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
};

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

const codeOf = (answer: Answer): unknown => answer.body.errors?.[0]?.extensions?.['code'];
const endpoint = (gateway = partner) => `${gateway.url}/partner/graphql`;
const asKey = (secret: string) => ({ authorization: `Bearer ${secret}` });

type Scope = 'ORDERS_READ' | 'ORDERS_WRITE' | 'CONNECTIONS_READ';

async function createKey(scopes: Scope[], expiresAt?: Date): Promise<{ id: string; secret: string }> {
  const { createApiKey } = await admin.query<{ createApiKey: { apiKey: { id: string }; secret: string } }>(
    'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } secret } }',
    { input: { name: `e2e ${scopes.join(' ')}`, scopes, expiresAt: expiresAt?.toISOString() ?? null } },
  );
  return { id: createApiKey.apiKey.id, secret: createApiKey.secret };
}

async function revokeKey(id: string): Promise<void> {
  await admin.query('mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', { id });
}

const ORDERS =
  '{ orders(first: 50) { totalCount edges { node { id status total { amount currency } tenant { id name } } } } }';

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 4 });
  contractFile = writeTestContract();
  partner = await startGateway(platform, { PARTNER_SUPERGRAPH_PATH: contractFile });
  admin = await signIn(platform, 'owner@demo-bistro.test');
});

afterAll(async () => {
  await partner?.stop();
  await platform?.stop();
});

describe('authentication', () => {
  it('refuses requests without a key, with a dashboard token, or with an unknown key (401)', async () => {
    const none = await post(endpoint(), { query: '{ orders { totalCount } }' });
    const dashboardToken = await post(
      endpoint(),
      { query: '{ orders { totalCount } }' },
      { authorization: `Bearer ${admin.token}` },
    );
    const unknown = await post(endpoint(), { query: '{ orders { totalCount } }' }, asKey(`nxk_${'A'.repeat(43)}`));
    for (const answer of [none, dashboardToken, unknown]) {
      expect(answer.status).toBe(401);
      expect(codeOf(answer)).toBe('UNAUTHENTICATED');
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect(unknown.body.errors![0]!.message).toBe('The API key is unknown, revoked or expired.');
  });

  it('does not take API keys on the dashboard endpoint', async () => {
    const key = await createKey(['ORDERS_READ']);
    const answer = await post(`${partner.url}/graphql`, { query: '{ orders { totalCount } }' }, asKey(key.secret));
    expect(answer.status).toBe(401);
    expect(answer.body.errors![0]!.message).toMatch(/partner endpoint/);
  });

  it('fails a revoked key on its very next request', async () => {
    const key = await createKey(['ORDERS_READ']);
    expect((await post(endpoint(), { query: '{ orders { totalCount } }' }, asKey(key.secret))).status).toBe(200);
    await revokeKey(key.id);
    const after = await post(endpoint(), { query: '{ orders { totalCount } }' }, asKey(key.secret));
    expect(after.status).toBe(401);
  });

  it('fails an expired key as soon as it expires', async () => {
    const key = await createKey(['ORDERS_READ'], new Date(Date.now() + 2_000));
    expect((await post(endpoint(), { query: '{ orders { totalCount } }' }, asKey(key.secret))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect((await post(endpoint(), { query: '{ orders { totalCount } }' }, asKey(key.secret))).status).toBe(401);
  });

  it('with PARTNER_KEY_CACHE_MS, trusts a verified key at most that long after it is revoked', async () => {
    const cached = await startGateway(platform, {
      PARTNER_SUPERGRAPH_PATH: contractFile,
      PARTNER_KEY_CACHE_MS: '1500',
    });
    try {
      const key = await createKey(['ORDERS_READ']);
      expect((await post(endpoint(cached), { query: '{ orders { totalCount } }' }, asKey(key.secret))).status).toBe(
        200,
      );
      const revokedAt = Date.now();
      await revokeKey(key.id);
      // Still trusted from the cache right after revocation...
      expect((await post(endpoint(cached), { query: '{ orders { totalCount } }' }, asKey(key.secret))).status).toBe(
        200,
      );
      // ...but no longer than PARTNER_KEY_CACHE_MS.
      let status = 200;
      while (status === 200 && Date.now() - revokedAt < 5_000) {
        status = (await post(endpoint(cached), { query: '{ orders { totalCount } }' }, asKey(key.secret))).status;
        if (status === 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(status).toBe(401);
      expect(Date.now() - revokedAt).toBeLessThanOrEqual(1_500 + 500);
    } finally {
      await cached.stop();
    }
  });
});

describe('without a public contract', () => {
  it('answers 503 while nothing is tagged public', async () => {
    const placeholder = path.join(path.dirname(contractFile), 'empty-contract.graphql');
    fs.writeFileSync(placeholder, '# Nothing is tagged @tag(name: "public") yet.\n');
    const empty = await startGateway(platform, { PARTNER_SUPERGRAPH_PATH: placeholder });
    try {
      const key = await createKey(['ORDERS_READ']);
      const answer = await post(endpoint(empty), { query: '{ orders { totalCount } }' }, asKey(key.secret));
      expect(answer.status).toBe(503);
      expect(codeOf(answer)).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await empty.stop();
    }
  });
});

describe('what a key sees', () => {
  it('reads only its own tenant’s orders', async () => {
    const key = await createKey(['ORDERS_READ']);
    const answer = await post(endpoint(), { query: ORDERS }, asKey(key.secret));
    expect(answer.body.errors).toBeUndefined();
    const orders = answer.body.data!['orders'] as {
      totalCount: number;
      edges: { node: { tenant: { id: string; name: string } } }[];
    };
    const bistro = platform.seed.tenants.find((t) => t.slug === 'demo-bistro')!;
    expect(orders.totalCount).toBe(4);
    expect(
      orders.edges.every(({ node }) => node.tenant.id === bistro.tenantId && node.tenant.name === 'Demo Bistro'),
    ).toBe(true);

    const harbor = await signIn(platform, 'owner@harbor-grill.test');
    const { orders: harborOrders } = await harbor.query<{ orders: { edges: { node: { id: string } }[] } }>(
      '{ orders { edges { node { id } } } }',
    );
    const foreign = await post(
      endpoint(),
      { query: `{ order(id: "${harborOrders.edges[0]!.node.id}") { id } }` },
      asKey(key.secret),
    );
    expect(codeOf(foreign)).toBe('NOT_FOUND');
  });

  it('cannot query a field that is not public: it fails validation', async () => {
    const key = await createKey(['ORDERS_READ']);
    for (const query of [
      '{ orders { edges { node { warnings } } } }',
      '{ auditLog { totalCount } }',
      '{ apiKeys { id } }',
      'mutation { createApiKey(input: { name: "x", scopes: [ORDERS_READ] }) { secret } }',
      'mutation { authenticateApiKey(secret: "nxk_") { tenantId } }',
    ]) {
      const answer = await post(endpoint(), { query }, asKey(key.secret));
      expect(answer.status).toBe(400);
      expect(codeOf(answer)).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });

  it('introspects only the public contract', async () => {
    const key = await createKey(['ORDERS_READ']);
    const answer = await post(
      endpoint(),
      { query: '{ __schema { types { name } mutationType { fields { name } } queryType { fields { name } } } }' },
      asKey(key.secret),
    );
    const schema = answer.body.data!['__schema'] as {
      types: { name: string }[];
      mutationType: { fields: { name: string }[] };
      queryType: { fields: { name: string }[] };
    };
    const types = schema.types.map((t) => t.name);
    expect(types).toEqual(expect.arrayContaining(['Order', 'Money', 'OrderStatus']));
    for (const hidden of ['User', 'ApiKey', 'AuditEntry', 'Branch', 'ApiKeyIdentity'])
      expect(types).not.toContain(hidden);
    expect(schema.queryType.fields.map((f) => f.name).sort()).toEqual([
      'connection',
      'connections',
      'order',
      'orders',
      'tenant',
    ]);
    expect(schema.mutationType.fields.map((f) => f.name)).not.toContain('login');
  });

  it('serves Sandbox outside production (it sends the key you enter as a header)', async () => {
    const page = await fetch(endpoint(), { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/sandbox/i);
  });

  it('runs only what its scopes allow', async () => {
    const ordersOnly = await createKey(['ORDERS_READ']);
    const connectionsOnly = await createKey(['CONNECTIONS_READ']);
    expect(codeOf(await post(endpoint(), { query: '{ connections { id } }' }, asKey(ordersOnly.secret)))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await post(endpoint(), { query: '{ orders { totalCount } }' }, asKey(connectionsOnly.secret)))).toBe(
      'FORBIDDEN',
    );
    const connections = await post(
      endpoint(),
      { query: '{ connections { id provider name status } }' },
      asKey(connectionsOnly.secret),
    );
    expect(connections.body.errors).toBeUndefined();
    // Every connection of the key's tenant (one per registered provider in the demo), and only those.
    const bistro = platform.seed.tenants.find((t) => t.slug === 'demo-bistro')!;
    expect((connections.body.data!['connections'] as { id: string }[]).map((c) => c.id).sort()).toEqual(
      bistro.connections.map((c) => c.id).sort(),
    );
  });

  it('accepts an order with orders:write, and refuses it to a key with orders:read only', async () => {
    const reader = await createKey(['ORDERS_READ']);
    const writer = await createKey(['ORDERS_READ', 'ORDERS_WRITE']);
    const orderId = await placeOrder(platform, 'demo-bistro');
    const refused = await post(
      endpoint(),
      {
        query: 'mutation ($id: ID!) { acceptOrder(id: $id, prepMinutes: 15) { id status } }',
        variables: { id: orderId },
      },
      asKey(reader.secret),
    );
    expect(codeOf(refused)).toBe('FORBIDDEN');
    const answer = await post(
      endpoint(),
      {
        query: 'mutation ($id: ID!) { acceptOrder(id: $id, prepMinutes: 15) { id status } }',
        variables: { id: orderId },
      },
      asKey(writer.secret),
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual({ acceptOrder: { id: orderId, status: 'ACCEPTED' } });
  });
});

describe('rate limits', () => {
  it('reports RateLimit headers and answers 429 with Retry-After once a key’s limit is used up, per key', async () => {
    const limited = await startGateway(platform, {
      PARTNER_SUPERGRAPH_PATH: contractFile,
      PARTNER_RATE_LIMIT: '3',
      PARTNER_RATE_WINDOW_SECONDS: '60',
    });
    try {
      const key = await createKey(['ORDERS_READ']);
      const other = await createKey(['ORDERS_READ']);
      const remaining: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        const answer = await post(endpoint(limited), { query: '{ orders { totalCount } }' }, asKey(key.secret));
        expect(answer.status).toBe(200);
        expect(answer.headers.get('ratelimit-limit')).toBe('3');
        expect(Number(answer.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
        remaining.push(answer.headers.get('ratelimit-remaining') ?? '');
      }
      expect(remaining).toEqual(['2', '1', '0']);
      const over = await post(endpoint(limited), { query: '{ orders { totalCount } }' }, asKey(key.secret));
      expect(over.status).toBe(429);
      expect(codeOf(over)).toBe('RATE_LIMITED');
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(over.headers.get('ratelimit-remaining')).toBe('0');
      expect((await post(endpoint(limited), { query: '{ orders { totalCount } }' }, asKey(other.secret))).status).toBe(
        200,
      );
    } finally {
      await limited.stop();
    }
  });
});

describe('limits on /partner/graphql', () => {
  let secret: string;
  beforeAll(async () => {
    ({ secret } = await createKey(['ORDERS_READ']));
  });

  const deep = (levels: number) =>
    `{ orders(first: 0) { edges { node { items { ${'modifiers { '.repeat(levels)}name${' }'.repeat(levels)} } } } } }`;
  const aliases = (count: number) =>
    `{ ${Array.from({ length: count }, (_, i) => `a${i}: orders(first: 1) { totalCount }`).join(' ')} }`;
  const tokens = (count: number) =>
    `{ orders(first: 1, filter: { status: [${Array(count - 19)
      .fill('RECEIVED')
      .join(', ')}] }) { totalCount } }`;
  const costly = (first: number) =>
    `{ orders(first: ${first}) { edges { node { items { name modifiers { name } } } } } }`;

  it.each([
    ['depth', deep(7), deep(8), 'QUERY_TOO_DEEP'],
    ['aliases', aliases(30), aliases(31), 'TOO_MANY_ALIASES'],
    ['tokens', tokens(2000), tokens(2001), 'TOO_MANY_TOKENS'],
    ['cost', costly(162), costly(163), 'QUERY_TOO_COSTLY'],
  ])('%s: accepts just under, rejects just over', async (_limit, under, over, code) => {
    const accepted = await post(endpoint(), { query: under }, asKey(secret));
    expect(accepted.body.errors).toBeUndefined();
    const rejected = await post(endpoint(), { query: over }, asKey(secret));
    expect(rejected.status).toBe(400);
    expect(codeOf(rejected)).toBe(code);
  });

  it('refuses batches and CSRF-able requests', async () => {
    expect((await post(endpoint(), [{ query: '{ __typename }' }], asKey(secret))).status).toBe(400);
    const plain = await post(endpoint(), JSON.stringify({ query: '{ __typename }' }), {
      ...asKey(secret),
      'content-type': 'text/plain',
    });
    expect(plain.status).toBe(400);
  });
});
