import { randomUUID } from 'node:crypto';
import type { Identity, OrderStatus } from '@nexara/kit';
import { aPartner, aUser, theWorker } from '../testing/identities';
import { queuedJobsOf } from '../testing/job-queue';
import { anOrder } from '../testing/order-factory';
import { AUTO_ACCEPT_ORDER, ORDER, type AutoAcceptResult, type OrderQueryResult } from '../testing/order-operations';
import { dataOf, errorCodes, startOrdersTestEnv, type OrdersTestEnv } from '../testing/orders-test-env';

describe('autoAcceptOrder (real PostgreSQL, over HTTP)', () => {
  let env: OrdersTestEnv;
  const tenantId = randomUUID();
  const worker = theWorker(tenantId);

  beforeAll(async () => {
    env = await startOrdersTestEnv();
  });

  afterAll(async () => {
    await env?.close();
  });

  async function autoAccept(identity: Identity, id: string, prepMinutes: number | null = 20) {
    return env.request<AutoAcceptResult>(identity, AUTO_ACCEPT_ORDER, { id, prepMinutes });
  }

  async function statusInDatabase(id: string): Promise<string | undefined> {
    const [row] = await env.db.queryAsAdmin<{ status: string }>('select status from orders.orders where id = $1', [id]);
    return row?.status;
  }

  it('accepts a RECEIVED order as the system, with a SYSTEM timeline entry by auto-accept, and enqueues the ACCEPTED callback', async () => {
    const order = await anOrder(env, { tenantId });
    const accepted = dataOf(await autoAccept(worker, order.id)).autoAcceptOrder;
    expect(accepted).toMatchObject({ id: order.id, status: 'ACCEPTED', prepMinutes: 20 });
    expect(Date.parse(accepted.acceptedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(accepted.timeline).toHaveLength(2);
    expect(accepted.timeline.at(-1)).toMatchObject({
      status: 'ACCEPTED',
      source: 'SYSTEM',
      actor: 'auto-accept',
      note: 'prep 20 min',
    });
    const jobs = await queuedJobsOf(env.db, order.id);
    expect(jobs.map((job) => [job.key, job.payload.action])).toEqual([
      [`callback:${order.id}:ACCEPTED`, { kind: 'ACCEPTED', prepMinutes: 20 }],
    ]);
  });

  it('is idempotent: a retry answers the accepted order unchanged and enqueues nothing more', async () => {
    const order = await anOrder(env, { tenantId });
    const first = dataOf(await autoAccept(worker, order.id)).autoAcceptOrder;
    const again = dataOf(await autoAccept(worker, order.id, 45)).autoAcceptOrder;
    expect(again).toEqual(first);
    expect(await queuedJobsOf(env.db, order.id)).toHaveLength(1);
  });

  it('accepts without prep minutes', async () => {
    const order = await anOrder(env, { tenantId });
    const accepted = dataOf(await autoAccept(worker, order.id, null)).autoAcceptOrder;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', prepMinutes: null });
    expect(accepted.timeline.at(-1)).toMatchObject({ source: 'SYSTEM', actor: 'auto-accept', note: null });
    expect((await queuedJobsOf(env.db, order.id)).map((job) => job.payload.action)).toEqual([{ kind: 'ACCEPTED' }]);
  });

  it.each<OrderStatus>(['ACCEPTED', 'PREPARING', 'READY', 'PICKED_UP', 'DELIVERED', 'REJECTED', 'CANCELLED'])(
    'answers a %s order unchanged, without an error, a timeline entry or a job',
    async (status) => {
      const order = await anOrder(env, { tenantId, status });
      const result = dataOf(await autoAccept(worker, order.id)).autoAcceptOrder;
      expect(result).toMatchObject({ status, prepMinutes: null, acceptedAt: order.acceptedAt });
      expect(result.timeline).toEqual(order.timeline);
      expect(await queuedJobsOf(env.db, order.id)).toEqual([]);
    },
  );

  it.each<[string, Identity]>([
    ['a STAFF user', aUser(tenantId, 'STAFF')],
    ['a MANAGER', aUser(tenantId, 'MANAGER')],
    ['a TENANT_ADMIN', aUser(tenantId, 'TENANT_ADMIN')],
    ['a PLATFORM_ADMIN', aUser(tenantId, 'PLATFORM_ADMIN')],
    ['a partner', aPartner(tenantId, ['orders:read', 'orders:write'])],
  ])('refuses %s with FORBIDDEN (services only)', async (_who, identity) => {
    const order = await anOrder(env, { tenantId });
    expect(errorCodes(await autoAccept(identity, order.id))).toEqual(['FORBIDDEN']);
    expect(await statusInDatabase(order.id)).toBe('RECEIVED');
    expect(await queuedJobsOf(env.db, order.id)).toEqual([]);
  });

  it('refuses a service identity without a tenant (BAD_USER_INPUT)', async () => {
    const order = await anOrder(env, { tenantId });
    expect(errorCodes(await autoAccept(theWorker(null), order.id))).toEqual(['BAD_USER_INPUT']);
    expect(await statusInDatabase(order.id)).toBe('RECEIVED');
  });

  it('acts in the identity tenant only: another tenant order, an unknown and a malformed id are NOT_FOUND', async () => {
    const otherTenant = randomUUID();
    const theirs = await anOrder(env, { tenantId: otherTenant });
    for (const id of [theirs.id, randomUUID(), 'not-an-id']) {
      expect(errorCodes(await autoAccept(worker, id))).toEqual(['NOT_FOUND']);
    }
    expect(await statusInDatabase(theirs.id)).toBe('RECEIVED');
    const seen = dataOf(await env.request<OrderQueryResult>(theWorker(otherTenant), ORDER, { id: theirs.id })).order;
    expect(seen.timeline).toHaveLength(1);
  });

  it.each([0, 181])('refuses prepMinutes %s with BAD_USER_INPUT', async (prepMinutes) => {
    const order = await anOrder(env, { tenantId });
    expect(errorCodes(await autoAccept(worker, order.id, prepMinutes))).toEqual(['BAD_USER_INPUT']);
    expect(await statusInDatabase(order.id)).toBe('RECEIVED');
  });
});
