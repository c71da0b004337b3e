import { randomUUID } from 'node:crypto';
import { PROVIDERS } from '@nexara/providers/display';
import { aMenuInput, aUser, dataOf, startCatalogTestEnv, type CatalogTestEnv } from '../testing/catalog-test-env';
import { lastSoldOutReset } from './until-scheduler';

const IMPORT = 'mutation Import($input: ImportMenuInput!) { importMenu(input: $input) { id items { id ref } } }';
const SET_AVAILABILITY = 'mutation S($input: SetItemAvailabilityInput!) { setItemAvailability(input: $input) { id } }';
const SET_STATUS = 'mutation S($input: SetStoreStatusInput!) { setStoreStatus(input: $input) { id } }';
const SET_BUSY = 'mutation S($input: SetBusyModeInput!) { setBusyMode(input: $input) { id } }';
const JOBS = `query J($filter: CatalogSyncJobFilter) {
  catalogSyncJobs(filter: $filter, first: 50) { edges { node { id kind status request connection { id } } } } }`;

const AVAILABILITY = 'query A($branchId: ID!) { branchAvailability(branchId: $branchId) { item { id } state } }';

type Job = { id: string; kind: string; request: Record<string, unknown>; connection: { id: string } };

describe('the until scheduler (real PostgreSQL)', () => {
  let env: CatalogTestEnv;
  const tenant = randomUUID();
  const staff = () => aUser(tenant, 'STAFF');
  let branch: string;
  let connections: string[];
  let items: Record<string, string>;

  beforeAll(async () => {
    env = await startCatalogTestEnv();
    branch = env.directory.aBranch(tenant);
    connections = PROVIDERS.slice(0, 2).map((provider) => env.directory.aConnection(tenant, branch, provider));
    const menu = dataOf(
      await env.request<{ importMenu: { items: { id: string; ref: string }[] } }>(aUser(tenant), IMPORT, {
        input: aMenuInput([branch]),
      }),
    ).importMenu;
    items = Object.fromEntries(menu.items.map((item) => [item.ref, item.id]));
  });
  afterAll(async () => env?.close());

  const set = async (query: string, input: Record<string, unknown>) =>
    dataOf(await env.request(staff(), query, { input: { branchId: branch, ...input } }));
  const jobs = async (kind: string): Promise<Job[]> =>
    dataOf(
      await env.request<{ catalogSyncJobs: { edges: { node: Job }[] } }>(staff(), JOBS, {
        filter: { branchId: branch, kind: [kind] },
      }),
    ).catalogSyncJobs.edges.map((edge) => edge.node);
  const inMinutes = (minutes: number, from = new Date()) => new Date(from.getTime() + minutes * 60_000);

  it('ends snoozes, pauses and busy mode at their until, queuing the restoring job per connection, once', async () => {
    const now = new Date();
    await set(SET_AVAILABILITY, { itemIds: [items['i1']], state: 'SOLD_OUT', until: inMinutes(60, now) });
    await set(SET_AVAILABILITY, { itemIds: [items['o1']], state: 'HIDDEN' });
    await set(SET_STATUS, { status: 'PAUSED', until: inMinutes(30, now), reason: 'rush' });
    await set(SET_BUSY, { prepMinutes: 40, until: inMinutes(45, now) });

    expect(await env.server.scheduler.runOnce(inMinutes(10, now))).toMatchObject({ items: 0, statuses: 0, busy: 0 });
    expect(await env.server.scheduler.runOnce(inMinutes(50, now))).toMatchObject({
      items: 0,
      statuses: 1,
      busy: 1,
      jobs: 2 * connections.length,
    });
    expect(await env.server.scheduler.runOnce(inMinutes(61, now))).toMatchObject({
      items: 1,
      jobs: connections.length,
    });
    expect(await env.server.scheduler.runOnce(inMinutes(90, now))).toMatchObject({ tenants: 0, jobs: 0 });

    const [availability] = await jobs('AVAILABILITY');
    expect(availability!.request).toEqual({
      kind: 'AVAILABILITY',
      items: [{ itemId: items['i1'], externalPosId: 'POS-11', state: 'AVAILABLE', until: null }],
    });
    expect((await jobs('STORE_STATUS'))[0]!.request).toEqual({
      kind: 'STORE_STATUS',
      status: 'OPEN',
      until: null,
      reason: null,
    });
    expect((await jobs('BUSY_MODE'))[0]!.request).toEqual({ kind: 'BUSY_MODE', prepMinutes: null, until: null });
    expect(new Set((await jobs('BUSY_MODE')).slice(0, 2).map((job) => job.connection.id))).toEqual(
      new Set(connections),
    );
    const audit = await env.db.queryAsAdmin<{ action: string; actor: string }>(
      `select action, actor from catalog.audit_log where actor = 'service:catalog-scheduler' order by at`,
    );
    expect(audit.map((row) => row.action).sort()).toEqual([
      'BUSY_MODE_ENDED',
      'ITEM_AVAILABILITY_ENDED',
      'STORE_STATUS_ENDED',
    ]);
  });

  it('brings an item sold out without an end back at the next morning reset; a hidden one stays hidden', async () => {
    await set(SET_AVAILABILITY, { itemIds: [items['i1']], state: 'SOLD_OUT' });
    const nextReset = new Date(lastSoldOutReset(new Date()).getTime() + 86_400_000);
    expect(await env.server.scheduler.runOnce(inMinutes(-1, nextReset))).toMatchObject({ items: 0 });
    expect(await env.server.scheduler.runOnce(inMinutes(1, nextReset))).toMatchObject({ items: 1 });
    const [restored] = await jobs('AVAILABILITY');
    expect(restored!.request).toMatchObject({ items: [{ itemId: items['i1'], state: 'AVAILABLE' }] });
    const states = dataOf(
      await env.request<{ branchAvailability: { item: { id: string }; state: string }[] }>(staff(), AVAILABILITY, {
        branchId: branch,
      }),
    ).branchAvailability;
    expect(Object.fromEntries(states.map((entry) => [entry.item.id, entry.state]))).toEqual({
      [items['i1']!]: 'AVAILABLE',
      [items['o1']!]: 'HIDDEN',
    });
  });

  it('finds the reset instant of the day, or of the day before when it has not come yet', () => {
    expect(lastSoldOutReset(new Date('2026-12-04T00:30:00Z'), '01:00').toISOString()).toBe('2026-12-03T01:00:00.000Z');
    expect(lastSoldOutReset(new Date('2026-12-04T01:00:00Z'), '01:00').toISOString()).toBe('2026-12-04T01:00:00.000Z');
  });

  it("finds each time zone's own reset, across a daylight saving change too", () => {
    // 04:00 in Riyadh (UTC+3, no DST) is 01:00 UTC; in Dubai (UTC+4) 00:00 UTC.
    const at = new Date('2026-12-04T02:00:00Z');
    expect(lastSoldOutReset(at, '04:00', 'Asia/Riyadh').toISOString()).toBe('2026-12-04T01:00:00.000Z');
    expect(lastSoldOutReset(at, '04:00', 'Asia/Dubai').toISOString()).toBe('2026-12-04T00:00:00.000Z');
    expect(lastSoldOutReset(at, '04:00', 'UTC').toISOString()).toBe('2026-12-03T04:00:00.000Z');
    // London moves to UTC+1 at 01:00 UTC on 2026-03-29: 04:00 local is 04:00 UTC the day before, 03:00 UTC that day.
    expect(lastSoldOutReset(new Date('2026-03-29T12:00:00Z'), '04:00', 'Europe/London').toISOString()).toBe(
      '2026-03-29T03:00:00.000Z',
    );
    expect(lastSoldOutReset(new Date('2026-03-28T12:00:00Z'), '04:00', 'Europe/London').toISOString()).toBe(
      '2026-03-28T04:00:00.000Z',
    );
  });

  it("brings sold-out items back at 04:00 in each branch's own time zone, not one instant for all", async () => {
    const other = randomUUID();
    const riyadh = env.directory.aBranch(other, 'Asia/Riyadh');
    const utc = env.directory.aBranch(other, 'UTC');
    env.directory.aConnection(other, riyadh, PROVIDERS[0]!);
    env.directory.aConnection(other, utc, PROVIDERS[0]!);
    const menu = dataOf(
      await env.request<{ importMenu: { items: { id: string; ref: string }[] } }>(aUser(other), IMPORT, {
        input: aMenuInput([riyadh, utc]),
      }),
    ).importMenu;
    const burger = menu.items.find((item) => item.ref === 'i1')!.id;
    for (const branchId of [riyadh, utc]) {
      dataOf(
        await env.request(aUser(other, 'STAFF'), SET_AVAILABILITY, {
          input: { branchId, itemIds: [burger], state: 'SOLD_OUT' },
        }),
      );
    }
    // The next 04:00 in Riyadh (01:00 UTC) comes three hours before the next 04:00 UTC.
    const riyadhReset = new Date(lastSoldOutReset(new Date(), '04:00', 'Asia/Riyadh').getTime() + 86_400_000);
    const utcReset = new Date(lastSoldOutReset(new Date(), '04:00', 'UTC').getTime() + 86_400_000);
    const first = riyadhReset < utcReset ? riyadhReset : utcReset;
    const second = riyadhReset < utcReset ? utcReset : riyadhReset;
    const stateIn = async (branchId: string) =>
      dataOf(
        await env.request<{ branchAvailability: { item: { id: string }; state: string }[] }>(
          aUser(other, 'STAFF'),
          AVAILABILITY,
          { branchId },
        ),
      ).branchAvailability.find((entry) => entry.item.id === burger)?.state;
    await env.server.scheduler.runOnce(inMinutes(1, first));
    const firstBranch = first === riyadhReset ? riyadh : utc;
    const secondBranch = first === riyadhReset ? utc : riyadh;
    expect([await stateIn(firstBranch), await stateIn(secondBranch)]).toEqual(['AVAILABLE', 'SOLD_OUT']);
    await env.server.scheduler.runOnce(inMinutes(1, second));
    expect(await stateIn(secondBranch)).toBe('AVAILABLE');
  });
});
