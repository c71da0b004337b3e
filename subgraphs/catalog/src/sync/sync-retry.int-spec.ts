import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PROVIDERS } from '@nexara/providers/display';
import { aMenuInput, aUser, dataOf, startCatalogTestEnv, type CatalogTestEnv } from '../testing/catalog-test-env';

const SET_STATUS = 'mutation Set($input: SetStoreStatusInput!) { setStoreStatus(input: $input) { id } }';
const IMPORT = 'mutation I($input: ImportMenuInput!) { importMenu(input: $input) { id items { id } } }';
const PUBLISH = 'mutation P($menuId: ID!) { publishMenu(menuId: $menuId) { id } }';
const UPDATE = 'mutation U($input: UpdateMenuItemInput!) { updateMenuItem(input: $input) { id } }';
const RECORD = 'mutation R($input: RecordCatalogSyncOutcomeInput!) { recordCatalogSyncOutcome(input: $input) { id } }';
const RETRY = `mutation Retry($id: ID!) { retryCatalogSyncJob(id: $id) {
  id kind status reason attempts request answer branchId provider connection { id } } }`;
const JOB = 'query J($id: ID!) { catalogSyncJob(id: $id) { id status reason request answer } }';

describe('retryCatalogSyncJob (real PostgreSQL)', () => {
  let env: CatalogTestEnv;
  const tenant = randomUUID();
  let branch: string;
  let connection: string;
  const worker = { kind: 'service', service: 'integrations', tenantId: tenant } as const;
  const manager = aUser(tenant, 'MANAGER');

  beforeAll(async () => {
    env = await startCatalogTestEnv();
    branch = env.directory.aBranch(tenant);
    connection = env.directory.aConnection(tenant, branch, PROVIDERS[0]);
  });
  afterAll(async () => env?.close());

  async function aStatusJob(status = 'CLOSED'): Promise<string> {
    const result = await env.request<{ setStoreStatus: { id: string }[] }>(manager, SET_STATUS, {
      input: { branchId: branch, status },
    });
    return dataOf(result).setStoreStatus[0]!.id;
  }

  async function fail(jobId: string): Promise<void> {
    const answer = { calls: [{ method: 'PUT', status: 400, answer: { error: 'closed hours' } }] };
    dataOf(
      await env.request(worker, RECORD, {
        input: { jobId, status: 'FAILED', reason: 'HTTP 400: closed hours', attempts: 1, answer },
      }),
    );
  }

  /** Reads as the tenant (the catalog tables force row-level security, even on their owner). */
  async function asTenant<T>(read: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: env.db.ownerUrl });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', $1, true)`, [tenant]);
      return await read(client);
    } finally {
      await client.query('rollback');
      await client.end();
    }
  }

  /** Sync job rows, retry audit rows, and the job ids the queue holds. */
  function counts(): Promise<{ jobs: number; audits: number; queued: string[] }> {
    return asTenant(async (client) => {
      const { rows } = await client.query<{ jobs: string; audits: string; queued: string[] | null }>(
        `select (select count(*) from catalog.sync_jobs) as jobs,
                (select count(*) from catalog.audit_log where action = 'CATALOG_SYNC_RETRIED') as audits,
                (select array_agg(j.payload->>'jobId' order by j.payload->>'jobId') from graphile_worker._private_jobs j)
                  as queued`,
      );
      const row = rows[0]!;
      return { jobs: Number(row.jobs), audits: Number(row.audits), queued: row.queued ?? [] };
    });
  }

  function auditOf(jobId: string): Promise<{ actor: string; detail: { job: string } }[]> {
    return asTenant(async (client) => {
      const { rows } = await client.query<{ actor: string; detail: { job: string } }>(
        `select actor, detail from catalog.audit_log where action = 'CATALOG_SYNC_RETRIED' and subject_id = $1`,
        [jobId],
      );
      return rows;
    });
  }

  it('queues the failed change again as a new PENDING job, audited; the failed job keeps its answer', async () => {
    const failed = await aStatusJob();
    await fail(failed);
    const before = await counts();
    const retried = dataOf(
      await env.request<{ retryCatalogSyncJob: { id: string; request: unknown } }>(manager, RETRY, { id: failed }),
    ).retryCatalogSyncJob;
    expect(retried).toEqual({
      id: expect.not.stringMatching(failed),
      kind: 'STORE_STATUS',
      status: 'PENDING',
      reason: null,
      attempts: 0,
      request: expect.objectContaining({ kind: 'STORE_STATUS', status: 'CLOSED' }),
      answer: null,
      branchId: branch,
      provider: PROVIDERS[0],
      connection: { id: connection },
    });
    const after = await counts();
    expect(after).toMatchObject({ jobs: before.jobs + 1, audits: before.audits + 1 });
    expect(after.queued).toContain(retried.id);
    expect(await auditOf(failed)).toEqual([{ actor: expect.stringMatching(/^user:/), detail: { job: retried.id } }]);
    expect(dataOf(await env.request(manager, JOB, { id: failed }))).toMatchObject({
      catalogSyncJob: { status: 'FAILED', reason: 'HTTP 400: closed hours', answer: { calls: [{ status: 400 }] } },
    });
  });

  it('refuses a job that is not FAILED, and queues nothing', async () => {
    const pending = await aStatusJob('OPEN');
    const before = await counts();
    const result = await env.request(manager, RETRY, { id: pending });
    expect(result.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors[0]?.message).toMatch(/Only a FAILED job can be retried/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a whole-state job a newer one of its kind replaced: re-sending it would undo the newer state', async () => {
    const old = await aStatusJob('CLOSED');
    await fail(old);
    const newer = await aStatusJob('OPEN');
    const before = await counts();
    const result = await env.request(manager, RETRY, { id: old });
    expect(result.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors[0]?.message).toContain(newer);
    expect(await counts()).toEqual(before);
  });

  it('sends a menu as it is now, and only for those who may publish it', async () => {
    const menu = dataOf(
      await env.request<{ importMenu: { id: string; items: { id: string }[] } }>(manager, IMPORT, {
        input: aMenuInput([branch]),
      }),
    ).importMenu;
    const [job] = dataOf(
      await env.request<{ publishMenu: { id: string }[] }>(manager, PUBLISH, { menuId: menu.id }),
    ).publishMenu;
    await fail(job!.id);
    dataOf(await env.request(manager, UPDATE, { input: { id: menu.items[0]!.id, price: '26.00' } }));

    const asStaff = await env.request(aUser(tenant, 'STAFF'), RETRY, { id: job!.id });
    expect(asStaff.errors[0]?.extensions?.code).toBe('FORBIDDEN');

    const retried = dataOf(
      await env.request<{ retryCatalogSyncJob: { request: unknown } }>(manager, RETRY, { id: job!.id }),
    ).retryCatalogSyncJob;
    expect(retried.request).toEqual({ kind: 'MENU', menuId: menu.id, menuVersion: 2 });
  });

  it('answers NOT_FOUND for an unknown id or another tenant', async () => {
    const failed = await aStatusJob();
    await fail(failed);
    for (const [identity, id] of [
      [manager, randomUUID()],
      [manager, 'not-an-id'],
      [aUser(randomUUID(), 'MANAGER'), failed],
    ] as const) {
      const result = await env.request(identity, RETRY, { id });
      expect(result.errors[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  });
});
