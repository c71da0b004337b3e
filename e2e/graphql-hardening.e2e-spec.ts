import fs from 'node:fs';
import path from 'node:path';
import { verifyContextToken } from '@nexara/kit';
import { REPO_ROOT } from '@nexara/stack';
import { testSecrets } from '@nexara/test-support';
import { capturingLogger, startGateway, startSubgraphProbe } from './support/gateway';
import { signIn, startTestPlatform, type TestPlatform } from './support/platform';

/**
 * `/graphql` against hostile clients: every limit rejects just over and
 * accepts just under; batching, CSRF, oversized bodies, forwarded headers,
 * slow subgraphs; and what production hides (introspection, suggestions,
 * Sandbox, stack traces, operations that are not the dashboard's own).
 */
let platform: TestPlatform;
let token: string;

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
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as Answer['body'] };
}

const codeOf = (answer: Answer): unknown => answer.body.errors?.[0]?.extensions?.['code'];

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 3 });
  ({ token } = await signIn(platform, 'owner@demo-bistro.test'));
});

afterAll(async () => {
  await platform?.stop();
});

describe('limits on /graphql', () => {
  const auth = () => ({ authorization: `Bearer ${token}` });
  /** `first: 0` keeps the cost at 1 however deep the selection: depth = 4 + levels + 1. */
  const deep = (levels: number) =>
    `{ orders(first: 0) { edges { node { items { ${'modifiers { '.repeat(levels)}name${' }'.repeat(levels)} } } } } }`;
  const aliases = (count: number) =>
    `{ ${Array.from({ length: count }, (_, i) => `a${i}: orders(first: 1) { totalCount }`).join(' ')} }`;
  /** 19 tokens plus one per listed status (commas are not tokens). */
  const tokens = (count: number) =>
    `{ orders(first: 1, filter: { status: [${Array(count - 19)
      .fill('RECEIVED')
      .join(', ')}] }) { totalCount } }`;
  /** Cost = 1 + first * 123: edges 1 + node 1 + items (1 + 10 * (name 1 + modifiers (1 + 10 * name 1))). */
  const costly = (first: number) =>
    `{ orders(first: ${first}) { edges { node { items { name modifiers { name } } } } } }`;

  it.each([
    ['depth', deep(7), deep(8), 'QUERY_TOO_DEEP', 'the limit is 12'],
    ['aliases', aliases(30), aliases(31), 'TOO_MANY_ALIASES', 'the limit is 30'],
    ['tokens', tokens(2000), tokens(2001), 'TOO_MANY_TOKENS', 'the limit is 2000'],
    ['cost', costly(162), costly(163), 'QUERY_TOO_COSTLY', 'the limit is 20000'],
  ])('%s: accepts just under, rejects just over with a clear error', async (_limit, under, over, code, message) => {
    const accepted = await post(platform.graphqlUrl, { query: under }, auth());
    expect(accepted.body.errors).toBeUndefined();
    expect(accepted.status).toBe(200);
    const rejected = await post(platform.graphqlUrl, { query: over }, auth());
    expect(rejected.status).toBe(400);
    expect(codeOf(rejected)).toBe(code);
    expect(rejected.body.errors![0]!.message).toContain(message);
  });
});

