import { randomUUID } from 'node:crypto';
import { inTenantTransaction, orderIdFor, type OrderStatus } from '@nexara/kit';
import { aUser, theWorker } from '../testing/identities';
import { queuedJobsOf } from '../testing/job-queue';
import { anOrder, anOrderPlacedEvent, applyEvent, aStatusChangedEvent } from '../testing/order-factory';
import {
  AUTO_ACCEPT_ORDER,
  ORDER_FIELDS,
  STAFF_ACTIONS,
  type AutoAcceptResult,
  type OrderResult,
  type StaffAction,
} from '../testing/order-operations';
import { dataOf, errorCodes, startOrdersTestEnv, type OrdersTestEnv } from '../testing/orders-test-env';
import { enqueueProviderCallback, enqueueProviderCallbacks, type StaffCallbackAction } from '@nexara/contracts';
import { providerCallbackJob } from '../orders/provider-callback.job';

// The contract with the integrations worker, written out by hand: what each staff mutation asks the provider to hear.
const STAFF_CALLBACKS: [StaffAction, OrderStatus, StaffCallbackAction | null][] = [
  ['acceptOrder', 'RECEIVED', { kind: 'ACCEPTED', prepMinutes: 15 }],
  ['rejectOrder', 'RECEIVED', { kind: 'REJECTED', reason: 'Out of stock' }],
  ['markPreparing', 'ACCEPTED', { kind: 'PREPARING' }],
  ['markReady', 'PREPARING', { kind: 'READY' }],
  ['markPickedUp', 'READY', { kind: 'PICKED_UP' }],
  ['markDelivered', 'PICKED_UP', null],
  ['cancelOrder', 'PREPARING', { kind: 'CANCELLED', reason: 'Customer called' }],
];

