import fc from 'fast-check';
import { buildWebhook, sendWebhook, type SimulatedConnection } from '@nexara/simulator';
import { fuzzParameters } from '@nexara/simulator/testing';
import { eventually } from '@nexara/test-support';
import { internalUrl } from './support/internal-urls';
import { rawPost, signIn, startTestPlatform, seededConnection, type TestPlatform } from './support/platform';

/**
 * The egress policy end to end, as an attacker with a tenant admin's login
 * would try it: every way of writing an internal address is refused when an
 * `apiBaseUrl` is saved, a name that resolves to loopback is refused when
 * the worker connects (DNS rebinding), the provider's secret never leaves,
 * and the order keeps only our own short reason. The allow-listed simulator
 * keeps working.
 */
let platform: TestPlatform;
let owner: Awaited<ReturnType<typeof signIn>>;

/** A name that looks public when saved and resolves to loopback when the worker connects. */
const REBOUND_HOST = 'callbacks.rebind.example';

beforeAll(async () => {
  platform = await startTestPlatform({
    ordersPerTenant: 0,
    worker: true,
    providerApi: true,
    egressResolver: async (hostname) =>
      hostname === REBOUND_HOST ? [{ address: '127.0.0.1', family: 4 }] : Promise.reject(enotfound()),
  });
  owner = await signIn(platform, 'owner@demo-bistro.test');
});

afterAll(async () => {
  await platform?.stop();
});

function enotfound(): Error {
  return Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
}

const tenant = () => platform.seed.tenants.find((t) => t.slug === 'demo-bistro')!;

const connectionOf = (provider: 'JAHEZ' | 'CAREEM'): SimulatedConnection & { id: string } =>
  seededConnection(platform, 'demo-bistro', provider);

