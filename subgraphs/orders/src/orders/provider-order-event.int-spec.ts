import { randomUUID } from 'node:crypto';
import { orderIdFor, type OrderStatus } from '@nexara/kit';
import { aUser, theWorker } from '../testing/identities';
import { aProviderOrder, anOrderPlacedEvent, applyEvent, aStatusChangedEvent } from '../testing/order-factory';
import { ORDER, type OrderQueryResult } from '../testing/order-operations';
import { dataOf, errorCodes, startOrdersTestEnv, type OrdersTestEnv } from '../testing/orders-test-env';

describe('applyProviderOrderEvent (real PostgreSQL, over HTTP)', () => {
  let env: OrdersTestEnv;
  const tenantId = randomUUID();
  const worker = theWorker(tenantId);

  beforeAll(async () => {
    env = await startOrdersTestEnv();
  });

  afterAll(async () => {
    await env?.close();
  });

  async function rowCounts(orderId: string) {
    const [counts] = await env.db.queryAsAdmin<{ orders: string; events: string; receipts: string }>(
      `select (select count(*) from orders.orders where id = $1) as orders,
              (select count(*) from orders.order_events where order_id = $1) as events,
              (select count(*) from orders.provider_events where order_id = $1) as receipts`,
      [orderId],
    );
    return { orders: Number(counts?.orders), events: Number(counts?.events), receipts: Number(counts?.receipts) };
  }

  async function receipt(connectionId: string, eventKey: string) {
    const [row] = await env.db.queryAsAdmin<{ outcome: string; status: string | null; kind: string }>(
      'select outcome, status, kind from orders.provider_events where connection_id = $1 and event_key = $2',
      [connectionId, eventKey],
    );
    return row ?? null;
  }

  describe('ORDER_PLACED', () => {
    const connectionId = randomUUID();
    const externalId = 'CRM-778812';
    const orderId = orderIdFor(connectionId, externalId);
    const placed = anOrderPlacedEvent({
      connectionId,
      externalId,
      eventKey: 'evt-placed-1',
      occurredAt: '2026-11-28T18:30:05.000Z',
    });

    it('creates the order in RECEIVED under the id derived from (connection, external id), with one PROVIDER timeline entry', async () => {
      const result = dataOf(await applyEvent(env, worker, placed));
      expect(result.applyProviderOrderEvent.outcome).toBe('CREATED');
      const order = result.applyProviderOrderEvent.order;
      expect(order).toMatchObject({
        id: orderId,
        tenant: { id: tenantId },
        connection: { id: connectionId },
        provider: 'CAREEM',
        externalId,
        displayCode: 'K-1042',
        status: 'RECEIVED',
        placedAt: '2026-11-28T18:30:00.000Z',
        acceptBy: '2026-11-28T18:38:00.000Z',
        acceptedAt: null,
        prepMinutes: null,
        customer: { name: 'Layla Haddad', phone: '+965 5555 0101' },
        delivery: { address: 'Block 4, Street 12, Salmiya', notes: 'Ring twice', lat: 29.3375, lng: 48.0758 },
        subtotal: { amount: 3500, currency: 'KWD' },
        deliveryFee: { amount: 500, currency: 'KWD' },
        discount: { amount: 300, currency: 'KWD' },
        tax: { amount: 0, currency: 'KWD' },
        tip: { amount: 100, currency: 'KWD' },
        total: { amount: 3800, currency: 'KWD' },
        payment: { method: 'CARD', paid: true },
        notes: 'Please hurry',
        warnings: [],
      });
      expect(order?.items[0]).toEqual({
        externalId: 'item-1',
        name: 'Chicken shawarma',
        quantity: 2,
        unitPrice: { amount: 1250, currency: 'KWD' },
        total: { amount: 2700, currency: 'KWD' },
        modifiers: [
          {
            name: 'Large',
            quantity: 1,
            unitPrice: { amount: 200, currency: 'KWD' },
            modifiers: [
              { name: 'Extra garlic', quantity: 1, unitPrice: { amount: 0, currency: 'KWD' }, modifiers: [] },
            ],
          },
        ],
        notes: 'No pickles',
      });
      expect(order?.timeline).toEqual([
        {
          status: 'RECEIVED',
          at: '2026-11-28T18:30:05.000Z',
          source: 'PROVIDER',
          actor: 'CAREEM',
          note: 'CAREEM placed order K-1042',
        },
      ]);
      expect(await receipt(connectionId, 'evt-placed-1')).toEqual({
        outcome: 'CREATED',
        status: 'RECEIVED',
        kind: 'ORDER_PLACED',
      });
    });

    it('answers DUPLICATE to the same event again and changes nothing', async () => {
      const before = dataOf(await env.request<OrderQueryResult>(worker, ORDER, { id: orderId })).order;
      const result = dataOf(await applyEvent(env, worker, placed));
      expect(result.applyProviderOrderEvent.outcome).toBe('DUPLICATE');
      expect(result.applyProviderOrderEvent.order?.id).toBe(orderId);
      expect(await rowCounts(orderId)).toEqual({ orders: 1, events: 1, receipts: 1 });
      const after = dataOf(await env.request<OrderQueryResult>(worker, ORDER, { id: orderId })).order;
      expect(after).toEqual(before);
    });

    it('answers UNCHANGED to another ORDER_PLACED (new event key) for the same provider order, and records it', async () => {
      const again = anOrderPlacedEvent({
        connectionId,
        externalId,
        eventKey: 'evt-placed-2',
        order: aProviderOrder({ displayCode: 'OTHER' }),
      });
      const result = dataOf(await applyEvent(env, worker, again));
      expect(result.applyProviderOrderEvent.outcome).toBe('UNCHANGED');
      expect(result.applyProviderOrderEvent.order?.displayCode).toBe('K-1042');
      expect(await rowCounts(orderId)).toEqual({ orders: 1, events: 1, receipts: 2 });
      expect((await receipt(connectionId, 'evt-placed-2'))?.outcome).toBe('UNCHANGED');
    });

    it('applies the same event delivered concurrently exactly once', async () => {
      const racingConnection = randomUUID();
      const event = anOrderPlacedEvent({ connectionId: racingConnection, externalId: 'race-1', eventKey: 'race-key' });
      const results = await Promise.all(Array.from({ length: 6 }, () => applyEvent(env, worker, event)));
      const outcomes = results.map((result) => dataOf(result).applyProviderOrderEvent.outcome).sort();
      expect(outcomes).toEqual(['CREATED', 'DUPLICATE', 'DUPLICATE', 'DUPLICATE', 'DUPLICATE', 'DUPLICATE']);
      expect(await rowCounts(orderIdFor(racingConnection, 'race-1'))).toEqual({ orders: 1, events: 1, receipts: 1 });
    });

    it('keeps totals that do not add up as warnings (after the adapter warnings), not as an error', async () => {
      const connection = randomUUID();
      const order = aProviderOrder({ subtotal: 3400, total: 3900, warnings: ['Unknown item option "spicy" dropped'] });
      const result = dataOf(
        await applyEvent(env, worker, anOrderPlacedEvent({ connectionId: connection, externalId: 'mismatch', order })),
      );
      expect(result.applyProviderOrderEvent.outcome).toBe('CREATED');
      expect(result.applyProviderOrderEvent.order?.warnings).toEqual([
        'Unknown item option "spicy" dropped',
        'Line items add up to 3.500 KWD but the subtotal is 3.400 KWD.',
        'Subtotal + delivery fee + tax + tip - discount = 3.700 KWD but the total is 3.900 KWD.',
      ]);
    });

    it('stores a pick-up order in a currency without decimals', async () => {
      const connection = randomUUID();
      const order = aProviderOrder({
        currency: 'JPY',
        delivery: null,
        customer: null,
        payment: null,
        items: [{ name: 'Ramen', quantity: 1, unitPrice: 980, total: 980 }],
        subtotal: 980,
        deliveryFee: 0,
        discount: 0,
        tax: 98,
        tip: 0,
        total: 1078,
      });
      const result = dataOf(
        await applyEvent(env, worker, anOrderPlacedEvent({ connectionId: connection, externalId: 'jp-1', order })),
      );
      expect(result.applyProviderOrderEvent.order).toMatchObject({
        delivery: null,
        customer: null,
        payment: null,
        total: { amount: 1078, currency: 'JPY' },
        items: [
          { externalId: null, name: 'Ramen', modifiers: [], notes: null, unitPrice: { amount: 980, currency: 'JPY' } },
        ],
        warnings: [],
      });
    });

    it.each([
      [
        'an unknown currency',
        aProviderOrder({ currency: 'XYZ' }),
        'order.currency "XYZ" is not an ISO 4217 currency code',
      ],
      [
        'a lowercase currency',
        aProviderOrder({ currency: 'kwd' }),
        'order.currency "kwd" is not an ISO 4217 currency code',
      ],
      ['no items', aProviderOrder({ items: [] }), 'order.items must not be empty'],
      ['a negative total', aProviderOrder({ total: -1 }), 'order.total must not be negative'],
      [
        'a zero quantity',
        aProviderOrder({ items: [{ name: 'Tea', quantity: 0, unitPrice: 100, total: 0 }] }),
        'order.items[0].quantity',
      ],
    ])('refuses an order with %s (BAD_USER_INPUT) and stores nothing', async (_label, order, problem) => {
      const connection = randomUUID();
      const result = await applyEvent(
        env,
        worker,
        anOrderPlacedEvent({ connectionId: connection, externalId: 'bad', order }),
      );
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors[0]?.message).toContain(problem);
      expect(await rowCounts(orderIdFor(connection, 'bad'))).toEqual({ orders: 0, events: 0, receipts: 0 });
    });

    it('refuses a fractional amount at the GraphQL layer (SafeInt)', async () => {
      const connection = randomUUID();
      const result = await applyEvent(
        env,
        worker,
        anOrderPlacedEvent({ connectionId: connection, externalId: 'frac', order: aProviderOrder({ total: 38.5 }) }),
      );
      expect(result.data).toBeNull();
      expect(result.errors.length).toBeGreaterThan(0);
      expect(await rowCounts(orderIdFor(connection, 'frac'))).toEqual({ orders: 0, events: 0, receipts: 0 });
    });
  });

  describe('STATUS_CHANGED', () => {
    const connectionId = randomUUID();
    const externalId = 'TLB-5501';
    const orderId = orderIdFor(connectionId, externalId);
    const event = (
      status: Parameters<typeof aStatusChangedEvent>[0]['status'],
      eventKey: string,
      occurredAt = '2026-11-28T18:40:00.000Z',
    ) => aStatusChangedEvent({ connectionId, externalId, provider: 'TALABAT', status, eventKey, occurredAt });

    beforeAll(async () => {
      dataOf(
        await applyEvent(
          env,
          worker,
          anOrderPlacedEvent({ connectionId, externalId, provider: 'TALABAT', occurredAt: '2026-11-28T18:30:00.000Z' }),
        ),
      );
    });

    async function timelineOf() {
      return dataOf(await env.request<OrderQueryResult>(worker, ORDER, { id: orderId })).order.timeline;
    }

    it('moves forward past several steps with one timeline entry per step, naming the jump', async () => {
      const result = dataOf(await applyEvent(env, worker, event('READY', 'evt-ready')));
      expect(result.applyProviderOrderEvent.outcome).toBe('ADVANCED');
      expect(result.applyProviderOrderEvent.order).toMatchObject({
        status: 'READY',
        acceptedAt: '2026-11-28T18:40:00.000Z',
      });
      const note = 'TALABAT reported READY (jumped RECEIVED -> READY)';
      expect(result.applyProviderOrderEvent.order?.timeline).toEqual([
        {
          status: 'RECEIVED',
          at: '2026-11-28T18:30:00.000Z',
          source: 'PROVIDER',
          actor: 'TALABAT',
          note: 'TALABAT placed order K-1042',
        },
        { status: 'ACCEPTED', at: '2026-11-28T18:40:00.000Z', source: 'PROVIDER', actor: 'TALABAT', note },
        { status: 'PREPARING', at: '2026-11-28T18:40:00.000Z', source: 'PROVIDER', actor: 'TALABAT', note },
        { status: 'READY', at: '2026-11-28T18:40:00.000Z', source: 'PROVIDER', actor: 'TALABAT', note },
      ]);
      expect(await receipt(connectionId, 'evt-ready')).toEqual({
        outcome: 'ADVANCED',
        status: 'READY',
        kind: 'STATUS_CHANGED',
      });
    });

    it('answers DUPLICATE to the same status event again', async () => {
      const result = dataOf(await applyEvent(env, worker, event('READY', 'evt-ready')));
      expect(result.applyProviderOrderEvent.outcome).toBe('DUPLICATE');
      expect(await timelineOf()).toHaveLength(4);
    });

    it('answers UNCHANGED to the same status under a new key, and records it', async () => {
      const result = dataOf(await applyEvent(env, worker, event('READY', 'evt-ready-again')));
      expect(result.applyProviderOrderEvent.outcome).toBe('UNCHANGED');
      expect(await timelineOf()).toHaveLength(4);
      expect((await receipt(connectionId, 'evt-ready-again'))?.outcome).toBe('UNCHANGED');
    });

    it.each([
      ['ACCEPTED', 'evt-late-accepted'],
      ['RECEIVED', 'evt-late-received'],
      ['REJECTED', 'evt-late-rejected'],
    ] as const)('ignores a stale %s (IGNORED_BACKWARD), records it, leaves the order alone', async (status, key) => {
      const result = dataOf(await applyEvent(env, worker, event(status, key)));
      expect(result.applyProviderOrderEvent.outcome).toBe('IGNORED_BACKWARD');
      expect(result.applyProviderOrderEvent.order?.status).toBe('READY');
      expect(await timelineOf()).toHaveLength(4);
      expect(await receipt(connectionId, key)).toEqual({ outcome: 'IGNORED_BACKWARD', status, kind: 'STATUS_CHANGED' });
    });

    it('moves on to DELIVERED, then ignores anything after the final state (IGNORED_FINAL), recorded', async () => {
      const delivered = dataOf(
        await applyEvent(env, worker, event('DELIVERED', 'evt-delivered', '2026-11-28T19:05:00.000Z')),
      );
      expect(delivered.applyProviderOrderEvent.outcome).toBe('ADVANCED');
      expect(delivered.applyProviderOrderEvent.order?.timeline.map((entry) => entry.status)).toEqual([
        'RECEIVED',
        'ACCEPTED',
        'PREPARING',
        'READY',
        'PICKED_UP',
        'DELIVERED',
      ]);

      for (const [status, key] of [
        ['CANCELLED', 'evt-cancel-late'],
        ['PREPARING', 'evt-prep-late'],
      ] as const) {
        const result = dataOf(await applyEvent(env, worker, event(status, key)));
        expect(result.applyProviderOrderEvent.outcome).toBe('IGNORED_FINAL');
        expect(result.applyProviderOrderEvent.order?.status).toBe('DELIVERED');
        expect(await receipt(connectionId, key)).toEqual({ outcome: 'IGNORED_FINAL', status, kind: 'STATUS_CHANGED' });
      }
      expect(await timelineOf()).toHaveLength(6);
    });

    it('cancels an open order with the provider note in the timeline', async () => {
      const connection = randomUUID();
      dataOf(
        await applyEvent(
          env,
          worker,
          anOrderPlacedEvent({ connectionId: connection, externalId: 'c-1', provider: 'DELIVEROO' }),
        ),
      );
      const result = dataOf(
        await applyEvent(
          env,
          worker,
          aStatusChangedEvent({
            connectionId: connection,
            externalId: 'c-1',
            provider: 'DELIVEROO',
            status: 'CANCELLED',
            note: 'customer no-show',
          }),
        ),
      );
      expect(result.applyProviderOrderEvent.outcome).toBe('ADVANCED');
      expect(result.applyProviderOrderEvent.order?.status).toBe('CANCELLED');
      expect(result.applyProviderOrderEvent.order?.acceptedAt).toBeNull();
      expect(result.applyProviderOrderEvent.order?.timeline.at(-1)).toMatchObject({
        status: 'CANCELLED',
        source: 'PROVIDER',
        note: 'DELIVEROO reported CANCELLED: customer no-show',
      });
    });

    it('answers NOT_FOUND for an order not placed yet and records nothing, so the worker can retry', async () => {
      const connection = randomUUID();
      const early = aStatusChangedEvent({
        connectionId: connection,
        externalId: 'later',
        status: 'ACCEPTED',
        eventKey: 'early',
      });
      const result = await applyEvent(env, worker, early);
      expect(errorCodes(result)).toEqual(['NOT_FOUND']);
      expect(await receipt(connection, 'early')).toBeNull();

      // Once the order exists, the retried event applies normally.
      dataOf(await applyEvent(env, worker, anOrderPlacedEvent({ connectionId: connection, externalId: 'later' })));
      expect(dataOf(await applyEvent(env, worker, early)).applyProviderOrderEvent.outcome).toBe('ADVANCED');
    });

    it('needs a status for STATUS_CHANGED and an order for ORDER_PLACED', async () => {
      const noStatus = { ...aStatusChangedEvent({ connectionId, externalId, status: 'READY' }), status: null };
      expect(errorCodes(await applyEvent(env, worker, noStatus))).toEqual(['BAD_USER_INPUT']);
      const noOrder = { ...anOrderPlacedEvent({ connectionId: randomUUID(), externalId: 'x' }), order: null };
      expect(errorCodes(await applyEvent(env, worker, noOrder))).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('STATUS_CHANGED naming the order by our id (Talabat)', () => {
    const connectionId = randomUUID();
    const token = 'tlb-token-55aa01';
    const orderId = orderIdFor(connectionId, token);
    const byOrderId = (status: OrderStatus, eventKey: string, overrides: Record<string, unknown> = {}) => ({
      ...aStatusChangedEvent({
        connectionId,
        externalId: token,
        provider: 'TALABAT',
        status,
        eventKey,
        occurredAt: '2026-11-28T18:33:00.000Z',
      }),
      externalId: null,
      orderId,
      ...overrides,
    });

    beforeAll(async () => {
      dataOf(
        await applyEvent(env, worker, anOrderPlacedEvent({ connectionId, externalId: token, provider: 'TALABAT' })),
      );
    });

    it('moves the order found by primary key, records the receipt under that order, like an event by externalId', async () => {
      const result = dataOf(await applyEvent(env, worker, byOrderId('ACCEPTED', 'tlb-accept')));
      expect(result.applyProviderOrderEvent.outcome).toBe('ADVANCED');
      expect(result.applyProviderOrderEvent.order).toMatchObject({
        id: orderId,
        externalId: token,
        status: 'ACCEPTED',
      });
      expect(result.applyProviderOrderEvent.order?.acceptedAt).toBe('2026-11-28T18:33:00.000Z');
      expect(result.applyProviderOrderEvent.order?.timeline.at(-1)).toEqual({
        status: 'ACCEPTED',
        at: '2026-11-28T18:33:00.000Z',
        source: 'PROVIDER',
        actor: 'TALABAT',
        note: 'TALABAT reported ACCEPTED',
      });
      expect(await receipt(connectionId, 'tlb-accept')).toEqual({
        outcome: 'ADVANCED',
        status: 'ACCEPTED',
        kind: 'STATUS_CHANGED',
      });
      expect(await rowCounts(orderId)).toEqual({ orders: 1, events: 2, receipts: 2 });
    });

    it('accepts our id in upper case too (a UUID is a UUID)', async () => {
      const result = dataOf(
        await applyEvent(env, worker, byOrderId('PREPARING', 'tlb-prep', { orderId: orderId.toUpperCase() })),
      );
      expect(result.applyProviderOrderEvent).toMatchObject({
        outcome: 'ADVANCED',
        order: { id: orderId, status: 'PREPARING' },
      });
    });

    it('answers DUPLICATE to the same event again, UNCHANGED under a new key, and ignores a stale one', async () => {
      expect(
        dataOf(await applyEvent(env, worker, byOrderId('PREPARING', 'tlb-prep'))).applyProviderOrderEvent.outcome,
      ).toBe('DUPLICATE');
      expect(
        dataOf(await applyEvent(env, worker, byOrderId('PREPARING', 'tlb-prep-2'))).applyProviderOrderEvent.outcome,
      ).toBe('UNCHANGED');
      expect(
        dataOf(await applyEvent(env, worker, byOrderId('ACCEPTED', 'tlb-late'))).applyProviderOrderEvent.outcome,
      ).toBe('IGNORED_BACKWARD');
      expect(await rowCounts(orderId)).toEqual({ orders: 1, events: 3, receipts: 5 });
    });

    it('and events by externalId still reach the same order', async () => {
      const ready = aStatusChangedEvent({
        connectionId,
        externalId: token,
        provider: 'TALABAT',
        status: 'READY',
        eventKey: 'tlb-ready',
      });
      expect(dataOf(await applyEvent(env, worker, ready)).applyProviderOrderEvent.order).toMatchObject({
        id: orderId,
        status: 'READY',
      });
    });

    it('answers NOT_FOUND for an unknown id, an order of another connection and one of another tenant, recording nothing', async () => {
      const otherConnection = randomUUID();
      dataOf(
        await applyEvent(env, worker, anOrderPlacedEvent({ connectionId: otherConnection, externalId: 'other-conn' })),
      );
      const otherTenant = randomUUID();
      dataOf(
        await applyEvent(env, theWorker(otherTenant), anOrderPlacedEvent({ connectionId, externalId: 'other-tenant' })),
      );

      const cases = [
        ['unknown', randomUUID()],
        ['another connection', orderIdFor(otherConnection, 'other-conn')],
        ['another tenant', orderIdFor(connectionId, 'other-tenant')],
      ] as const;
      for (const [name, id] of cases) {
        const result = await applyEvent(env, worker, byOrderId('CANCELLED', `tlb-missing-${name}`, { orderId: id }));
        expect([name, errorCodes(result)]).toEqual([name, ['NOT_FOUND']]);
        expect(result.errors[0]?.extensions).toMatchObject({ orderId: id, connectionId });
        expect(await receipt(connectionId, `tlb-missing-${name}`)).toBeNull();
      }
      const [statuses] = await env.db.queryAsAdmin<{ other_connection: string; other_tenant: string }>(
        `select (select status from orders.orders where id = $1) as other_connection, (select status from orders.orders where id = $2) as other_tenant`,
        [cases[1][1], cases[2][1]],
      );
      expect(statuses).toEqual({ other_connection: 'RECEIVED', other_tenant: 'RECEIVED' });
    });

    it.each([
      ['both externalId and orderId', { externalId: token }],
      ['neither', { orderId: null }],
      ['an orderId that is not a UUID', { orderId: 'tlb-token-55aa01' }],
    ])('refuses %s with BAD_USER_INPUT', async (_case, overrides) => {
      const result = await applyEvent(env, worker, byOrderId('DELIVERED', 'tlb-bad', overrides));
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(await receipt(connectionId, 'tlb-bad')).toBeNull();
    });

    it('refuses ORDER_PLACED named by orderId (it needs the provider order id)', async () => {
      const placedById = {
        ...anOrderPlacedEvent({ connectionId: randomUUID(), externalId: 'x' }),
        externalId: null,
        orderId: randomUUID(),
      };
      expect(errorCodes(await applyEvent(env, worker, placedById))).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('who may call it', () => {
    it.each(['STAFF', 'MANAGER', 'TENANT_ADMIN', 'PLATFORM_ADMIN'] as const)(
      'refuses a %s user with FORBIDDEN',
      async (role) => {
        const connection = randomUUID();
        const result = await applyEvent(
          env,
          aUser(tenantId, role),
          anOrderPlacedEvent({ connectionId: connection, externalId: 'u' }),
        );
        expect(errorCodes(result)).toEqual(['FORBIDDEN']);
        expect(await rowCounts(orderIdFor(connection, 'u'))).toEqual({ orders: 0, events: 0, receipts: 0 });
      },
    );

    it('refuses a service identity without a tenant (BAD_USER_INPUT)', async () => {
      const result = await applyEvent(
        env,
        theWorker(null),
        anOrderPlacedEvent({ connectionId: randomUUID(), externalId: 'n' }),
      );
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    });
  });
});