describe('provider callback jobs (real PostgreSQL and graphile-worker, over HTTP)', () => {
  let env: OrdersTestEnv;
  const tenantId = randomUUID();
  const manager = aUser(tenantId, 'MANAGER');
  const worker = theWorker(tenantId);

  beforeAll(async () => {
    env = await startOrdersTestEnv();
  });

  afterAll(async () => {
    await env?.close();
  });

  async function act(action: StaffAction, id: string) {
    return env.request<Record<string, OrderResult>>(manager, STAFF_ACTIONS[action].document, { id });
  }

  function expectedJob(order: OrderResult, action: StaffCallbackAction) {
    return {
      task: 'provider_callback',
      key: `callback:${order.id}:${action.kind}`,
      maxAttempts: 25,
      payload: {
        tenantId,
        orderId: order.id,
        connectionId: order.connection.id,
        provider: order.provider,
        externalId: order.externalId,
        placedAt: order.placedAt,
        action,
      },
    };
  }

  it.each(STAFF_CALLBACKS)(
    '%s on a %s order: the provider callback job is %j, once, with the status change',
    async (action, from, callback) => {
      const order = await anOrder(env, { tenantId, status: from });
      expect(await queuedJobsOf(env.db, order.id)).toEqual([]);
      dataOf(await act(action, order.id));
      expect(await queuedJobsOf(env.db, order.id)).toEqual(callback ? [expectedJob(order, callback)] : []);
    },
  );

  it('walks an order through every staff step: one job per step that has a provider call, in order', async () => {
    const order = await anOrder(env, { tenantId });
    for (const action of ['acceptOrder', 'markPreparing', 'markReady', 'markPickedUp', 'markDelivered'] as const) {
      dataOf(await act(action, order.id));
    }
    const jobs = await queuedJobsOf(env.db, order.id);
    expect(jobs.map((job) => job.key)).toEqual(
      ['ACCEPTED', 'PREPARING', 'READY', 'PICKED_UP'].map((kind) => `callback:${order.id}:${kind}`),
    );
    expect(jobs.map((job) => job.payload.action.kind)).toEqual(['ACCEPTED', 'PREPARING', 'READY', 'PICKED_UP']);
  });

  it('leaves prepMinutes out of ACCEPTED when staff gave none', async () => {
    const order = await anOrder(env, { tenantId });
    dataOf(
      await env.request(manager, `mutation($id: ID!) { acceptOrder(id: $id) { ...OrderFields } } ${ORDER_FIELDS}`, {
        id: order.id,
      }),
    );
    const [job] = await queuedJobsOf(env.db, order.id);
    expect(job?.payload.action).toEqual({ kind: 'ACCEPTED' });
  });

  it('enqueues nothing when the move is refused (INVALID_TRANSITION, FORBIDDEN, BAD_USER_INPUT)', async () => {
    const order = await anOrder(env, { tenantId, status: 'ACCEPTED' });
    expect(errorCodes(await act('rejectOrder', order.id))).toEqual(['INVALID_TRANSITION']);
    expect(errorCodes(await act('markReady', order.id))).toEqual(['INVALID_TRANSITION']);
    const staff = aUser(tenantId, 'STAFF');
    expect(errorCodes(await env.request(staff, STAFF_ACTIONS.cancelOrder.document, { id: order.id }))).toEqual([
      'FORBIDDEN',
    ]);
    const blank = await env.request(manager, 'mutation($id: ID!) { cancelOrder(id: $id, reason: " ") { id } }', {
      id: order.id,
    });
    expect(errorCodes(blank)).toEqual(['BAD_USER_INPUT']);
    expect(await queuedJobsOf(env.db, order.id)).toEqual([]);
  });

  it('takes the job back when the transaction fails after enqueueing it (the status change and the job commit together)', async () => {
    const order = await anOrder(env, { tenantId, status: 'READY' });
    // A deferred trigger fails the COMMIT of the cancel whose reason is "fail at commit": by then the job was added.
    await env.db.queryAsAdmin(`
      create function public.fail_at_commit() returns trigger language plpgsql as $$
      begin raise exception 'failing the commit on purpose'; end $$`);
    await env.db.queryAsAdmin(`
      create constraint trigger fail_at_commit after insert on orders.order_events
      deferrable initially deferred for each row when (new.note = 'fail at commit') execute function public.fail_at_commit()`);
    try {
      const result = await env.request(
        manager,
        'mutation($id: ID!) { cancelOrder(id: $id, reason: "fail at commit") { id } }',
        {
          id: order.id,
        },
      );
      expect(errorCodes(result)).toEqual(['INTERNAL_SERVER_ERROR']);
    } finally {
      await env.db.queryAsAdmin('drop trigger fail_at_commit on orders.order_events');
      await env.db.queryAsAdmin('drop function public.fail_at_commit()');
    }
    expect(await queuedJobsOf(env.db, order.id)).toEqual([]);
    const [row] = await env.db.queryAsAdmin<{ status: string }>('select status from orders.orders where id = $1', [
      order.id,
    ]);
    expect(row?.status).toBe('READY');

    // The same cancel, once it can commit, enqueues its job.
    dataOf(await act('cancelOrder', order.id));
    expect(await queuedJobsOf(env.db, order.id)).toEqual([
      expectedJob(order, { kind: 'CANCELLED', reason: 'Customer called' }),
    ]);
  });

  /** The provider_callback job the orders service queues for this order and action. */
  const callbackJob = (order: OrderResult, action: StaffCallbackAction) =>
    providerCallbackJob(
      {
        tenantId,
        id: order.id,
        connectionId: order.connection.id,
        provider: 'CAREEM' as const,
        externalId: order.externalId,
        placedAt: new Date(order.placedAt),
      },
      action,
    );

  it('keeps one job per key: enqueueing the same callback again replaces the queued job instead of adding one', async () => {
    const order = await anOrder(env, { tenantId, status: 'ACCEPTED' });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await inTenantTransaction(env.server.dataSource, { tenantId }, (m) =>
        enqueueProviderCallback(m, callbackJob(order, { kind: 'PREPARING' })),
      );
    }
    expect(await queuedJobsOf(env.db, order.id)).toEqual([expectedJob(order, { kind: 'PREPARING' })]);
  });

  it('enqueues many callbacks in one statement: a job per order, and a key given twice queued once, as its last', async () => {
    const orders = [
      await anOrder(env, { tenantId, status: 'READY' }),
      await anOrder(env, { tenantId, status: 'READY' }),
    ];
    await inTenantTransaction(env.server.dataSource, { tenantId }, (m) =>
      enqueueProviderCallbacks(m, [
        callbackJob(orders[0]!, { kind: 'CANCELLED', reason: 'first' }),
        callbackJob(orders[1]!, { kind: 'PICKED_UP' }),
        callbackJob(orders[0]!, { kind: 'CANCELLED', reason: 'second' }),
      ]),
    );
    expect(await queuedJobsOf(env.db, orders[0]!.id)).toEqual([
      expectedJob(orders[0]!, { kind: 'CANCELLED', reason: 'second' }),
    ]);
    expect(await queuedJobsOf(env.db, orders[1]!.id)).toEqual([expectedJob(orders[1]!, { kind: 'PICKED_UP' })]);
  });

  it('enqueues one ACCEPTED job when concurrent accepts race (staff and auto-accept)', async () => {
    const order = await anOrder(env, { tenantId });
    const results = await Promise.all([
      act('acceptOrder', order.id),
      env.request<AutoAcceptResult>(worker, AUTO_ACCEPT_ORDER, { id: order.id, prepMinutes: 15 }),
      act('acceptOrder', order.id),
    ]);
    expect(results.flatMap(errorCodes).every((code) => code === 'INVALID_TRANSITION')).toBe(true);
    const jobs = await queuedJobsOf(env.db, order.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.payload.action).toEqual({ kind: 'ACCEPTED', prepMinutes: 15 });
  });

  it('enqueues nothing for what the provider itself reported (placed, moved, cancelled; by externalId or by our id)', async () => {
    const connectionId = randomUUID();
    const externalId = `prov-${randomUUID()}`;
    const orderId = orderIdFor(connectionId, externalId);
    const events = [
      anOrderPlacedEvent({ connectionId, externalId, provider: 'TALABAT' }),
      aStatusChangedEvent({ connectionId, externalId, provider: 'TALABAT', status: 'ACCEPTED' }),
      {
        ...aStatusChangedEvent({ connectionId, externalId, provider: 'TALABAT', status: 'READY' }),
        externalId: null,
        orderId,
      },
      aStatusChangedEvent({
        connectionId,
        externalId,
        provider: 'TALABAT',
        status: 'CANCELLED',
        note: 'courier unavailable',
      }),
    ];
    const outcomes: string[] = [];
    for (const event of events)
      outcomes.push(dataOf(await applyEvent(env, worker, event)).applyProviderOrderEvent.outcome);
    expect(outcomes).toEqual(['CREATED', 'ADVANCED', 'ADVANCED', 'ADVANCED']);
    expect(await queuedJobsOf(env.db, orderId)).toEqual([]);
  });
});
