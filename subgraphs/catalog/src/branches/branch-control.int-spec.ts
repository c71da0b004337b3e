import { randomUUID } from 'node:crypto';
import { CATALOG_SYNC_TASK } from '@nexara/contracts';
import { Client } from 'pg';
import { aMenuInput, aUser, dataOf, startCatalogTestEnv, type CatalogTestEnv } from '../testing/catalog-test-env';

const IMPORT = 'mutation Import($input: ImportMenuInput!) { importMenu(input: $input) { id items { id } } }';
const JOB_FIELDS = 'id kind status reason attempts provider branchId connection { id } request';
const SET_AVAILABILITY = `mutation Set($input: SetItemAvailabilityInput!) { setItemAvailability(input: $input) { ${JOB_FIELDS} } }`;
const SET_STATUS = `mutation Set($input: SetStoreStatusInput!) { setStoreStatus(input: $input) { ${JOB_FIELDS} } }`;
const SET_BUSY = `mutation Set($input: SetBusyModeInput!) { setBusyMode(input: $input) { ${JOB_FIELDS} } }`;
const SET_HOURS = `mutation Set($input: SetOpeningHoursInput!) { setOpeningHours(input: $input) { ${JOB_FIELDS} } }`;
const PUBLISH = `mutation Publish($menuId: ID!) { publishMenu(menuId: $menuId) { ${JOB_FIELDS} } }`;
const STORE_STATUS = `query S($branchId: ID!) { storeStatus(branchId: $branchId) { status until reason busy { prepMinutes }
  openingHours { day start end } connections { connection { id } requested { status kind } confirmed { id } } } }`;
const AVAILABILITY = 'query A($branchId: ID!) { branchAvailability(branchId: $branchId) { item { id } state until } }';
const JOBS = `query J($filter: CatalogSyncJobFilter, $first: Int, $after: String) {
  catalogSyncJobs(filter: $filter, first: $first, after: $after) { edges { cursor node { id kind status } } pageInfo { hasNextPage endCursor } } }`;

type Job = {
  id: string;
  kind: string;
  status: string;
  provider: string;
  connection: { id: string };
  request: Record<string, unknown>;
};