/** Every internal target from the issue, in the notations that used to get through, and the rule that refuses it. */
const internalUrls = (): [string, string][] => {
  const gatewayPort = new URL(platform.urls.gateway).port;
  return [
    [`http://127.0.0.1:${gatewayPort}/graphql?x=`, 'loopback'],
    ['http://[::1]:4002/', 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://0x7f000001:4001/', 'loopback'],
    ['http://2130706433:4001/', 'loopback'],
    ['http://127.1:5432/', 'loopback'],
    ['http://[::ffff:127.0.0.1]:4001/', 'IPv4-mapped IPv6'],
    ['http://[::ffff:7f00:1]:4001/', 'IPv4-mapped IPv6'],
    ['http://10.0.0.5/', 'private'],
    ['http://192.168.1.10/', 'private'],
    ['http://100.64.0.7/', 'carrier-grade NAT'],
    ['http://0.0.0.0:5432/', 'unspecified'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://localhost:5432/', 'loopback'],
  ];
};

const CONNECT = `mutation($input: ConnectProviderInput!) { connectProvider(input: $input) { connection { id } } }`;
const UPDATE = `mutation($input: UpdateConnectionInput!) { updateConnection(input: $input) { id apiBaseUrl } }`;
const CONNECTIONS = `{ connections { id apiBaseUrl } }`;

type GraphQLErrorBody = { message: string; extensions?: { code?: string; fields?: Record<string, string> } };

async function asOwner(query: string, variables: Record<string, unknown>) {
  return rawPost(
    platform.graphqlUrl,
    { query, variables },
    { authorization: `Bearer ${owner.token}`, 'apollo-require-preflight': 'true' },
  );
}

function expectRefusedBy(body: { errors?: GraphQLErrorBody[] }, rule: string): void {
  const [error] = body.errors ?? [];
  expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(error?.extensions?.fields?.['apiBaseUrl']).toContain(`rule: ${rule}`);
  expect(error?.message).toContain('apiBaseUrl');
}

describe('saving an apiBaseUrl', () => {
  it('refuses every internal URL form on connectProvider, and creates nothing', async () => {
    const before = (await owner.query<{ connections: unknown[] }>(CONNECTIONS)).connections.length;
    for (const [apiBaseUrl, rule] of internalUrls()) {
      const { body } = await asOwner(CONNECT, {
        input: {
          provider: 'CAREEM',
          name: 'SSRF probe',
          branchId: tenant().branchId,
          externalStoreId: `probe-${rule}-${apiBaseUrl.length}`,
          currency: 'SAR',
          apiBaseUrl,
        },
      });
      expectRefusedBy(body, rule);
    }
    expect((await owner.query<{ connections: unknown[] }>(CONNECTIONS)).connections).toHaveLength(before);
  });

  it('refuses every internal URL form on updateConnection, and changes nothing', async () => {
    const { id } = connectionOf('CAREEM');
    const urlOf = async () =>
      (await owner.query<{ connections: { id: string; apiBaseUrl: string }[] }>(CONNECTIONS)).connections.find(
        (c) => c.id === id,
      )!.apiBaseUrl;
    const before = await urlOf();
    for (const [apiBaseUrl, rule] of internalUrls()) {
      const { body } = await asOwner(UPDATE, { input: { id, apiBaseUrl } });
      expectRefusedBy(body, rule);
    }
    expect(await urlOf()).toBe(before);
  });

  it('refuses internal addresses in any notation the URL parser accepts (fuzzed), and changes nothing', async () => {
    const { id } = connectionOf('CAREEM');
    const urlOf = async () =>
      (await owner.query<{ connections: { id: string; apiBaseUrl: string }[] }>(CONNECTIONS)).connections.find(
        (c) => c.id === id,
      )!.apiBaseUrl;
    const before = await urlOf();
    await fc.assert(
      fc.asyncProperty(internalUrl, async (apiBaseUrl) => {
        const { body } = await asOwner(UPDATE, { input: { id, apiBaseUrl } });
        const [error] = (body.errors ?? []) as GraphQLErrorBody[];
        expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(error?.extensions?.fields?.['apiBaseUrl']).toMatch(/^is refused by the egress policy \(rule: /);
      }),
      fuzzParameters(40),
    );
    expect(await urlOf()).toBe(before);
  });
});

describe('sending a provider callback', () => {
  const ORDER = `query($id: ID!) { order(id: $id) { id status callbacks { action outcome attempt httpStatus detail } } }`;
  type CallbackView = { action: string; outcome: string; attempt: number; httpStatus: number | null; detail: string };

  async function acceptedOrderCallbacks(
    connection: SimulatedConnection,
    seed: number,
    done: (callbacks: CallbackView[]) => boolean,
  ): Promise<CallbackView[]> {
    const placed = await buildWebhook(connection, 'new_order', { seed });
    await sendWebhook(placed);
    const orderId = await eventually(
      async () => {
        const { orders } = await owner.query<{ orders: { edges: { node: { id: string; externalId: string } }[] } }>(
          `query($search: String!) { orders(first: 5, filter: { search: $search }) { edges { node { id externalId } } } }`,
          { search: placed.externalId },
        );
        return orders.edges.find((edge) => edge.node.externalId === placed.externalId)?.node.id;
      },
      20_000,
      `order ${placed.externalId}`,
    );
    await owner.query(`mutation($id: ID!) { acceptOrder(id: $id, prepMinutes: 15) { status } }`, { id: orderId });
    return eventually(
      async () => {
        const { order } = await owner.query<{ order: { callbacks: CallbackView[] } }>(ORDER, { id: orderId });
        return done(order.callbacks) ? order.callbacks : undefined;
      },
      30_000,
      `callbacks of order ${orderId}`,
    );
  }

  it('refuses a name that resolves to loopback when connecting: no bearer sent, only our reason stored', async () => {
    const api = platform.providerApi!;
    const jahez = connectionOf('JAHEZ');
    // Public-looking when saved; the simulator's port on loopback when resolved.
    const rebound = `http://${REBOUND_HOST}:${new URL(api.url).port}/jahez`;
    const { body } = await asOwner(UPDATE, { input: { id: jahez.id, apiBaseUrl: rebound } });
    expect(body.errors).toBeUndefined();
    api.clear();

    const callbacks = await acceptedOrderCallbacks(jahez, 511, (list) => list.some((c) => c.action === 'ACCEPTED'));

    expect(callbacks.find((c) => c.action === 'ACCEPTED')).toEqual({
      action: 'ACCEPTED',
      outcome: 'FAILED',
      attempt: 1,
      httpStatus: null,
      detail: 'refused by the egress policy: loopback',
    });
    expect(api.recorded('JAHEZ')).toEqual([]);
  });

  it('still reaches the allow-listed simulator', async () => {
    const api = platform.providerApi!;
    api.clear();
    const careem = connectionOf('CAREEM');

    const callbacks = await acceptedOrderCallbacks(careem, 512, (list) =>
      list.some((c) => c.action === 'ACCEPTED' && c.outcome === 'DELIVERED'),
    );

    expect(callbacks.find((c) => c.action === 'ACCEPTED')).toMatchObject({ outcome: 'DELIVERED', httpStatus: 200 });
    expect(api.recorded('CAREEM').length).toBeGreaterThan(0);
  });
});
