import { capabilityFor, providerDefinition, type Provider } from '@nexara/providers';
import { eventually } from '@nexara/test-support';
import type { ReceivedCall } from '@nexara/simulator';
import { giveControlIds, seededConnection, signIn, startTestPlatform, type TestPlatform } from './support/platform';

/**
 * The control plane end to end (docs/control-plane.md): a change made on the
 * dashboard API is queued by the catalog, run by the integrations worker
 * through the egress policy against the simulator's control APIs, and ends
 * APPLIED (or FAILED with the provider's reason) in the sync log; the
 * simulator's `/records` is the independent ledger of what each provider got.
 * A menu the provider only accepts ends by the provider's asynchronous
 * result, which the simulator sends to the connection through the gateway.
 */
let platform: TestPlatform;
let owner: Awaited<ReturnType<typeof signIn>>;
let branchId: string;
let connections: { id: string; provider: Provider }[];

type Job = {
  id: string;
  kind: string;
  status: string;
  reason: string | null;
  attempts: number;
  connection: { id: string };
};
const JOB_FIELDS = 'id kind status reason attempts connection { id }';

const offers = (provider: Provider, kind: Parameters<typeof capabilityFor>[1]) =>
  capabilityFor(providerDefinition(provider).control, kind) !== null;

async function job(id: string): Promise<Job> {
  return (
    await owner.query<{ catalogSyncJob: Job }>(`query ($id: ID!) { catalogSyncJob(id: $id) { ${JOB_FIELDS} } }`, { id })
  ).catalogSyncJob;
}

/** The jobs once none is PENDING any more. */
async function settled(jobs: Job[], timeoutMs = 60_000): Promise<Job[]> {
  return eventually(
    async () => {
      const now = await Promise.all(jobs.map((queued) => job(queued.id)));
      return now.every((j) => j.status !== 'PENDING') ? now : undefined;
    },
    timeoutMs,
    'sync jobs settled',
  );
}

async function records(provider: Provider, since: string): Promise<ReceivedCall[]> {
  const response = await fetch(
    `${platform.providerApi!.url}/records?provider=${provider.toLowerCase()}&since=${encodeURIComponent(since)}`,
  );
  return (await response.json()) as ReceivedCall[];
}

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 1, worker: true, providerApi: true });
  owner = await signIn(platform, 'owner@demo-bistro.test');
  const listed = await owner.query<{ connections: { id: string; provider: Provider; branch: { id: string } }[] }>(
    '{ connections { id provider branch { id } } }',
  );
  branchId = listed.connections[0]!.branch.id;
  connections = listed.connections.filter((c) => c.branch.id === branchId);
  // The providers' asynchronous results go to these connections, through the gateway's webhook routes.
  platform.providerApi!.deliverResultsTo(connections.map((c) => seededConnection(platform, 'demo-bistro', c.provider)));
  await giveControlIds(owner, connections);
}, 180_000);

afterAll(async () => {
  await platform?.stop();
});