describe('branch control and sync jobs (real PostgreSQL)', () => {
  let env: CatalogTestEnv;
  const tenant = randomUUID();
  const otherTenant = randomUUID();
  let branch: string;
  let otherBranch: string;
  let connections: string[];
  let itemId: string;
  let menuId: string;
  const user = () => aUser(tenant, 'STAFF');

  beforeAll(async () => {
    env = await startCatalogTestEnv();
    branch = env.directory.aBranch(tenant);
    otherBranch = env.directory.aBranch(otherTenant);
    connections = [
      env.directory.aConnection(tenant, branch, 'DELIVEROO'),
      env.directory.aConnection(tenant, branch, 'TALABAT'),
    ];
    env.directory.aConnection(tenant, env.directory.aBranch(tenant), 'JAHEZ');
    const menu = dataOf(
      await env.request<{ importMenu: { id: string; items: { id: string }[] } }>(aUser(tenant), IMPORT, {
        input: aMenuInput([branch]),
      }),
    ).importMenu;
    menuId = menu.id;
    itemId = menu.items[0]!.id;
  });
  afterAll(async () => env?.close());

  async function queued(): Promise<{ payload: Record<string, unknown>; key: string | null }[]> {
    const client = new Client({ connectionString: env.db.ownerUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ payload: Record<string, unknown>; key: string | null }>(
        `select j.payload, j.key from graphile_worker._private_jobs j
           join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = $1`,
        [CATALOG_SYNC_TASK],
      );
      return rows;
    } finally {
      await client.end();
    }
  }

  it('86s items: one PENDING job per connection of the branch, each queued for the worker in the same transaction', async () => {
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const jobs = dataOf(
      await env.request<{ setItemAvailability: Job[] }>(user(), SET_AVAILABILITY, {
        input: { branchId: branch, itemIds: [itemId], state: 'SOLD_OUT', until },
      }),
    ).setItemAvailability;
    expect(jobs.map((j) => [j.kind, j.status, j.connection.id]).sort()).toEqual(
      connections.map((id) => ['AVAILABILITY', 'PENDING', id]).sort(),
    );
    expect(jobs[0]!.request).toEqual({
      kind: 'AVAILABILITY',
      items: [{ itemId, externalPosId: 'POS-11', state: 'SOLD_OUT', until }],
    });
    const payloads = (await queued()).map((row) => row.payload['jobId']);
    expect(payloads).toEqual(expect.arrayContaining(jobs.map((j) => j.id)));

    const availability = dataOf(
      await env.request<{ branchAvailability: { item: { id: string }; state: string }[] }>(user(), AVAILABILITY, {
        branchId: branch,
      }),
    ).branchAvailability;
    expect(availability.find((a) => a.item.id === itemId)?.state).toBe('SOLD_OUT');
  });

  it('pauses, sets busy mode and hours; storeStatus shows what was asked per connection, nothing confirmed yet', async () => {
    const until = new Date(Date.now() + 30 * 60_000).toISOString();
    dataOf(
      await env.request(user(), SET_STATUS, { input: { branchId: branch, status: 'PAUSED', until, reason: 'Rush' } }),
    );
    dataOf(await env.request(user(), SET_BUSY, { input: { branchId: branch, prepMinutes: 35 } }));
    dataOf(
      await env.request(aUser(tenant), SET_HOURS, {
        input: { branchId: branch, periods: [{ day: 'FRIDAY', start: '12:00', end: '23:00' }] },
      }),
    );
    const { storeStatus } = dataOf(
      await env.request<{ storeStatus: Record<string, unknown> & { connections: unknown[] } }>(user(), STORE_STATUS, {
        branchId: branch,
      }),
    );
    expect(storeStatus).toMatchObject({
      status: 'PAUSED',
      reason: 'Rush',
      busy: { prepMinutes: 35 },
      openingHours: [{ day: 'FRIDAY', start: '12:00', end: '23:00' }],
    });
    expect(storeStatus.connections).toHaveLength(2);
    expect(storeStatus.connections).toEqual(
      expect.arrayContaining([
        { connection: { id: connections[0] }, requested: { status: 'PENDING', kind: 'STORE_STATUS' }, confirmed: null },
      ]),
    );
  });

  /** How the audit trail names a user (`user:<id>`). */
  const actorOf = (identity: ReturnType<typeof aUser>) => (identity.kind === 'user' ? `user:${identity.userId}` : '');

  async function auditRows(actors: string[]) {
    return env.db.queryAsAdmin<{ actor: string; action: string; subject_type: string; subject_id: string | null }>(
      `select actor, action, subject_type, subject_id from catalog.audit_log
        where tenant_id = $1 and actor = any($2) order by at, action`,
      [tenant, actors],
    );
  }

  it('audits each change of the dashboard pages with who made it, on which branch (docs/control-plane.md)', async () => {
    const staff = aUser(tenant, 'STAFF');
    const manager = aUser(tenant, 'MANAGER');
    const until = new Date(Date.now() + 60 * 60_000).toISOString();
    dataOf(
      await env.request(staff, SET_AVAILABILITY, { input: { branchId: branch, itemIds: [itemId], state: 'HIDDEN' } }),
    );
    dataOf(await env.request(staff, SET_STATUS, { input: { branchId: branch, status: 'CLOSED', until } }));
    dataOf(await env.request(staff, SET_BUSY, { input: { branchId: branch, prepMinutes: 10, until } }));
    dataOf(
      await env.request(manager, SET_HOURS, {
        input: { branchId: branch, periods: [{ day: 'MONDAY', start: '09:00', end: '17:00' }] },
      }),
    );
    const byStaff = actorOf(staff);
    const byManager = actorOf(manager);
    const rows = await auditRows([byStaff, byManager]);
    expect(rows.map((row) => [row.actor, row.action, row.subject_type, row.subject_id])).toEqual([
      [byStaff, 'ITEM_AVAILABILITY_SET', 'BRANCH', branch],
      [byStaff, 'STORE_STATUS_SET', 'BRANCH', branch],
      [byStaff, 'BUSY_MODE_SET', 'BRANCH', branch],
      [byManager, 'OPENING_HOURS_SET', 'BRANCH', branch],
    ]);
  });

  it('a newer whole-state change replaces the queued one: the older job says it was superseded', async () => {
    const first = dataOf(
      await env.request<{ setStoreStatus: Job[] }>(user(), SET_STATUS, {
        input: { branchId: branch, status: 'CLOSED' },
      }),
    ).setStoreStatus;
    dataOf(await env.request(user(), SET_STATUS, { input: { branchId: branch, status: 'OPEN' } }));
    const { catalogSyncJobs } = dataOf(
      await env.request<{ catalogSyncJobs: { edges: { node: { id: string; status: string } }[] } }>(user(), JOBS, {
        filter: { kind: ['STORE_STATUS'], status: ['FAILED'] },
        first: 50,
      }),
    );
    expect(catalogSyncJobs.edges.map((e) => e.node.id)).toEqual(expect.arrayContaining(first.map((j) => j.id)));
    const keys = (await queued()).map((row) => row.key).filter((key) => key?.endsWith(':STORE_STATUS'));
    expect(keys.sort()).toEqual(connections.map((id) => `catalog:${id}:STORE_STATUS`).sort());
  });

  it('publishes a menu to every connection of its branches, and pages the sync log', async () => {
    const jobs = dataOf(await env.request<{ publishMenu: Job[] }>(aUser(tenant), PUBLISH, { menuId })).publishMenu;
    expect(jobs.map((j) => j.connection.id).sort()).toEqual([...connections].sort());
    expect(jobs[0]!.request).toMatchObject({ kind: 'MENU', menuId, menuVersion: 1 });

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        catalogSyncJobs: {
          edges: { cursor: string; node: { id: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      } = dataOf(await env.request(user(), JOBS, { first: 3, after }));
      seen.push(...page.catalogSyncJobs.edges.map((e) => e.node.id));
      if (!page.catalogSyncJobs.pageInfo.hasNextPage) break;
      after = page.catalogSyncJobs.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(12);
  });

  it.each([
    [
      'a past until',
      () => ({
        q: SET_STATUS,
        input: { branchId: branch, status: 'PAUSED', until: new Date(Date.now() - 1000).toISOString() },
      }),
      'BAD_USER_INPUT',
    ],
    [
      'an unknown item',
      () => ({ q: SET_AVAILABILITY, input: { branchId: branch, itemIds: [randomUUID()], state: 'HIDDEN' } }),
      'NOT_FOUND',
    ],
    [
      'a branch of another tenant',
      () => ({ q: SET_STATUS, input: { branchId: otherBranch, status: 'CLOSED' } }),
      'NOT_FOUND',
    ],
    [
      'busy minutes out of range',
      () => ({ q: SET_BUSY, input: { branchId: branch, prepMinutes: 500 } }),
      'BAD_USER_INPUT',
    ],
    [
      'overlapping hours',
      () => ({
        q: SET_HOURS,
        input: {
          branchId: branch,
          periods: [
            { day: 'MONDAY', start: '10:00', end: '14:00' },
            { day: 'MONDAY', start: '13:00', end: '15:00' },
          ],
        },
      }),
      'BAD_USER_INPUT',
    ],
  ])('refuses %s and queues nothing', async (_case, make, code) => {
    const before = (await queued()).length;
    const { q, input } = make();
    const refusedUser = aUser(tenant);
    const result = await env.request(refusedUser, q, { input });
    expect(result.errors.map((e) => e.extensions?.code)).toEqual([code]);
    expect((await queued()).length).toBe(before);
    // Nothing changed, so nothing is audited.
    expect(await auditRows([actorOf(refusedUser)])).toEqual([]);
  });
});
