import { randomUUID } from 'node:crypto';
import { ORDER_STATUSES, type OrderStatus, type Role } from '@nexara/kit';
import { Client } from 'pg';
import { aUser } from '../testing/identities';
import { anOrder } from '../testing/order-factory';
import {
  ORDER,
  ORDER_FIELDS,
  STAFF_ACTIONS,
  type OrderQueryResult,
  type OrderResult,
  type StaffAction,
} from '../testing/order-operations';
import { dataOf, errorCodes, startOrdersTestEnv, type OrdersTestEnv } from '../testing/orders-test-env';

// Written out by hand from docs/architecture.md ("The canonical order"), not derived from the state machine module.
const STAFF_ALLOWED: Record<StaffAction, OrderStatus[]> = {
  acceptOrder: ['RECEIVED'],
  rejectOrder: ['RECEIVED'],
  markPreparing: ['ACCEPTED'],
  markReady: ['PREPARING'],
  markPickedUp: ['READY'],
  markDelivered: ['PICKED_UP'],
  cancelOrder: ['RECEIVED', 'ACCEPTED', 'PREPARING', 'READY', 'PICKED_UP'],
};

describe('staff order actions (real PostgreSQL, over HTTP)', () => {
  let env: OrdersTestEnv;
  const tenantId = randomUUID();
  const staff = aUser(tenantId, 'STAFF');
  const manager = aUser(tenantId, 'MANAGER');

  beforeAll(async () => {
    env = await startOrdersTestEnv();
  });

  afterAll(async () => {
    await env?.close();
  });

  async function act(action: StaffAction, id: string, identity = manager) {
    return env.request<Record<string, OrderResult>>(identity, STAFF_ACTIONS[action].document, { id });
  }

  async function statusInDatabase(id: string): Promise<string | undefined> {
    const [row] = await env.db.queryAsAdmin<{ status: string }>('select status from orders.orders where id = $1', [id]);
    return row?.status;
  }

  describe('every action from every status', () => {
    const cases = (Object.keys(STAFF_ACTIONS) as StaffAction[]).flatMap((action) =>
      ORDER_STATUSES.map((from) => [action, from, STAFF_ALLOWED[action].includes(from)] as const),
    );

    it('covers 7 actions x 8 statuses', () => {
      expect(cases).toHaveLength(56);
    });

    it.each(cases)('%s on a %s order: allowed=%s', async (action, from, allowed) => {
      const order = await anOrder(env, { tenantId, status: from });
      const result = await act(action, order.id);
      const to = STAFF_ACTIONS[action].to;
      if (allowed) {
        const moved = dataOf(result)[action];
        expect(moved?.status).toBe(to);
        expect(moved?.timeline.at(-1)).toMatchObject({ status: to, source: 'USER', actor: manager.userId });
        expect(moved?.timeline).toHaveLength(order.timeline.length + 1);
        expect(await statusInDatabase(order.id)).toBe(to);
      } else {
        expect(errorCodes(result)).toEqual(['INVALID_TRANSITION']);
        expect(result.errors[0]?.message).toContain(`from ${from} to ${to}`);
        expect(result.errors[0]?.extensions).toMatchObject({ from, to });
        expect(await statusInDatabase(order.id)).toBe(from);
        const unchanged = dataOf(await env.request<OrderQueryResult>(manager, ORDER, { id: order.id })).order;
        expect(unchanged.timeline).toHaveLength(order.timeline.length);
      }
    });
  });

  it('walks an order from RECEIVED to DELIVERED as STAFF, one timeline entry per step, oldest first', async () => {
    const order = await anOrder(env, { tenantId });
    const accepted = dataOf(await act('acceptOrder', order.id, staff)).acceptOrder;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', prepMinutes: 15 });
    expect(Date.parse(accepted?.acceptedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    for (const action of ['markPreparing', 'markReady', 'markPickedUp', 'markDelivered'] as const) {
      dataOf(await act(action, order.id, staff));
    }
    const final = dataOf(await env.request<OrderQueryResult>(staff, ORDER, { id: order.id })).order;
    expect(final.status).toBe('DELIVERED');
    expect(final.timeline.map((entry) => [entry.status, entry.source, entry.actor, entry.note])).toEqual([
      ['RECEIVED', 'PROVIDER', 'CAREEM', 'CAREEM placed order K-1042'],
      ['ACCEPTED', 'USER', staff.userId, 'prep 15 min'],
      ['PREPARING', 'USER', staff.userId, null],
      ['READY', 'USER', staff.userId, null],
      ['PICKED_UP', 'USER', staff.userId, null],
      ['DELIVERED', 'USER', staff.userId, null],
    ]);
    const times = final.timeline.map((entry) => Date.parse(entry.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(Date.parse(final.updatedAt)).toBeGreaterThanOrEqual(Date.parse(final.createdAt));
  });

  it('accepts without prep minutes', async () => {
    const order = await anOrder(env, { tenantId });
    const accepted = dataOf(
      await env.request<{ acceptOrder: OrderResult }>(
        staff,
        `mutation($id: ID!) { acceptOrder(id: $id) { ...OrderFields } } ${ORDER_FIELDS}`,
        {
          id: order.id,
        },
      ),
    ).acceptOrder;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', prepMinutes: null });
    expect(accepted.timeline.at(-1)).toMatchObject({ status: 'ACCEPTED', note: null });
  });

  it.each([0, 181, -5])('refuses prepMinutes %s with BAD_USER_INPUT', async (prepMinutes) => {
    const order = await anOrder(env, { tenantId });
    const result = await env.request(
      staff,
      'mutation($id: ID!, $p: Int) { acceptOrder(id: $id, prepMinutes: $p) { id } }',
      {
        id: order.id,
        p: prepMinutes,
      },
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(await statusInDatabase(order.id)).toBe('RECEIVED');
  });

  it('rejects with the reason as the timeline note, and refuses a blank reason', async () => {
    const order = await anOrder(env, { tenantId });
    const blank = await env.request(staff, 'mutation($id: ID!) { rejectOrder(id: $id, reason: "   ") { id } }', {
      id: order.id,
    });
    expect(errorCodes(blank)).toEqual(['BAD_USER_INPUT']);
    const rejected = dataOf(await act('rejectOrder', order.id, staff)).rejectOrder;
    expect(rejected?.status).toBe('REJECTED');
    expect(rejected?.timeline.at(-1)).toMatchObject({
      status: 'REJECTED',
      source: 'USER',
      actor: staff.userId,
      note: 'Out of stock',
    });
  });

  describe('cancelOrder roles', () => {
    it('refuses STAFF with FORBIDDEN and leaves the order as it was', async () => {
      const order = await anOrder(env, { tenantId, status: 'PREPARING' });
      const result = await act('cancelOrder', order.id, staff);
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      expect(await statusInDatabase(order.id)).toBe('PREPARING');
    });

    it.each(['MANAGER', 'TENANT_ADMIN', 'PLATFORM_ADMIN'] as Role[])(
      'lets a %s cancel, with the reason in the timeline',
      async (role) => {
        const order = await anOrder(env, { tenantId, status: 'ACCEPTED' });
        const user = aUser(tenantId, role);
        const cancelled = dataOf(await act('cancelOrder', order.id, user)).cancelOrder;
        expect(cancelled?.status).toBe('CANCELLED');
        expect(cancelled?.timeline.at(-1)).toMatchObject({
          status: 'CANCELLED',
          source: 'USER',
          actor: user.userId,
          note: 'Customer called',
        });
      },
    );
  });

  it.each(['acceptOrder', 'markPreparing', 'cancelOrder'] as StaffAction[])(
    '%s on an unknown or malformed id answers NOT_FOUND',
    async (action) => {
      for (const id of [randomUUID(), 'not-an-id']) {
        expect(errorCodes(await act(action, id))).toEqual(['NOT_FOUND']);
      }
    },
  );

  it('order(id) answers NOT_FOUND for an unknown or malformed id', async () => {
    for (const id of [randomUUID(), 'not-an-id']) {
      const result = await env.request(staff, ORDER, { id });
      expect(errorCodes(result)).toEqual(['NOT_FOUND']);
      expect(result.data).toBeNull();
    }
  });

  it('serializes concurrent moves on one order with the row lock: exactly one accept wins', async () => {
    const order = await anOrder(env, { tenantId });
    // Hold the row from another connection so all five requests are in flight before any can proceed.
    const holder = new Client({ connectionString: env.db.ownerUrl });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
      await holder.query('select id from orders.orders where id = $1 for update', [order.id]);
      const pending = Promise.all(Array.from({ length: 5 }, () => act('acceptOrder', order.id, staff)));
      await new Promise((resolve) => setTimeout(resolve, 500));
      await holder.query('commit');
      const results = await pending;
      expect(results.filter((result) => result.errors.length === 0)).toHaveLength(1);
      expect(results.flatMap(errorCodes).sort()).toEqual(Array(4).fill('INVALID_TRANSITION'));
    } finally {
      await holder.end();
    }
    const final = dataOf(await env.request<OrderQueryResult>(staff, ORDER, { id: order.id })).order;
    expect(final.timeline.filter((entry) => entry.status === 'ACCEPTED')).toHaveLength(1);
  });
});
