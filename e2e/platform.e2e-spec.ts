import { Client } from 'pg';
import { signContextToken, signUserToken, CONTEXT_TOKEN_HEADER } from '@nexara/kit';
import { providerDefinition, type Provider } from '@nexara/providers';
import { testSecrets } from '@nexara/test-support';
import { rawPost, signIn, startTestPlatform, type TestPlatform } from './support/platform';

/**
 * The platform foundation, end to end: every service in-process on free
 * ports, real PostgreSQL, the demo seed through the real APIs, and every
 * request through the real gateway (or straight at a subgraph to prove the
 * door is shut).
 */
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 12 });
});

afterAll(async () => {
  await platform?.stop();
});

const ORDERS = `query Orders($first: Int) {
  orders(first: $first) {
    totalCount
    edges { node { id status displayCode total { amount currency } tenant { id name } connection { id name provider webhookUrl } } }
  }
}`;

type OrdersData = {
  orders: {
    totalCount: number;
    edges: {
      node: {
        id: string;
        status: string;
        displayCode: string;
        total: { amount: number; currency: string };
        tenant: { id: string; name: string };
        connection: { id: string; name: string; provider: Provider; webhookUrl: string };
      };
    }[];
  };
};

function tenant(slug: string) {
  const found = platform.seed.tenants.find((t) => t.slug === slug);
  if (!found) throw new Error(`seed has no ${slug}`);
  return found;
}

