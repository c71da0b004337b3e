import { eventually } from '@nexara/test-support';
import { startGateway, startSubgraphProbe } from './support/gateway';
import { rawPost, signIn, startTestPlatform, type TestPlatform } from './support/platform';

/**
 * The gateway's entity cache (gateway/src/graphql/entity-cache.ts): the
 * connection names beside the dashboard's orders are fetched from
 * integrations once, and a rename is seen by the very next read through the
 * gateway that sent it, and by another gateway once the bus tells it.
 * Integrations sits behind a probe that counts the requests the cached
 * gateway sends it.
 */
let platform: TestPlatform;
let probe: Awaited<ReturnType<typeof startSubgraphProbe>>;
let cached: Awaited<ReturnType<typeof startGateway>>;

const ORDERS_PAGE = `{ orders(first: 25) { edges { node { id tenant { id name } connection { id name provider } } } } }`;
const RENAME = `mutation($input: UpdateConnectionInput!) { updateConnection(input: $input) { id name } }`;

type OrdersPage = {
  orders: { edges: { node: { id: string; tenant: { name: string }; connection: { id: string; name: string } } }[] };
};

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 4 });
  probe = await startSubgraphProbe(platform.urls.integrations);
  cached = await startGateway(platform, { INTEGRATIONS_URL: probe.url });
});

afterAll(async () => {
  await cached?.stop();
  await probe?.stop();
  await platform?.stop();
});

const viaCached = () => ({ graphqlUrl: `${cached.url}/graphql` });
const ownerOf = (slug: string) => platform.seed.tenants.find((t) => t.slug === slug)!.ownerEmail;

/** Every order's connection name, by connection id (all orders of a connection must agree). */
function namesOf(page: OrdersPage): Map<string, string> {
  const names = new Map<string, string>();
  for (const { node } of page.orders.edges) {
    const seen = names.get(node.connection.id);
    if (seen !== undefined && seen !== node.connection.name) throw new Error(`two names for ${node.connection.id}`);
    names.set(node.connection.id, node.connection.name);
  }
  return names;
}

describe('entity cache', () => {
  it('answers a repeated read of names without asking integrations again, with the same answer', async () => {
    const staff = await signIn(viaCached(), ownerOf('demo-bistro'));
    const first = await staff.query<OrdersPage>(ORDERS_PAGE);
    expect(first.orders.edges.length).toBeGreaterThan(0);
    const asked = probe.requests.length;
    const second = await staff.query<OrdersPage>(ORDERS_PAGE);
    expect(second).toEqual(first);
    expect(probe.requests.length).toBe(asked);
  });

  it('shows a rename made through the same gateway in the next read', async () => {
    const owner = await signIn(viaCached(), ownerOf('demo-bistro'));
    const before = namesOf(await owner.query<OrdersPage>(ORDERS_PAGE));
    const [id, name] = [...before][0]!;
    const renamed = `${name} (renamed)`;
    await owner.query(RENAME, { input: { id, name: renamed } });
    const after = namesOf(await owner.query<OrdersPage>(ORDERS_PAGE));
    expect(after.get(id)).toBe(renamed);
  });

  it('shows a rename made through another gateway once the bus announces it', async () => {
    const owner = await signIn(viaCached(), ownerOf('demo-bistro'));
    const elsewhere = await signIn(platform, ownerOf('demo-bistro'));
    const before = namesOf(await owner.query<OrdersPage>(ORDERS_PAGE));
    const [id, name] = [...before][0]!;
    const renamed = `${name} (elsewhere)`;
    await elsewhere.query(RENAME, { input: { id, name: renamed } });
    const seen = await eventually(
      async () => (namesOf(await owner.query<OrdersPage>(ORDERS_PAGE)).get(id) === renamed ? true : undefined),
      15_000,
      'the cached gateway to show the new name',
    );
    expect(seen).toBe(true);
  });

  it('refuses an empty name with a clear error, and every read keeps the old one', async () => {
    const owner = await signIn(viaCached(), ownerOf('demo-bistro'));
    const before = namesOf(await owner.query<OrdersPage>(ORDERS_PAGE));
    const [id] = [...before][0]!;
    const { body } = await rawPost(
      `${cached.url}/graphql`,
      { query: RENAME, variables: { input: { id, name: '  ' } } },
      { authorization: `Bearer ${owner.token}`, 'apollo-require-preflight': 'true' },
    );
    expect((body as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect(namesOf(await owner.query<OrdersPage>(ORDERS_PAGE))).toEqual(before);
  });

  it('keeps tenants apart: another tenant reads its own names, never the cached ones', async () => {
    const bistro = await signIn(viaCached(), ownerOf('demo-bistro'));
    const grill = await signIn(viaCached(), ownerOf('harbor-grill'));
    const bistroPage = await bistro.query<OrdersPage>(ORDERS_PAGE);
    const grillPage = await grill.query<OrdersPage>(ORDERS_PAGE);
    const bistroIds = new Set(namesOf(bistroPage).keys());
    expect([...namesOf(grillPage).keys()].some((id) => bistroIds.has(id))).toBe(false);
    expect(new Set(grillPage.orders.edges.map((e) => e.node.tenant.name))).not.toEqual(
      new Set(bistroPage.orders.edges.map((e) => e.node.tenant.name)),
    );
  });
});
