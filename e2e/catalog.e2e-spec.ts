import { eventually } from '@nexara/test-support';
import { signIn, startTestPlatform, subscribersListening, type TestPlatform } from './support/platform';
import { collect, wsClient } from './support/ws-client';

/**
 * The catalog through the gateway: a POS with an API key pushes a menu and
 * an 86 on the partner endpoint, reads the menus and the sync log back; the
 * dashboard reads the per-connection store status (connections federated from
 * the integrations subgraph) and follows it live over graphql-ws.
 */
let platform: TestPlatform;
let owner: Awaited<ReturnType<typeof signIn>>;
let branchId: string;
let connectionIds: string[];

type Answer = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };

async function partner(secret: string, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await fetch(`${platform.urls.gateway}/partner/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

async function createKey(scopes: string[]): Promise<string> {
  const { createApiKey } = await owner.query<{ createApiKey: { secret: string } }>(
    'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
    { input: { name: `catalog ${scopes.join(' ')}`, scopes } },
  );
  return createApiKey.secret;
}

const IMPORT = `mutation ($input: ImportMenuInput!) {
  importMenu(input: $input) { id name { en ar } items { id externalPosId name { en ar } price { amount currency } } } }`;
const SOLD_OUT = `mutation ($input: SetItemAvailabilityInput!) {
  setItemAvailability(input: $input) { id kind status attempts reason connection { id } } }`;

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 1 });
  owner = await signIn(platform, 'owner@demo-bistro.test');
  const { connections } = await owner.query<{ connections: { id: string; branch: { id: string } }[] }>(
    '{ connections { id branch { id } } }',
  );
  branchId = connections[0]!.branch.id;
  connectionIds = connections.filter((c) => c.branch.id === branchId).map((c) => c.id);
  // The whole platform in-process starts slowly on a loaded machine.
}, 180_000);

afterAll(async () => {
  await platform?.stop();
});

describe('the catalog on the partner API', () => {
  it('imports a menu, 86s an item (one PENDING job per connection), and reads menus and the sync log back', async () => {
    const key = await createKey(['CATALOG_WRITE', 'CATALOG_READ']);
    const imported = await partner(key, IMPORT, {
      input: {
        branchIds: [branchId],
        name: { en: 'Main', ar: 'الرئيسية' },
        currency: 'SAR',
        categories: [{ ref: 'c1', name: { en: 'Burgers' }, itemRefs: ['i1'] }],
        items: [{ ref: 'i1', externalPosId: 'POS-11', name: { en: 'Burger', ar: 'برجر' }, price: '25.50' }],
      },
    });
    expect(imported.errors).toBeUndefined();
    const menu = imported.data!['importMenu'] as { id: string; items: { id: string; price: { amount: number } }[] };
    expect(menu.items[0]!.price).toEqual({ amount: 2550, currency: 'SAR' });

    const sold = await partner(key, SOLD_OUT, {
      input: { branchId, itemIds: [menu.items[0]!.id], state: 'SOLD_OUT' },
    });
    expect(sold.errors).toBeUndefined();
    const jobs = sold.data!['setItemAvailability'] as { id: string; status: string; connection: { id: string } }[];
    expect(jobs.map((j) => j.connection.id).sort()).toEqual([...connectionIds].sort());
    expect(new Set(jobs.map((j) => j.status))).toEqual(new Set(['PENDING']));

    const read = await partner(
      key,
      '{ menus { id items { name { en } } } catalogSyncJobs(first: 10) { edges { node { id kind status } } pageInfo { hasNextPage } } }',
    );
    expect(read.errors).toBeUndefined();
    expect(read.data!['menus']).toEqual([{ id: menu.id, items: [{ name: { en: 'Burger' } }] }]);
    const log = read.data!['catalogSyncJobs'] as { edges: { node: { id: string; kind: string } }[] };
    expect(log.edges.map((e) => e.node.id).sort()).toEqual(jobs.map((j) => j.id).sort());
  });

  it('refuses bad input naming the path, a key without the scope, and keeps the dashboard-only fields off it', async () => {
    const key = await createKey(['CATALOG_WRITE']);
    const bad = await partner(key, IMPORT, {
      input: {
        branchIds: [branchId],
        name: { en: 'Main' },
        currency: 'KWD',
        categories: [{ ref: 'c1', name: { en: 'Drinks' }, itemRefs: ['i1'] }],
        items: [{ ref: 'i1', name: { en: 'Tea' }, price: '0.2505' }],
      },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('items[0].price');

    const noRead = await partner(key, '{ menus { id } }');
    expect(noRead.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const hidden = await partner(
      key,
      `mutation { setBusyMode(input: { branchId: "${branchId}", prepMinutes: 30 }) { id } }`,
    );
    expect(hidden.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('store status on the dashboard API', () => {
  it('pauses a branch: jobs per connection, federated connections, and storeStatusChanged live', async () => {
    const socket = wsClient(platform.graphqlUrl, owner.token);
    const followed = collect<{ storeStatusChanged: { status: string; reason: string | null } }>(
      socket.client,
      'subscription ($b: ID) { storeStatusChanged(branchId: $b) { status reason } }',
      { b: branchId },
    );
    try {
      await subscribersListening(() => platform.activeSubscriptions('/graphql'), 1);
      const until = new Date(Date.now() + 30 * 60_000).toISOString();
      const { setStoreStatus } = await owner.query<{
        setStoreStatus: { connection: { id: string; provider: string } }[];
      }>('mutation ($input: SetStoreStatusInput!) { setStoreStatus(input: $input) { connection { id provider } } }', {
        input: { branchId, status: 'PAUSED', until, reason: 'Kitchen overwhelmed' },
      });
      expect(setStoreStatus.map((j) => j.connection.id).sort()).toEqual([...connectionIds].sort());
      expect(setStoreStatus.every((j) => typeof j.connection.provider === 'string')).toBe(true);

      const live = await eventually(
        async () => followed.values.find((v) => v.storeStatusChanged.status === 'PAUSED'),
        10_000,
        'storeStatusChanged',
      );
      expect(live.storeStatusChanged.reason).toBe('Kitchen overwhelmed');

      const { storeStatus } = await owner.query<{
        storeStatus: { status: string; connections: { connection: { name: string }; requested: { status: string } }[] };
      }>(
        'query ($b: ID!) { storeStatus(branchId: $b) { status connections { connection { name } requested { status } } } }',
        {
          b: branchId,
        },
      );
      expect(storeStatus.status).toBe('PAUSED');
      expect(storeStatus.connections).toHaveLength(connectionIds.length);
      expect(storeStatus.connections.every((c) => c.requested.status === 'PENDING' && c.connection.name)).toBe(true);
    } finally {
      followed.dispose();
      await socket.client.dispose();
    }
  });
});