describe('through the gateway', () => {
  it('serves federated orders: fields from orders, tenants and integrations in one query', async () => {
    const bistro = await signIn(platform, 'owner@demo-bistro.test');
    const { orders } = await bistro.query<OrdersData>(ORDERS, { first: 50 });
    expect(orders.totalCount).toBe(12);
    for (const { node } of orders.edges) {
      expect(node.tenant).toEqual({ id: tenant('demo-bistro').tenantId, name: 'Demo Bistro' });
      expect(node.total.currency).toBe('SAR');
      expect(tenant('demo-bistro').connections.map((c) => c.id)).toContain(node.connection.id);
      // The connection's own provider's path segment (packages/providers registry), then its key.
      const segment = providerDefinition(node.connection.provider).identity.pathSegment;
      expect(node.connection.webhookUrl).toMatch(new RegExp(`^http://localhost:4000/webhooks/${segment}/[\\w-]+$`));
    }
  });

  it('keeps each tenant to its own orders, users, branches and connections', async () => {
    const bistro = await signIn(platform, 'owner@demo-bistro.test');
    const harbor = await signIn(platform, 'owner@harbor-grill.test');
    const { orders: bistroOrders } = await bistro.query<OrdersData>(ORDERS, { first: 50 });
    const { orders: harborOrders } = await harbor.query<OrdersData>(ORDERS, { first: 50 });
    const bistroIds = new Set(bistroOrders.edges.map((e) => e.node.id));
    expect(harborOrders.edges.every((e) => !bistroIds.has(e.node.id))).toBe(true);
    expect(harborOrders.edges.every((e) => e.node.total.currency === 'KWD')).toBe(true);

    const everything = `{ users { email } branches { id } connections { id } tenant { slug } }`;
    type Everything = {
      users: { email: string }[];
      branches: { id: string }[];
      connections: { id: string }[];
      tenant: { slug: string };
    };
    const harborView = await harbor.query<Everything>(everything);
    expect(harborView.tenant.slug).toBe('harbor-grill');
    expect(harborView.users.map((u) => u.email)).toEqual(['owner@harbor-grill.test']);
    expect(harborView.branches.map((b) => b.id)).toEqual([tenant('harbor-grill').branchId]);
    expect(harborView.connections.map((c) => c.id).sort()).toEqual(
      tenant('harbor-grill')
        .connections.map((c) => c.id)
        .sort(),
    );

    // Reading or changing the other tenant's order by id fails and changes nothing.
    const target = bistroOrders.edges.find((e) => e.node.status === 'RECEIVED') ?? bistroOrders.edges[0]!;
    await expect(
      harbor.query(`query($id: ID!) { order(id: $id) { id } }`, { id: target.node.id }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      harbor.query(`mutation($id: ID!) { cancelOrder(id: $id, reason: "not mine") { id } }`, { id: target.node.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { order } = await bistro.query<{ order: { status: string } }>(
      `query($id: ID!) { order(id: $id) { status } }`,
      {
        id: target.node.id,
      },
    );
    expect(order.status).toBe(target.node.status);
  });

  it('runs the order life cycle for staff and records it on the timeline', async () => {
    const bistro = await signIn(platform, 'owner@demo-bistro.test');
    const { orders } = await bistro.query<OrdersData>(
      `query { orders(first: 5, filter: { status: [RECEIVED] }) { totalCount edges { node { id status } } } }`,
    );
    const id = orders.edges[0]!.node.id;
    const accepted = await bistro.query<{
      acceptOrder: { status: string; prepMinutes: number; timeline: { status: string; source: string }[] };
    }>(
      `mutation($id: ID!) { acceptOrder(id: $id, prepMinutes: 15) { status prepMinutes timeline { status source } } }`,
      { id },
    );
    expect(accepted.acceptOrder).toMatchObject({ status: 'ACCEPTED', prepMinutes: 15 });
    expect(accepted.acceptOrder.timeline.at(-1)).toEqual({ status: 'ACCEPTED', source: 'USER' });
    await expect(bistro.query(`mutation($id: ID!) { markReady(id: $id) { id } }`, { id })).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });
  });

  it('lets only a platform admin list tenants and act in another tenant', async () => {
    const admin = await signIn(platform, 'admin@nexara.test');
    const { tenants } = await admin.query<{ tenants: { slug: string }[] }>(`{ tenants { slug } }`);
    expect(tenants.map((t) => t.slug)).toEqual(expect.arrayContaining(['demo-bistro', 'harbor-grill']));

    const asHarbor = await admin.query<OrdersData>(
      ORDERS,
      { first: 50 },
      { 'x-nexara-tenant': tenant('harbor-grill').tenantId },
    );
    expect(asHarbor.orders.totalCount).toBe(12);
    expect(asHarbor.orders.edges[0]!.node.tenant.name).toBe('Harbor Grill');

    const owner = await signIn(platform, 'owner@demo-bistro.test');
    await expect(owner.query(`{ tenants { slug } }`)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      owner.query(ORDERS, { first: 1 }, { 'x-nexara-tenant': tenant('harbor-grill').tenantId }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('gives a wrong password and an unknown email the same answer', async () => {
    const login = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
    const wrong = await rawPost(
      platform.graphqlUrl,
      { query: login, variables: { email: 'owner@demo-bistro.test', password: 'not-the-password' } },
      { 'apollo-require-preflight': '1' },
    );
    const unknown = await rawPost(
      platform.graphqlUrl,
      { query: login, variables: { email: 'nobody@nowhere.test', password: 'not-the-password' } },
      { 'apollo-require-preflight': '1' },
    );
    expect(wrong.body.errors?.[0]?.extensions?.['code']).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.errors?.[0]?.message).toBe(wrong.body.errors?.[0]?.message);
    expect(unknown.body.errors?.[0]?.extensions?.['code']).toBe(wrong.body.errors?.[0]?.extensions?.['code']);
  });

  it('answers 401 to an expired or forged access token', async () => {
    const { token: expired } = await signUserToken(
      {
        userId: '00000000-0000-4000-8000-000000000001',
        tenantId: tenant('demo-bistro').tenantId,
        role: 'TENANT_ADMIN',
        sessionId: '00000000-0000-4000-8000-000000000002',
      },
      testSecrets.authTokenSecret,
      60,
      new Date(Date.now() - 3_600_000),
    );
    const { token: forged } = await signUserToken(
      {
        userId: '00000000-0000-4000-8000-000000000001',
        tenantId: tenant('demo-bistro').tenantId,
        role: 'PLATFORM_ADMIN',
        sessionId: '00000000-0000-4000-8000-000000000002',
      },
      'an attacker does not know the real secret!!',
      600,
    );
    for (const [token, reason] of [
      [expired, 'TOKEN_EXPIRED'],
      [forged, 'TOKEN_INVALID'],
    ] as const) {
      const response = await rawPost(
        platform.graphqlUrl,
        { query: '{ orders { totalCount } }' },
        { authorization: `Bearer ${token}` },
      );
      expect(response.status).toBe(401);
      expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason });
    }
  });

  it('does not forward client headers: a context token sent by a client is ignored', async () => {
    const harborAdmin = await signContextToken(
      { kind: 'user', userId: 'x', tenantId: tenant('harbor-grill').tenantId, role: 'PLATFORM_ADMIN' },
      'not the internal key, the client cannot know it',
    );
    const response = await rawPost(
      platform.graphqlUrl,
      { query: '{ orders { totalCount } }' },
      { [CONTEXT_TOKEN_HEADER]: harborAdmin },
    );
    // Anonymous through the gateway: orders need a signed-in user.
    expect(response.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});

describe('the query plan cache', () => {
  /** The `/metrics` counter of the dashboard gateway. */
  const counter = async (name: 'hits' | 'misses'): Promise<number> => {
    const text = await (await fetch(`${platform.urls.gateway}/metrics`)).text();
    const match = new RegExp(`^nexara_gateway_query_plan_cache_${name}_total\\{graph="dashboard"\\} (\\d+)$`, 'm').exec(
      text,
    );
    if (!match) throw new Error(`no ${name} counter in /metrics:\n${text}`);
    return Number(match[1]);
  };

  it('plans an operation once and serves it from the cache afterwards, as /metrics counts', async () => {
    const bistro = await signIn(platform, 'owner@demo-bistro.test');
    const operation = 'query PlanCacheProbe { orders(first: 3) { edges { node { id tenant { name } } } } }';
    const [hits, misses] = [await counter('hits'), await counter('misses')];
    await bistro.query(operation);
    expect([await counter('hits'), await counter('misses')]).toEqual([hits, misses + 1]);
    await bistro.query(operation);
    await bistro.query(operation);
    expect([await counter('hits'), await counter('misses')]).toEqual([hits + 2, misses + 1]);
  });
});

describe('the subgraphs behind the gateway', () => {
  const requests = [
    ['a query', { query: '{ __typename }' }],
    ['_service', { query: '{ _service { sdl } }' }],
    [
      '_entities',
      {
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
        variables: { r: [{ __typename: 'Tenant', id: 'x' }] },
      },
    ],
  ] as const;

  it.each(['tenants', 'orders', 'integrations'] as const)(
    '%s answers 401 without a valid context token',
    async (service) => {
      const url = `${platform.urls[service]}/graphql`;
      for (const [, body] of requests) {
        expect((await rawPost(url, body)).status).toBe(401);
        const forged = await signContextToken(
          { kind: 'service', service: 'x', tenantId: null },
          'wrong key, wrong key, wrong key!!',
        );
        expect((await rawPost(url, body, { [CONTEXT_TOKEN_HEADER]: forged })).status).toBe(401);
      }
    },
  );

  it.each(['tenants', 'orders', 'integrations', 'gateway'] as const)(
    '%s serves /healthz and /readyz',
    async (service) => {
      for (const path of ['/healthz', '/readyz']) {
        const response = await fetch(`${platform.urls[service]}${path}`);
        expect(response.status).toBe(200);
      }
    },
  );
});

describe('row-level security, with no application code in the way', () => {
  const tables = {
    tenants: ['tenants.branches', 'tenants.users'],
    orders: ['orders.orders', 'orders.order_events', 'orders.provider_events'],
    integrations: ['integrations.connections', 'integrations.connection_secrets'],
  } as const;

  it.each(Object.entries(tables))('the %s role sees no tenant rows when no tenant is set', async (schema, names) => {
    const client = new Client({ connectionString: platform.database.serviceUrls[schema as keyof typeof tables] });
    await client.connect();
    try {
      for (const table of names) {
        const [{ count: visible }] = (await client.query<{ count: string }>(`select count(*) from ${table}`)).rows;
        const [{ count: stored }] = await platform.database.queryAsAdmin<{ count: string }>(
          `select count(*) from ${table}`,
        );
        expect(Number(stored)).toBeGreaterThan(0);
        expect(Number(visible)).toBe(0);
      }
    } finally {
      await client.end();
    }
  });
});
