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
});
