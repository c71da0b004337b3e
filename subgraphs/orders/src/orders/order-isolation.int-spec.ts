import { randomUUID } from 'node:crypto';
import { CONTEXT_TOKEN_HEADER, signContextToken } from '@nexara/kit';
import { Client } from 'pg';
import { aPartner, aUser, theWorker } from '../testing/identities';
import { anOrder, applyEvent, aStatusChangedEvent } from '../testing/order-factory';
import {
  ENTITIES,
  ORDER,
  ORDERS_PAGE,
  STAFF_ACTIONS,
  type EntitiesResult,
  type OrderQueryResult,
  type OrderResult,
  type OrdersPageResult,
  type StaffAction,
} from '../testing/order-operations';
import { dataOf, errorCodes, startOrdersTestEnv, type OrdersTestEnv } from '../testing/orders-test-env';

describe('tenant isolation of orders (real PostgreSQL, over HTTP)', () => {
  let env: OrdersTestEnv;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const ownerA = aUser(tenantA, 'TENANT_ADMIN');
  const ownerB = aUser(tenantB, 'TENANT_ADMIN');
  const connectionA = randomUUID();
  let orderA: OrderResult;
  let orderB: OrderResult;

  beforeAll(async () => {
    env = await startOrdersTestEnv();
    orderA = await anOrder(env, {
      tenantId: tenantA,
      status: 'ACCEPTED',
      connectionId: connectionA,
      externalId: 'A-1',
    });
    orderB = await anOrder(env, { tenantId: tenantB });
  });

  afterAll(async () => {
    await env?.close();
  });

  async function rowOfA() {
    const [row] = await env.db.queryAsAdmin<{ status: string; events: string }>(
      `select status, (select count(*) from orders.order_events e where e.tenant_id = o.tenant_id and e.order_id = o.id) as events
       from orders.orders o where tenant_id = $1 and id = $2`,
      [tenantA, orderA.id],
    );
    return row;
  }

  it("does not give tenant B's owner tenant A's order through order(id)", async () => {
    const result = await env.request<OrderQueryResult>(ownerB, ORDER, { id: orderA.id });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(result.data).toBeNull();
    // ...while tenant A's owner sees it.
    expect(dataOf(await env.request<OrderQueryResult>(ownerA, ORDER, { id: orderA.id })).order.id).toBe(orderA.id);
  });

  it("does not list tenant A's orders to tenant B, under any filter", async () => {
    for (const filter of [null, { connectionId: connectionA }, { search: 'A-1' }, { status: ['ACCEPTED'] }]) {
      const page = dataOf(await env.request<OrdersPageResult>(ownerB, ORDERS_PAGE, { filter, first: 200 })).orders;
      expect(page.edges.map((edge) => edge.node.id)).not.toContain(orderA.id);
    }
    const all = dataOf(await env.request<OrdersPageResult>(ownerB, ORDERS_PAGE, { first: 200 })).orders;
    expect(all.totalCount).toBe(1);
    expect(all.edges.map((edge) => edge.node.id)).toEqual([orderB.id]);
  });

  it.each(Object.keys(STAFF_ACTIONS) as StaffAction[])(
    "does not let tenant B's owner %s tenant A's order",
    async (action) => {
      const before = await rowOfA();
      const result = await env.request(ownerB, STAFF_ACTIONS[action].document, { id: orderA.id });
      expect(errorCodes(result)).toEqual(['NOT_FOUND']);
      expect(await rowOfA()).toEqual(before);
    },
  );

  it("does not let a worker acting for tenant B move tenant A's order", async () => {
    const before = await rowOfA();
    const event = aStatusChangedEvent({ connectionId: connectionA, externalId: 'A-1', status: 'CANCELLED' });
    expect(errorCodes(await applyEvent(env, theWorker(tenantB), event))).toEqual(['NOT_FOUND']);
    expect(await rowOfA()).toEqual(before);
  });

  it('resolves _entities only within the caller tenant: another tenant id resolves to null', async () => {
    const representations = [
      { __typename: 'Order', id: orderA.id },
      { __typename: 'Order', id: orderB.id },
      { __typename: 'Order', id: randomUUID() },
      { __typename: 'Order', id: 'not-a-uuid' },
    ];
    const asB = dataOf(await env.request<EntitiesResult>(ownerB, ENTITIES, { representations }))._entities;
    expect(asB).toEqual([null, { id: orderB.id, status: 'RECEIVED', displayCode: 'K-1042' }, null, null]);
    const asA = dataOf(await env.request<EntitiesResult>(ownerA, ENTITIES, { representations }))._entities;
    expect(asA).toEqual([{ id: orderA.id, status: 'ACCEPTED', displayCode: 'K-1042' }, null, null, null]);
  });

  it('keeps partner keys inside their own tenant', async () => {
    const result = await env.request<OrderQueryResult>(aPartner(tenantB), ORDER, { id: orderA.id });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
  });

  describe('without a valid context token', () => {
    const queries = [
      ['orders', ORDERS_PAGE, {}],
      ['_entities', ENTITIES, { representations: [{ __typename: 'Order', id: randomUUID() }] }],
      ['_service', '{ _service { sdl } }', {}],
      ['a mutation', STAFF_ACTIONS.markPreparing.document, { id: randomUUID() }],
    ] as const;

    it.each(queries)('answers HTTP 401 to %s with no token', async (_label, query, variables) => {
      const result = await env.request(null, query, variables);
      expect(result.status).toBe(401);
      expect(result.data).toBeNull();
      expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    });

    it.each(queries)('answers HTTP 401 to %s with a token signed by another key', async (_label, query, variables) => {
      const forged = await signContextToken(ownerA, 'not-the-internal-secret-but-long-enough-0123456789');
      const response = await fetch(env.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CONTEXT_TOKEN_HEADER]: forged },
        body: JSON.stringify({ query, variables }),
      });
      expect(response.status).toBe(401);
    });
  });

  describe('row-level security alone', () => {
    async function withServiceRole<T>(work: (client: Client) => Promise<T>): Promise<T> {
      const client = new Client({ connectionString: env.db.serviceUrls.orders });
      await client.connect();
      try {
        return await work(client);
      } finally {
        await client.end();
      }
    }

    it('returns 0 rows to the application role with no tenant set, although rows exist', async () => {
      const [existing] = await env.db.queryAsAdmin<{ orders: string; events: string; receipts: string }>(
        `select (select count(*) from orders.orders) as orders, (select count(*) from orders.order_events) as events,
                (select count(*) from orders.provider_events) as receipts`,
      );
      expect(Number(existing?.orders)).toBeGreaterThan(0);
      expect(Number(existing?.events)).toBeGreaterThan(0);
      expect(Number(existing?.receipts)).toBeGreaterThan(0);

      await withServiceRole(async (client) => {
        for (const table of ['orders.orders', 'orders.order_events', 'orders.provider_events']) {
          const { rows } = await client.query<{ count: string }>(`select count(*) from ${table}`);
          expect({ table, count: Number(rows[0]?.count) }).toEqual({ table, count: 0 });
        }
      });
    });

    it("shows the application role only the tenant it set, and refuses to write another tenant's rows", async () => {
      await withServiceRole(async (client) => {
        await client.query('begin');
        try {
          await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantA]);
          const { rows } = await client.query<{ id: string }>('select id from orders.orders');
          expect(rows.map((row) => row.id)).toEqual([orderA.id]);
          const updated = await client.query(`update orders.orders set status = 'CANCELLED' where id = $1`, [
            orderB.id,
          ]);
          expect(updated.rowCount).toBe(0);
          await expect(
            client.query(
              `insert into orders.order_events (tenant_id, id, order_id, status, at, source) values ($1, gen_random_uuid(), $2, 'READY', now(), 'SYSTEM')`,
              [tenantB, orderB.id],
            ),
          ).rejects.toThrow(/row-level security/);
        } finally {
          await client.query('rollback');
        }
      });
      const [b] = await env.db.queryAsAdmin<{ status: string }>('select status from orders.orders where id = $1', [
        orderB.id,
      ]);
      expect(b?.status).toBe('RECEIVED');
    });

    it('connects as a role that owns nothing and cannot bypass RLS', async () => {
      await withServiceRole(async (client) => {
        const { rows } = await client.query<{ rolsuper: boolean; rolbypassrls: boolean; owns: string }>(
          `select rolsuper, rolbypassrls,
                  (select count(*) from pg_tables where schemaname = 'orders' and tableowner = current_user) as owns
           from pg_roles where rolname = current_user`,
        );
        expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, owns: '0' });
      });
    });
  });
});
