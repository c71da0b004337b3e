import { randomUUID } from 'node:crypto';
import { orderIdFor } from '@nexara/kit';
import { theWorker } from '../testing/identities';
import { anOrderPlacedEvent, aStatusChangedEvent } from '../testing/order-factory';
import { dataOf, startOrdersTestEnv, type OrdersTestEnv } from '../testing/orders-test-env';

const APPLY_MANY = `mutation($inputs: [ProviderOrderEventInput!]!) {
  applyProviderOrderEvents(inputs: $inputs) { outcome order { id status version } error { code message } }
}`;

type Row = {
  outcome: string | null;
  order: { id: string; status: string; version: number } | null;
  error: { code: string; message: string } | null;
};

describe('applyProviderOrderEvents: a batch in one transaction (real PostgreSQL, over HTTP)', () => {
  let env: OrdersTestEnv;
  const tenantId = randomUUID();
  const worker = theWorker(tenantId);

  beforeAll(async () => {
    env = await startOrdersTestEnv();
  });

  afterAll(async () => {
    await env?.close();
  });

  const applyMany = async (inputs: Record<string, unknown>[]) =>
    dataOf(await env.request<{ applyProviderOrderEvents: Row[] }>(worker, APPLY_MANY, { inputs }))
      .applyProviderOrderEvents;

  it("applies one order's events in the order given, fails a bad one alone, and repeats nothing when sent again", async () => {
    const connectionId = randomUUID();
    const [a, b] = ['BATCH-A', 'BATCH-B'];
    const batch = [
      anOrderPlacedEvent({ connectionId, externalId: a, eventKey: 'a-placed' }),
      aStatusChangedEvent({ connectionId, externalId: a, status: 'ACCEPTED', eventKey: 'a-accepted' }),
      // Its order never arrives: NOT_FOUND, rolled back alone.
      aStatusChangedEvent({ connectionId, externalId: 'NOWHERE', status: 'ACCEPTED', eventKey: 'x-accepted' }),
      // Refused by validation: BAD_USER_INPUT.
      { ...anOrderPlacedEvent({ connectionId, externalId: 'BAD', eventKey: 'bad' }), eventKey: ' ' },
      anOrderPlacedEvent({ connectionId, externalId: b, eventKey: 'b-placed' }),
      aStatusChangedEvent({ connectionId, externalId: a, status: 'PREPARING', eventKey: 'a-preparing' }),
    ];
    const first = await applyMany(batch);
    expect(first.map((row) => row.outcome)).toEqual(['CREATED', 'ADVANCED', null, null, 'CREATED', 'ADVANCED']);
    expect(first.map((row) => row.error?.code ?? null)).toEqual([
      null,
      null,
      'NOT_FOUND',
      'BAD_USER_INPUT',
      null,
      null,
    ]);
    expect(first[0]!.order).toMatchObject({ id: orderIdFor(connectionId, a), version: 1 });
    expect(first[5]!.order).toMatchObject({ status: 'PREPARING', version: 3 });

    const again = await applyMany(batch);
    expect(again.map((row) => row.outcome)).toEqual(['DUPLICATE', 'DUPLICATE', null, null, 'DUPLICATE', 'DUPLICATE']);
    const [counts] = await env.db.queryAsAdmin<{ orders: string; receipts: string; entries: string }>(
      `select (select count(*) from orders.orders where connection_id = $1) as orders,
              (select count(*) from orders.provider_events where connection_id = $1) as receipts,
              (select count(*) from orders.order_events where order_id = $2) as entries`,
      [connectionId, orderIdFor(connectionId, a)],
    );
    expect(counts).toEqual({ orders: '2', receipts: '4', entries: '3' });
  });

  it('takes new orders together with the same outcomes as one by one: created, already there, repeated', async () => {
    const connectionId = randomUUID();
    // Already there from an earlier event under another key: the batch's ORDER_PLACED for it changes nothing.
    await applyMany([anOrderPlacedEvent({ connectionId, externalId: 'NEW-0', eventKey: 'earlier' })]);
    const batch = [
      ...Array.from({ length: 5 }, (_, i) =>
        anOrderPlacedEvent({ connectionId, externalId: `NEW-${i}`, eventKey: `placed-${i}` }),
      ),
      // The same event twice in one batch: the second is its duplicate.
      anOrderPlacedEvent({ connectionId, externalId: 'NEW-1', eventKey: 'placed-1' }),
      aStatusChangedEvent({ connectionId, externalId: 'NEW-2', status: 'ACCEPTED', eventKey: 'accepted-2' }),
    ];
    const rows = await applyMany(batch);
    expect(rows.map((row) => row.outcome)).toEqual([
      'UNCHANGED',
      'CREATED',
      'CREATED',
      'CREATED',
      'CREATED',
      'DUPLICATE',
      'ADVANCED',
    ]);
    expect(rows.slice(1, 5).map((row) => row.order?.version)).toEqual([1, 1, 1, 1]);
    expect(rows[6]!.order).toMatchObject({ id: orderIdFor(connectionId, 'NEW-2'), status: 'ACCEPTED', version: 2 });
    const [counts] = await env.db.queryAsAdmin<{ orders: string; receipts: string; entries: string }>(
      `select (select count(*) from orders.orders where connection_id = $1) as orders,
              (select count(*) from orders.provider_events where connection_id = $1) as receipts,
              (select count(*) from orders.order_events e join orders.orders o on o.tenant_id = e.tenant_id
                 and o.id = e.order_id where o.connection_id = $1) as entries`,
      [connectionId],
    );
    // 5 orders; receipts: earlier + 5 placed + accepted; timeline: 5 arrivals + 1 acceptance.
    expect(counts).toEqual({ orders: '5', receipts: '7', entries: '6' });
    expect((await applyMany(batch)).map((row) => row.outcome)).toEqual(Array(7).fill('DUPLICATE'));
  });

  it('refuses more than 500 events in one call', async () => {
    const connectionId = randomUUID();
    const tooMany = Array.from({ length: 501 }, (_, i) =>
      anOrderPlacedEvent({ connectionId, externalId: `MANY-${i}` }),
    );
    const refused = await env.request(worker, APPLY_MANY, { inputs: tooMany });
    expect(refused.errors[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});