describe('transport on /graphql', () => {
  it('refuses batched requests', async () => {
    const answer = await post(platform.graphqlUrl, [{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(answer.status).toBe(400);
    expect(answer.body.errors![0]!.message).toMatch(/batch/i);
  });

  it('refuses a simple (CSRF-able) request: text/plain POST, and GET without a preflight header', async () => {
    const plain = await post(platform.graphqlUrl, JSON.stringify({ query: '{ __typename }' }), {
      'content-type': 'text/plain',
    });
    expect(plain.status).toBe(400);
    expect(plain.body.errors![0]!.message).toMatch(/Cross-Site Request Forgery/);
    const get = await fetch(`${platform.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(400);
    const preflighted = await fetch(`${platform.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
  });

  it('answers 413 to a body over 1 MiB', async () => {
    const answer = await post(platform.graphqlUrl, { query: `{ __typename } # ${'x'.repeat(1024 * 1024)}` });
    expect(answer.status).toBe(413);
    expect(codeOf(answer)).toBe('PAYLOAD_TOO_LARGE');
  });

  it('serves Sandbox and introspection outside production', async () => {
    const page = await fetch(platform.graphqlUrl, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/sandbox/i);
    const answer = await post(platform.graphqlUrl, { query: '{ __schema { queryType { name } } }' });
    expect(answer.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('subgraph requests', () => {
  it('carry only the allow-listed headers, whatever the client sends', async () => {
    // The orders subgraph: the gateway's own session checks also go to tenants, and would be counted here.
    const probe = await startSubgraphProbe(platform.urls.orders);
    const gateway = await startGateway(platform, { ORDERS_URL: probe.url });
    try {
      const answer = await post(
        `${gateway.url}/graphql`,
        { query: '{ orders { totalCount } }' },
        {
          authorization: `Bearer ${token}`,
          cookie: 'session=stolen',
          'x-nexara-context': 'forged',
          'x-forwarded-for': '203.0.113.9',
          'x-evil': 'yes',
          'user-agent': 'hostile-client/1.0',
        },
      );
      expect(answer.body.data).toEqual({ orders: { totalCount: expect.any(Number) } });
      expect(probe.requests).toHaveLength(1);
      const sent = probe.requests[0]!;
      const ours = ['x-nexara-context', 'x-request-id', 'x-nexara-deadline', 'x-nexara-source-address'];
      const transport = [
        'content-type',
        'content-length',
        'accept',
        'accept-encoding',
        'connection',
        'host',
        'user-agent',
      ];
      expect(Object.keys(sent).filter((name) => !ours.includes(name) && !transport.includes(name))).toEqual([]);
      expect(sent['user-agent']).not.toBe('hostile-client/1.0');
      expect(sent['x-nexara-context']).not.toBe('forged');
      // The peer's address: without TRUST_PROXY a client's X-Forwarded-For is not believed.
      expect(sent['x-nexara-source-address']).toBe('127.0.0.1');
      await expect(
        verifyContextToken(String(sent['x-nexara-context']), testSecrets.internalTokenSecret),
      ).resolves.toMatchObject({
        kind: 'user',
      });
    } finally {
      await gateway.stop();
      await probe.stop();
    }
  });

  it('are abandoned at the request timeout with GATEWAY_TIMEOUT', async () => {
    const probe = await startSubgraphProbe(platform.urls.orders);
    probe.setDelay(3_000);
    const gateway = await startGateway(platform, { ORDERS_URL: probe.url, GRAPHQL_REQUEST_TIMEOUT_MS: '500' });
    try {
      const started = Date.now();
      const answer = await post(
        `${gateway.url}/graphql`,
        { query: '{ orders { totalCount } }' },
        { authorization: `Bearer ${token}` },
      );
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(codeOf(answer)).toBe('GATEWAY_TIMEOUT');
      expect(answer.body.errors![0]!.message).toContain('500 ms');
    } finally {
      await gateway.stop();
      await probe.stop();
    }
  });
});

describe('in production', () => {
  let production: { url: string; stop: () => Promise<void> };
  const manifest = JSON.parse(
    fs.readFileSync(path.join(REPO_ROOT, 'web', 'persisted-documents.json'), 'utf8'),
  ) as Record<string, string>;
  // The dashboard's orders grid page query (with its OrderRow fragment), as codegen wrote it.
  const [ordersPageHash, ordersPage] = Object.entries(manifest).find(([, text]) =>
    text.startsWith('query OrdersPage'),
  )!;
  const ordersPageVariables = { first: 5 };
  const url = () => `${production.url}/graphql`;
  const browser = { origin: 'https://dashboard.example.com' };

  beforeAll(async () => {
    production = await startGateway(platform, { NODE_ENV: 'production' });
  });

  afterAll(async () => {
    await production?.stop();
  });

  it('refuses introspection and strips field suggestions', async () => {
    const introspection = await post(
      url(),
      { query: '{ __schema { types { name } } }' },
      { authorization: `Bearer ${token}` },
    );
    expect(codeOf(introspection)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(introspection.body.errors![0]!.message).toMatch(/introspection/i);
    const typo = await post(url(), { query: '{ order(id: "x") { statuss } }' }, { authorization: `Bearer ${token}` });
    expect(codeOf(typo)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(typo.body.errors![0]!.message).toBe('Cannot query field "statuss" on type "Order".');
  });

  it('serves no Sandbox', async () => {
    const page = await fetch(url(), { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
  });

  it('masks internal errors with a correlation id that is in the log, and shows no stack trace', async () => {
    const log = capturingLogger();
    // Integrations unreachable (a closed port), so a query that needs it fails inside the gateway.
    const broken = await startGateway(
      platform,
      { NODE_ENV: 'production', INTEGRATIONS_URL: 'http://127.0.0.1:9/graphql' },
      { logger: log.logger },
    );
    try {
      const answer = await post(
        `${broken.url}/graphql`,
        { query: '{ connections { id } }' },
        { authorization: `Bearer ${token}` },
      );
      const text = JSON.stringify(answer.body);
      const error = answer.body.errors![0]!;
      expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', correlationId: expect.any(String) });
      expect(error.message).toBe(
        `Internal error; quote ${String(error.extensions!['correlationId'])} when reporting it.`,
      );
      expect(text).not.toMatch(/stacktrace|127\.0\.0\.1|ECONNREFUSED|integrations|\s+at\s/);
      expect(log.lines().some((line) => line.includes(String(error.extensions!['correlationId'])))).toBe(true);
    } finally {
      await broken.stop();
    }
  });

  it('runs only the dashboard’s persisted documents for browsers, by text or by hash', async () => {
    const other = await post(
      url(),
      { query: '{ orders(first: 1) { totalCount } }' },
      { ...browser, authorization: `Bearer ${token}` },
    );
    expect(codeOf(other)).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    expect(other.status).toBe(400);

    // As Apollo Client sends it: reformatted, with the __typename fields its cache adds.
    const asSent = ordersPage.replace(/\n\s*/g, ' ').replace('displayCode', 'displayCode __typename');
    const byText = await post(
      url(),
      { query: asSent, variables: ordersPageVariables },
      { ...browser, authorization: `Bearer ${token}` },
    );
    expect(byText.body.errors).toBeUndefined();
    expect(byText.body.data).toHaveProperty('orders.totalCount', 3);

    const byHash = await post(
      url(),
      { variables: ordersPageVariables, extensions: { persistedQuery: { version: 1, sha256Hash: ordersPageHash } } },
      { ...browser, authorization: `Bearer ${token}` },
    );
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body.data).toHaveProperty('orders.totalCount', 3);
  });

  it('lets an integration with a token and no Origin send any operation; anonymous callers only the dashboard’s', async () => {
    const integration = await post(
      url(),
      { query: '{ orders(first: 1) { totalCount } }' },
      { authorization: `Bearer ${token}` },
    );
    expect(integration.body.data).toEqual({ orders: { totalCount: 3 } });

    const anonymous = await post(url(), {
      query: 'mutation { login(email: "owner@demo-bistro.test", password: "nexara-demo") { token } }',
    });
    expect(codeOf(anonymous)).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    const signInText = Object.values(manifest).find((text) => text.startsWith('mutation SignIn'))!;
    const signIn = await post(url(), {
      query: signInText,
      variables: { email: 'owner@demo-bistro.test', password: 'nexara-demo' },
    });
    expect(signIn.body.data).toHaveProperty('login.token', expect.any(String));
  });
});
