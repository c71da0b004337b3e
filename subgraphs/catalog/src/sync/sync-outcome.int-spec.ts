import { randomUUID } from 'node:crypto';
import { PROVIDERS } from '@nexara/providers/display';
import { aUser, dataOf, startCatalogTestEnv, type CatalogTestEnv } from '../testing/catalog-test-env';

const SET_STATUS = 'mutation Set($input: SetStoreStatusInput!) { setStoreStatus(input: $input) { id status } }';
const RECORD = `mutation R($input: RecordCatalogSyncOutcomeInput!) {
  recordCatalogSyncOutcome(input: $input) { id status reason attempts answer } }`;
const JOB = 'query J($id: ID!) { catalogSyncJob(id: $id) { id status reason attempts answer } }';

describe('recordCatalogSyncOutcome (real PostgreSQL)', () => {
  let env: CatalogTestEnv;
  const tenant = randomUUID();
  let branch: string;
  const worker = { kind: 'service', service: 'integrations', tenantId: tenant } as const;

  beforeAll(async () => {
    env = await startCatalogTestEnv();
    branch = env.directory.aBranch(tenant);
    env.directory.aConnection(tenant, branch, PROVIDERS[0]);
  });
  afterAll(async () => env?.close());

  async function aJob(): Promise<string> {
    const jobs = dataOf(
      await env.request<{ setStoreStatus: { id: string }[] }>(aUser(tenant, 'STAFF'), SET_STATUS, {
        input: { branchId: branch, status: 'CLOSED' },
      }),
    ).setStoreStatus;
    return jobs[0]!.id;
  }

  it('records the worker report, and a job that has ended keeps its end', async () => {
    const jobId = await aJob();
    const retrying = { jobId, status: 'PENDING', reason: 'HTTP 429: rate limited', attempts: 1, answer: { calls: [] } };
    expect(dataOf(await env.request(worker, RECORD, { input: retrying }))).toEqual({
      recordCatalogSyncOutcome: {
        id: jobId,
        status: 'PENDING',
        reason: 'HTTP 429: rate limited',
        attempts: 1,
        answer: { calls: [] },
      },
    });
    const failed = {
      jobId,
      status: 'FAILED',
      reason: 'HTTP 400: closed',
      attempts: 2,
      answer: { calls: [{ status: 400 }] },
    };
    await env.request(worker, RECORD, { input: failed });
    await env.request(worker, RECORD, { input: { jobId, status: 'APPLIED', attempts: 3 } });
    expect(dataOf(await env.request(aUser(tenant, 'STAFF'), JOB, { id: jobId }))).toEqual({
      catalogSyncJob: {
        id: jobId,
        status: 'FAILED',
        reason: 'HTTP 400: closed',
        attempts: 2,
        answer: { calls: [{ status: 400 }] },
      },
    });
  });

  it('ends a job waiting to retry when a newer change of its kind replaces it in the queue', async () => {
    const waiting = await aJob();
    await env.request(worker, RECORD, {
      input: { jobId: waiting, status: 'PENDING', reason: 'HTTP 429', attempts: 1 },
    });
    const newer = await aJob();
    expect(dataOf(await env.request(aUser(tenant, 'STAFF'), JOB, { id: waiting }))).toMatchObject({
      catalogSyncJob: {
        status: 'FAILED',
        reason: `Superseded by job ${newer} while it was retried or awaited the provider's result.`,
      },
    });
  });

  it('is refused to users and to other services', async () => {
    const jobId = await aJob();
    const input = { jobId, status: 'APPLIED', attempts: 1 };
    const asUser = await env.request(aUser(tenant, 'TENANT_ADMIN'), RECORD, { input });
    expect(asUser.errors[0]?.extensions?.code).toBe('FORBIDDEN');
    const asShim = await env.request({ kind: 'service', service: 'webhook-shim', tenantId: tenant }, RECORD, { input });
    expect(asShim.errors[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