describe('catalog sync through the gateway, the worker and the simulated providers', () => {
  it('applies a menu, an 86, a pause, busy mode and hours on every provider that offers them', async () => {
    const since = new Date().toISOString();
    const { importMenu } = await owner.query<{ importMenu: { id: string; items: { id: string }[] } }>(
      `mutation ($input: ImportMenuInput!) { importMenu(input: $input) { id items { id } } }`,
      {
        input: {
          branchIds: [branchId],
          name: { en: 'Main', ar: 'الرئيسية' },
          currency: 'SAR',
          categories: [{ ref: 'c1', name: { en: 'Burgers' }, itemRefs: ['i1'] }],
          items: [
            { ref: 'i1', externalPosId: 'POS-11', name: { en: 'Burger' }, price: '25.50', modifierGroupRefs: ['g1'] },
            { ref: 'o1', externalPosId: 'POS-90', name: { en: 'Mayo' }, price: '2' },
          ],
          modifierGroups: [
            { ref: 'g1', name: { en: 'Sauce' }, min: 0, max: 2, options: [{ itemRef: 'o1', priceDelta: '2' }] },
          ],
        },
      },
    );
    const queued: Job[] = [];
    const change = async (mutation: string, field: string, variables: Record<string, unknown>) => {
      const answer = await owner.query<Record<string, Job[]>>(mutation, variables);
      queued.push(...answer[field]!);
    };
    await change(`mutation ($m: ID!) { publishMenu(menuId: $m) { ${JOB_FIELDS} } }`, 'publishMenu', {
      m: importMenu.id,
    });
    await change(
      `mutation ($i: SetItemAvailabilityInput!) { setItemAvailability(input: $i) { ${JOB_FIELDS} } }`,
      'setItemAvailability',
      {
        i: { branchId, itemIds: [importMenu.items[0]!.id], state: 'SOLD_OUT' },
      },
    );
    await change(
      `mutation ($i: SetStoreStatusInput!) { setStoreStatus(input: $i) { ${JOB_FIELDS} } }`,
      'setStoreStatus',
      {
        i: { branchId, status: 'CLOSED' },
      },
    );
    await change(`mutation ($i: SetBusyModeInput!) { setBusyMode(input: $i) { ${JOB_FIELDS} } }`, 'setBusyMode', {
      i: { branchId, prepMinutes: 20 },
    });
    await change(
      `mutation ($i: SetOpeningHoursInput!) { setOpeningHours(input: $i) { ${JOB_FIELDS} } }`,
      'setOpeningHours',
      {
        i: { branchId, periods: [{ day: 'MONDAY', start: '10:00', end: '23:00' }] },
      },
    );
    expect(queued).toHaveLength(5 * connections.length);

    const done = await settled(queued);
    const providerOf = (j: Job) => connections.find((c) => c.id === j.connection.id)!.provider;
    for (const ended of done) {
      const provider = providerOf(ended);
      const kind = ended.kind as Parameters<typeof capabilityFor>[1];
      if (!offers(provider, kind)) {
        expect([provider, ended.status, ended.reason]).toEqual([
          provider,
          'FAILED',
          `${provider} has no ${kind} capability in Nexara.`,
        ]);
      } else {
        expect([provider, kind, ended.status, ended.reason]).toEqual([provider, kind, 'APPLIED', null]);
      }
    }
    // Every result the providers owed for those menus reached Nexara and was taken (2xx).
    const owed = platform.providerApi!.results();
    expect(owed.length).toBeGreaterThan(0);
    await eventually(
      async () => (owed.every((result) => result.status === 'SENT') ? true : undefined),
      30_000,
      `results delivered: ${JSON.stringify(owed.map(({ provider, status, answer }) => ({ provider, status, answer })))}`,
    );
    // The simulator's own ledger: each provider with control calls got them, authenticated, through the egress policy.
    for (const { provider } of connections.filter((c) => providerDefinition(c.provider).control)) {
      const received = await records(provider, since);
      expect(received.length).toBeGreaterThan(0);
      // Every call is authenticated; a login form (at most one, the token is reused) carries its credentials in the body.
      const authenticated = received.filter((call) => typeof call.headers['authorization'] === 'string');
      expect(authenticated.length).toBeGreaterThanOrEqual(received.length - 1);
    }
  });

  it("backs off a 429 for the provider's Retry-After, and ends a provider 400 FAILED with its reason", async () => {
    const target = connections.find((c) => offers(c.provider, 'STORE_STATUS'))!;
    platform.providerApi!.failNext(target.provider, 1, 429, 1);
    const since = new Date().toISOString();
    const { setStoreStatus } = await owner.query<{ setStoreStatus: Job[] }>(
      `mutation ($i: SetStoreStatusInput!) { setStoreStatus(input: $i) { ${JOB_FIELDS} } }`,
      { i: { branchId, status: 'OPEN' } },
    );
    const throttled = (await settled(setStoreStatus.filter((j) => j.connection.id === target.id)))[0]!;
    expect(throttled).toMatchObject({ status: 'APPLIED', attempts: 2 });
    const calls = (await records(target.provider, since)).filter((call) => call.path.includes('status'));
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(Date.parse(calls[1]!.at) - Date.parse(calls[0]!.at)).toBeGreaterThanOrEqual(900);

    const busy = connections.find((c) => offers(c.provider, 'BUSY_MODE'))!;
    platform.providerApi!.failNext(busy.provider, 1, 400);
    const { setBusyMode } = await owner.query<{ setBusyMode: Job[] }>(
      `mutation ($i: SetBusyModeInput!) { setBusyMode(input: $i) { ${JOB_FIELDS} } }`,
      { i: { branchId, prepMinutes: 35 } },
    );
    const refused = (await settled(setBusyMode.filter((j) => j.connection.id === busy.id)))[0]!;
    expect(refused.status).toBe('FAILED');
    expect(refused.reason).toMatch(/^HTTP 400: /);
  });

  it("ends a menu the provider rejects later FAILED with the provider's reason, from its asynchronous result", async () => {
    const rejecting = connections.filter((c) => providerDefinition(c.provider).control?.results);
    expect(rejecting.length).toBeGreaterThan(0);
    for (const { provider } of rejecting)
      platform.providerApi!.rejectNextResult(provider, 'Image 640x270 is too small');
    const { importMenu } = await owner.query<{ importMenu: { id: string } }>(
      `mutation ($input: ImportMenuInput!) { importMenu(input: $input) { id } }`,
      {
        input: {
          branchIds: [branchId],
          name: { en: 'Late night', ar: 'آخر الليل' },
          currency: 'SAR',
          categories: [{ ref: 'c1', name: { en: 'Wraps' }, itemRefs: ['i1'] }],
          items: [{ ref: 'i1', externalPosId: 'POS-21', name: { en: 'Wrap' }, price: '18' }],
          modifierGroups: [],
        },
      },
    );
    const { publishMenu } = await owner.query<{ publishMenu: Job[] }>(
      `mutation ($m: ID!, $c: [ID!]) { publishMenu(menuId: $m, connectionIds: $c) { ${JOB_FIELDS} } }`,
      { m: importMenu.id, c: rejecting.map((c) => c.id) },
    );
    const ended = await settled(publishMenu, 120_000);
    for (const result of ended) {
      expect([result.status, result.reason]).toEqual(['FAILED', expect.stringContaining('Image 640x270 is too small')]);
    }
  }, 150_000);

  it('reopens a paused branch at its until, on every provider', async () => {
    const until = new Date(Date.now() + 3_000).toISOString();
    await owner.query(`mutation ($i: SetStoreStatusInput!) { setStoreStatus(input: $i) { id } }`, {
      i: { branchId, status: 'PAUSED', until, reason: 'rush' },
    });
    const reopened = await eventually(
      async () => {
        const { catalogSyncJobs } = await owner.query<{
          catalogSyncJobs: { edges: { node: Job & { request: { status: string } } }[] };
        }>(
          `query ($f: CatalogSyncJobFilter) { catalogSyncJobs(filter: $f, first: 20) { edges { node { ${JOB_FIELDS} request } } } }`,
          { f: { branchId, kind: ['STORE_STATUS'] } },
        );
        const newest = catalogSyncJobs.edges.slice(0, connections.length).map((edge) => edge.node);
        return newest.every((node) => node.request.status === 'OPEN') ? newest : undefined;
      },
      60_000,
      'the scheduler reopening the branch',
    );
    expect(new Set(reopened.map((j) => j.connection.id))).toEqual(new Set(connections.map((c) => c.id)));
    const { storeStatus } = await owner.query<{ storeStatus: { status: string } }>(
      'query ($b: ID!) { storeStatus(branchId: $b) { status } }',
      { b: branchId },
    );
    expect(storeStatus.status).toBe('OPEN');
  });
});
