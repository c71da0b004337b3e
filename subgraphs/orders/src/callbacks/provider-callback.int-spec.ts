import { randomUUID } from 'node:crypto';
import type { Identity } from '@nexara/kit';
import { aPartner, aUser, theWorker } from '../testing/identities';
import { anOrder } from '../testing/order-factory';
import {
  ORDER,
  RECORD_PROVIDER_CALLBACK,
  RECORD_PROVIDER_CALLBACKS,
  type OrderQueryResult,
  type RecordCallbackResult,
  type RecordCallbacksResult,
} from '../testing/order-operations';
import { dataOf, errorCodes, startOrdersTestEnv, type OrdersTestEnv } from '../testing/orders-test-env';

type RecordInput = {
  orderId: string;
  action: string;
  outcome: 'DELIVERED' | 'RETRYING' | 'FAILED' | 'NOT_SUPPORTED';
  attempt: number;
  httpStatus?: number | null;
  detail?: string | null;
};

describe('recordProviderCallback and Order.callbacks (real PostgreSQL, over HTTP)', () => {
  let env: OrdersTestEnv;
  const tenantId = randomUUID();
  const worker = theWorker(tenantId);

  beforeAll(async () => {
    env = await startOrdersTestEnv();
  });

  afterAll(async () => {
    await env?.close();
  });

  async function record(identity: Identity, input: RecordInput) {
    return env.request<RecordCallbackResult>(identity, RECORD_PROVIDER_CALLBACK, { input });
  }

  async function callbackRows(orderId: string): Promise<number> {
    const [row] = await env.db.queryAsAdmin<{ count: string }>(
      'select count(*) from orders.order_callbacks where order_id = $1',
      [orderId],
    );
    return Number(row?.count);
  }

  it.each<[string, Omit<RecordInput, 'orderId'>, string | null]>([
    [
      'DELIVERED',
      { action: 'ACCEPTED', outcome: 'DELIVERED', attempt: 1, httpStatus: 200 },
      'Provider told: ACCEPTED (HTTP 200)',
    ],
    [
      'FAILED',
      { action: 'ACCEPTED', outcome: 'FAILED', attempt: 6, httpStatus: 500, detail: null },
      'Provider callback ACCEPTED failed after 6 attempts: HTTP 500',
    ],
    [
      'NOT_SUPPORTED',
      { action: 'PREPARING', outcome: 'NOT_SUPPORTED', attempt: 0 },
      'Talabat has no callback for PREPARING',
    ],
    [
      'RETRYING',
      { action: 'ACCEPTED', outcome: 'RETRYING', attempt: 2, httpStatus: 503, detail: 'Service Unavailable' },
      null,
    ],
  ])('%s: stores a row, and adds the timeline entry %j', async (_outcome, input, note) => {
    const target = await anOrder(env, { tenantId, status: 'ACCEPTED', provider: 'TALABAT' });

    const recorded = dataOf(await record(worker, { orderId: target.id, ...input })).recordProviderCallback;
    expect(recorded.id).toBe(target.id);
    expect(recorded.status).toBe('ACCEPTED');
    expect(recorded.callbacks).toEqual([
      {
        action: input.action,
        outcome: input.outcome,
        attempt: input.attempt,
        httpStatus: input.httpStatus ?? null,
        detail: input.detail ?? null,
        at: expect.any(String),
      },
    ]);
    expect(Date.parse(recorded.callbacks[0]?.at ?? '')).toBeGreaterThan(Date.now() - 60_000);
    if (note === null) {
      expect(recorded.timeline).toEqual(target.timeline);
    } else {
      expect(recorded.timeline).toHaveLength(target.timeline.length + 1);
      expect(recorded.timeline.at(-1)).toEqual({
        status: 'ACCEPTED',
        at: recorded.callbacks[0]?.at,
        source: 'SYSTEM',
        actor: 'provider-callback',
        note,
      });
    }
    expect(await callbackRows(target.id)).toBe(1);
  });

  it('keeps every report, oldest first, and writes the status the order has now on the timeline', async () => {
    const order = await anOrder(env, { tenantId, status: 'READY' });
    const reports: Omit<RecordInput, 'orderId'>[] = [
      { action: 'READY', outcome: 'RETRYING', attempt: 1, httpStatus: 500, detail: 'Internal Server Error' },
      { action: 'READY', outcome: 'RETRYING', attempt: 2, detail: 'socket hang up' },
      { action: 'READY', outcome: 'DELIVERED', attempt: 3, httpStatus: 202 },
    ];
    for (const report of reports) dataOf(await record(worker, { orderId: order.id, ...report }));
    const seen = dataOf(await env.request<OrderQueryResult>(aUser(tenantId, 'STAFF'), ORDER, { id: order.id })).order;
    expect(
      seen.callbacks.map(({ action, outcome, attempt, httpStatus, detail }) => ({
        action,
        outcome,
        attempt,
        httpStatus,
        detail,
      })),
    ).toEqual(reports.map((report) => ({ httpStatus: null, detail: null, ...report })));
    const times = seen.callbacks.map((callback) => Date.parse(callback.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(seen.timeline.at(-1)).toMatchObject({
      status: 'READY',
      source: 'SYSTEM',
      note: 'Provider told: READY (HTTP 202)',
    });
    expect(seen.timeline.filter((entry) => entry.source === 'SYSTEM')).toHaveLength(1);
  });

  it('loads the callbacks of a page of orders (one batch) with each order its own', async () => {
    const pageTenant = randomUUID();
    const pageWorker = theWorker(pageTenant);
    const orders = [await anOrder(env, { tenantId: pageTenant }), await anOrder(env, { tenantId: pageTenant })];
    dataOf(await record(pageWorker, { orderId: orders[0]!.id, action: 'ACCEPTED', outcome: 'DELIVERED', attempt: 1 }));
    const page = dataOf(
      await env.request<{ orders: { edges: { node: { id: string; callbacks: { action: string }[] } }[] } }>(
        aUser(pageTenant),
        '{ orders { edges { node { id callbacks { action } } } } }',
      ),
    );
    const byId = new Map(page.orders.edges.map((edge) => [edge.node.id, edge.node.callbacks]));
    expect(byId.get(orders[0]!.id)).toEqual([{ action: 'ACCEPTED' }]);
    expect(byId.get(orders[1]!.id)).toEqual([]);
  });

  describe('recordProviderCallbacks (many reports, one call)', () => {
    const recordMany = (identity: Identity, inputs: RecordInput[]) =>
      env.request<RecordCallbacksResult>(identity, RECORD_PROVIDER_CALLBACKS, { inputs });

    it('records each report as recordProviderCallback would, each its own version; one refused writes nothing', async () => {
      const first = await anOrder(env, { tenantId, status: 'ACCEPTED', provider: 'TALABAT' });
      const second = await anOrder(env, { tenantId, status: 'ACCEPTED' });
      const theirs = await anOrder(env, { tenantId: randomUUID(), status: 'ACCEPTED' });
      const report = { action: 'ACCEPTED', outcome: 'DELIVERED' as const, attempt: 1, httpStatus: 200 };
      const [before] = await env.db.queryAsAdmin<{ version: number }>(
        'select version from orders.orders where id = $1',
        [first.id],
      );

      const results = dataOf(
        await recordMany(worker, [
          { orderId: first.id, ...report },
          { orderId: theirs.id, ...report },
          { orderId: first.id, action: 'ACCEPTED', outcome: 'FAILED', attempt: 6, httpStatus: 500 },
          { orderId: second.id, ...report, httpStatus: 42 },
          { orderId: 'not-an-id', ...report },
        ]),
      ).recordProviderCallbacks;

      expect(results.map((r) => r.error?.code ?? null)).toEqual([
        null,
        'NOT_FOUND',
        null,
        'BAD_USER_INPUT',
        'NOT_FOUND',
      ]);
      // Two reports of one order: in the order given, each a version of its own.
      expect(results[0]?.order?.version).toBe(before!.version + 1);
      expect(results[2]?.order?.version).toBe(before!.version + 2);
      expect(results[2]?.order?.callbacks.map((c) => c.outcome)).toEqual(['DELIVERED', 'FAILED']);
      expect(await callbackRows(first.id)).toBe(2);
      expect(await callbackRows(second.id)).toBe(0);
      expect(await callbackRows(theirs.id)).toBe(0);
      const timeline = dataOf(await env.request<OrderQueryResult>(worker, ORDER, { id: first.id })).order.timeline;
      expect(timeline.map((entry) => entry.note).filter(Boolean)).toEqual(
        expect.arrayContaining([
          'Provider told: ACCEPTED (HTTP 200)',
          'Provider callback ACCEPTED failed after 6 attempts: HTTP 500',
        ]),
      );
      // Each version the reports superseded is kept, as a version of its own (subscribers read them).
      const kept = await env.db.queryAsAdmin<{ version: number; status: string }>(
        'select version, status from orders.order_versions where order_id = $1 and version >= $2 order by version',
        [first.id, before!.version],
      );
      expect(kept).toEqual([
        { version: before!.version, status: 'ACCEPTED' },
        { version: before!.version + 1, status: 'ACCEPTED' },
      ]);
    });

    it('answers a report the database refuses alone, and records the others of its batch', async () => {
      const order = await anOrder(env, { tenantId, status: 'ACCEPTED' });
      const [before] = await env.db.queryAsAdmin<{ version: number }>(
        'select version from orders.orders where id = $1',
        [order.id],
      );
      // A check of the database's own that the input validation does not know of.
      await env.db.queryAsAdmin(
        `alter table orders.order_callbacks add constraint refuse_on_purpose check (detail is distinct from 'refuse me')`,
      );
      try {
        const results = dataOf(
          await recordMany(worker, [
            { orderId: order.id, action: 'ACCEPTED', outcome: 'FAILED', attempt: 1, detail: 'refuse me' },
            { orderId: order.id, action: 'ACCEPTED', outcome: 'DELIVERED', attempt: 2, httpStatus: 200 },
          ]),
        ).recordProviderCallbacks;
        expect(results.map((r) => r.error?.code ?? null)).toEqual(['INTERNAL_SERVER_ERROR', null]);
        expect(results[1]?.order?.version).toBe(before!.version + 1);
      } finally {
        await env.db.queryAsAdmin('alter table orders.order_callbacks drop constraint refuse_on_purpose');
      }
      expect(await callbackRows(order.id)).toBe(1);
    });

    it('refuses more than 200 reports at once, and anyone but the worker, writing nothing', async () => {
      const order = await anOrder(env, { tenantId, status: 'ACCEPTED' });
      const report = { orderId: order.id, action: 'ACCEPTED', outcome: 'DELIVERED' as const, attempt: 1 };
      expect(
        errorCodes(
          await recordMany(
            worker,
            Array.from({ length: 201 }, () => report),
          ),
        ),
      ).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(await recordMany(aUser(tenantId, 'TENANT_ADMIN'), [report]))).toEqual(['FORBIDDEN']);
      expect(await callbackRows(order.id)).toBe(0);
    });
  });

  describe('isolation and access', () => {
    it('answers NOT_FOUND for another tenant order (nothing written there) and for an unknown or malformed id', async () => {
      const otherTenant = randomUUID();
      const theirs = await anOrder(env, { tenantId: otherTenant, status: 'ACCEPTED' });
      for (const orderId of [theirs.id, randomUUID(), 'not-an-id']) {
        const result = await record(worker, {
          orderId,
          action: 'ACCEPTED',
          outcome: 'DELIVERED',
          attempt: 1,
          httpStatus: 200,
        });
        expect(errorCodes(result)).toEqual(['NOT_FOUND']);
      }
      expect(await callbackRows(theirs.id)).toBe(0);
      const [events] = await env.db.queryAsAdmin<{ count: string }>(
        'select count(*) from orders.order_events where order_id = $1',
        [theirs.id],
      );
      expect(Number(events?.count)).toBe(theirs.timeline.length);
    });

    it('keeps callback rows out of sight of other tenants and of a connection with no tenant set (RLS, forced)', async () => {
      const order = await anOrder(env, { tenantId, status: 'ACCEPTED' });
      dataOf(await record(worker, { orderId: order.id, action: 'ACCEPTED', outcome: 'DELIVERED', attempt: 1 }));
      // The owner is subject to RLS too (FORCE): with no tenant set it sees no rows at all.
      const [asOwner] = await env.db.queryAsOwner<{ count: string }>('select count(*) from orders.order_callbacks');
      expect(Number(asOwner?.count)).toBe(0);
      expect(await callbackRows(order.id)).toBe(1);
      const other = await env.request<OrderQueryResult>(aUser(randomUUID(), 'TENANT_ADMIN'), ORDER, { id: order.id });
      expect(errorCodes(other)).toEqual(['NOT_FOUND']);
    });

    it.each<[string, Identity]>([
      ['a STAFF user', aUser(tenantId, 'STAFF')],
      ['a PLATFORM_ADMIN', aUser(tenantId, 'PLATFORM_ADMIN')],
      ['a partner', aPartner(tenantId, ['orders:read', 'orders:write'])],
    ])('refuses %s with FORBIDDEN', async (_who, identity) => {
      const order = await anOrder(env, { tenantId, status: 'ACCEPTED' });
      const result = await record(identity, { orderId: order.id, action: 'ACCEPTED', outcome: 'FAILED', attempt: 6 });
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      expect(await callbackRows(order.id)).toBe(0);
    });

    it('refuses a service identity without a tenant, and a report that is not valid (BAD_USER_INPUT)', async () => {
      const order = await anOrder(env, { tenantId, status: 'ACCEPTED' });
      const base = { orderId: order.id, action: 'ACCEPTED', outcome: 'DELIVERED' as const, attempt: 1 };
      expect(errorCodes(await record(theWorker(null), base))).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(await record(worker, { ...base, httpStatus: 42 }))).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(await record(worker, { ...base, attempt: -1 }))).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(await record(worker, { ...base, action: '  ' }))).toEqual(['BAD_USER_INPUT']);
      expect(await callbackRows(order.id)).toBe(0);
    });
  });
});
