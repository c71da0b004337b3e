import { randomUUID } from 'node:crypto';
import { type Identity } from '@nexara/kit';
import { PROVIDERS, type Provider } from '@nexara/providers/display';
import { buildWebhook, signedHeaders, type BuiltWebhook } from '@nexara/simulator';
import { PROCESS_WEBHOOK_EVENT_TASK, type WebhookWorker } from '@nexara/integrations';
import {
  aUser,
  errorCodes,
  eventInStatus,
  eventually,
  queuedJobs,
  startWebhookPipeline,
  storedEvents,
  type PipelineConnection,
  type WebhookPipeline,
} from '../support/webhook-pipeline';

type OrderView = {
  id: string;
  externalId: string;
  status: string;
  provider: string;
  timeline: { status: string; source: string; actor: string | null }[];
};

const ORDER = `query($id: ID!) { order(id: $id) { id externalId status provider timeline { status source actor } } }`;
const ORDERS_BY_EXTERNAL = `query($search: String!) { orders(first: 10, filter: { search: $search }) { edges { node { id externalId } } } }`;
const EVENT = `query($id: ID!) {
  webhookEvent(id: $id) {
    id provider status attempts replayCount lastError idempotencyKey processingMs processedAt firstAttemptAt lastAttemptAt
    nextAttemptAt headers payload connection { id provider } orders { id }
  }
}`;
const REPLAY = `mutation($id: ID!) { replayWebhookEvent(id: $id) { id status attempts replayCount } }`;
const REPLAY_DEAD = `mutation($connectionId: ID!) { replayDeadWebhookEvents(connectionId: $connectionId) }`;

/**
 * The worker in this process against a real orders subgraph, with real
 * provider payloads: from a stored delivery to an order, and every way
 * that can go wrong on the way.
 */
describe('webhook worker (real PostgreSQL, real orders subgraph)', () => {
  let pipeline: WebhookPipeline;
  let worker: WebhookWorker | null = null;
  const tenantId = randomUUID();
  const staff: Identity = aUser(tenantId, 'STAFF');
  const manager: Identity = aUser(tenantId, 'MANAGER');
  const connections = {} as Record<Provider, PipelineConnection>;
  let seed = 5_000;

  /**
   * Waits until no queued job would process the stored delivery `eventId`
   * (again): graphile-worker removes a finished job just after the task's own
   * commit. With none left, what is stored for it is final.
   */
  async function noProcessJobLeft(eventId: string): Promise<void> {
    await eventually(
      async () => {
        const jobs = await queuedJobs(pipeline.db, PROCESS_WEBHOOK_EVENT_TASK);
        return jobs.some((job) => job.payload['eventId'] === eventId) ? undefined : true;
      },
      20_000,
      `no job left for delivery ${eventId}`,
    );
  }

  beforeAll(async () => {
    pipeline = await startWebhookPipeline();
    for (const provider of PROVIDERS) connections[provider] = await pipeline.connect(tenantId, provider);
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  const newOrder = (provider: Provider): Promise<BuiltWebhook> =>
    buildWebhook(connections[provider], 'new_order', { seed: (seed += 1), fulfilment: 'delivery' });

  const accepted = async (connection: PipelineConnection, built: BuiltWebhook): Promise<string> => {
    const result = await pipeline.receive(connection, built);
    expect(result.verdict).toBe('ACCEPTED');
    return result.eventId!;
  };

  const order = async (id: string): Promise<OrderView | null> => {
    const response = await pipeline.orders<{ order: OrderView | null }>(ORDER, { id }, staff);
    return response.data?.order ?? null;
  };

  const ordersWithExternalId = async (externalId: string): Promise<string[]> => {
    const response = await pipeline.orders<{ orders: { edges: { node: { id: string; externalId: string } }[] } }>(
      ORDERS_BY_EXTERNAL,
      { search: externalId },
      staff,
    );
    return (response.data?.orders.edges ?? [])
      .map((edge) => edge.node)
      .filter((node) => node.externalId === externalId)
      .map((n) => n.id);
  };

  const restartWorker = async (overrides: Parameters<WebhookPipeline['startWorker']>[0] = {}): Promise<void> => {
    await worker?.stop();
    worker = await pipeline.startWorker({ WEBHOOK_MAX_ATTEMPTS: '40', ...overrides });
  };

  it('acknowledges deliveries while no worker runs, and processes each once a worker starts', async () => {
    const sent = await Promise.all(
      PROVIDERS.map(async (provider) => {
        const built = await newOrder(provider);
        return { provider, built, eventId: await accepted(connections[provider], built) };
      }),
    );
    for (const { eventId } of sent) {
      expect(
        (await pipeline.db.queryAsAdmin(`select status from integrations.webhook_events where id = $1`, [eventId]))[0],
      ).toEqual({
        status: 'QUEUED',
      });
    }

    await restartWorker();

    for (const { provider, built, eventId } of sent) {
      const event = await eventInStatus(pipeline.db, eventId, 'PROCESSED');
      expect(event.attempts).toBe(1);
      expect(event.processing_ms).toEqual(expect.any(Number));
      expect(event.order_ids).toHaveLength(1);
      const created = await order(event.order_ids[0]!);
      expect(created).toMatchObject({ externalId: built.externalId, provider, status: 'RECEIVED' });
      // Besides the provider's fact, only entries about callbacks (Deliveroo's sync_status) may appear.
      expect(created!.timeline.filter((entry) => entry.actor !== 'provider-callback')).toEqual([
        expect.objectContaining({ status: 'RECEIVED', source: 'PROVIDER' }),
      ]);

      const view = await pipeline.graphql<{ webhookEvent: Record<string, unknown> }>(EVENT, { id: eventId }, staff);
      expect(view.errors).toEqual([]);
      expect(view.data!.webhookEvent).toMatchObject({
        id: eventId,
        provider,
        status: 'PROCESSED',
        attempts: 1,
        replayCount: 0,
        lastError: null,
        nextAttemptAt: null,
        payload: built.body,
        connection: { id: connections[provider].id, provider },
        orders: [{ id: created!.id }],
      });
    }
  });

  it.each(PROVIDERS)('makes one order of the same %s delivery sent again, and 10 times at once', async (provider) => {
    const built = await newOrder(provider);
    const first = await pipeline.receive(connections[provider], built);
    const again = await pipeline.receive(connections[provider], built);
    const burst = await Promise.all(Array.from({ length: 10 }, () => pipeline.receive(connections[provider], built)));

    expect(first.verdict).toBe('ACCEPTED');
    expect(
      [again, ...burst].every((result) => result.verdict === 'DUPLICATE' && result.eventId === first.eventId),
    ).toBe(true);
    await eventInStatus(pipeline.db, first.eventId!, 'PROCESSED');
    await noProcessJobLeft(first.eventId!);
    const ids = await ordersWithExternalId(built.externalId);
    expect(ids).toHaveLength(1);
    // Deliveroo adds a SYSTEM entry once its sync_status callback is delivered; the provider's facts appear once.
    expect((await order(ids[0]!))!.timeline.filter((entry) => entry.source === 'PROVIDER')).toHaveLength(1);
  });

  it('marks a correctly signed payload of the wrong shape FAILED at once, with the reason, and never retries it', async () => {
    const connection = connections.JAHEZ;
    const body = JSON.stringify({ jahez_id: 'not-a-number', products: 'none' });
    const requestId = randomUUID();
    const eventId = await accepted(connection, {
      ...(await newOrder('JAHEZ')),
      body,
      headers: {
        'content-type': 'application/json',
        ...(await signedHeaders({
          provider: 'JAHEZ',
          secret: connection.secret,
          body,
          now: new Date(),
          idempotencyKey: requestId,
        })),
      },
    });

    const event = await eventInStatus(pipeline.db, eventId, 'FAILED');
    expect(event.attempts).toBe(1);
    expect(event.last_error).toMatch(/^body\.\w+ /);
    await noProcessJobLeft(eventId);
    const [after] = await storedEvents(pipeline.db, connection.id).then((rows) =>
      rows.filter((row) => row.id === eventId),
    );
    expect(after).toMatchObject({ status: 'FAILED', attempts: 1 });

    // A replay runs it again from the stored bytes: still the same payload, so FAILED again, attempts kept.
    const replay = await pipeline.graphql<{ replayWebhookEvent: { status: string; replayCount: number } }>(
      REPLAY,
      { id: eventId },
      manager,
    );
    expect(replay.errors).toEqual([]);
    expect(replay.data!.replayWebhookEvent).toMatchObject({ status: 'QUEUED', replayCount: 1 });
    await eventually(async () => {
      const [row] = (await storedEvents(pipeline.db, connection.id)).filter((r) => r.id === eventId);
      return row?.status === 'FAILED' && row.attempts === 2 ? row : undefined;
    });
  });

  it('tells Deliveroo a new order it could not take (sync_status failed) and keeps the outcome on the event', async () => {
    const connection = connections.DELIVEROO;
    const externalId = `DR-BROKEN-${randomUUID().slice(0, 8)}`;
    // Signed correctly, but its items are not a list: the order can never be built.
    const body = JSON.stringify({
      event: 'order.new',
      body: { order: { id: externalId, location_id: connection.externalStoreId, items: 'none' } },
    });
    const sequenceGuid = randomUUID();
    const eventId = await accepted(connection, {
      ...(await newOrder('DELIVEROO')),
      body,
      headers: {
        'content-type': 'application/json',
        ...(await signedHeaders({
          provider: 'DELIVEROO',
          secret: connection.secret,
          body,
          now: new Date(),
          idempotencyKey: sequenceGuid,
        })),
      },
    });

    await eventInStatus(pipeline.db, eventId, 'FAILED');
    const call = await eventually(async () =>
      pipeline.providerApi
        .recorded('DELIVEROO')
        .find((c) => c.path === `/deliveroo/order/v1/orders/${externalId}/sync_status`),
    );
    expect(call.method).toBe('POST');
    expect(call.body).toMatchObject({ status: 'failed' });
    const view = await eventually(async () => {
      const response = await pipeline.graphql<{ webhookEvent: { providerNotice: string | null; orders: unknown[] } }>(
        `query($id: ID!) { webhookEvent(id: $id) { providerNotice orders { id } } }`,
        { id: eventId },
        staff,
      );
      return response.data?.webhookEvent.providerNotice === 'DELIVERED' ? response.data.webhookEvent : undefined;
    });
    expect(view.orders).toEqual([]);
    // Other providers have no such call: a failed Jahez order leaves no notice and calls nothing.
    expect(pipeline.providerApi.recorded('JAHEZ').filter((c) => c.path.includes('failed'))).toEqual([]);
  });

  it('retries a status update that arrives before its order until the order exists', async () => {
    const connection = connections.CAREEM;
    const placed = await newOrder('CAREEM');
    const update = await buildWebhook(connection, 'status_update', {
      seed: (seed += 1),
      order: placed.order,
      status: 'accepted',
    });
    const updateId = await accepted(connection, update);

    const retried = await eventually(
      async () => {
        const [row] = (await storedEvents(pipeline.db, connection.id)).filter((r) => r.id === updateId);
        return row && row.attempts >= 2 && row.last_error?.includes('NOT_FOUND') ? row : undefined;
      },
      20_000,
      'the status update to be retried',
    );
    expect(['QUEUED', 'PROCESSING']).toContain(retried.status);

    const placedId = await accepted(connection, placed);
    const processedUpdate = await eventInStatus(pipeline.db, updateId, 'PROCESSED');
    const processedOrder = await eventInStatus(pipeline.db, placedId, 'PROCESSED');
    expect(processedUpdate.order_ids).toEqual(processedOrder.order_ids);
    expect(await order(processedOrder.order_ids[0]!)).toMatchObject({ status: 'ACCEPTED' });
  });

  it("applies Talabat's status calls, which name the order only by the id we answered", async () => {
    const connection = connections.TALABAT;
    const placed = await newOrder('TALABAT');
    const answer = await pipeline.receive(connection, placed);
    const remoteOrderId = (JSON.parse(answer.responseBody) as { remoteResponse: { remoteOrderId: string } })
      .remoteResponse.remoteOrderId;
    const pickedUp = await buildWebhook(connection, 'status_update', {
      seed: (seed += 1),
      order: placed.order,
      remoteOrderId,
      status: 'ORDER_PICKED_UP',
    });
    const updateId = await accepted(connection, pickedUp);

    const processed = await eventInStatus(pipeline.db, updateId, 'PROCESSED');
    expect(processed.order_ids).toEqual([remoteOrderId]);
    expect(await order(remoteOrderId)).toMatchObject({ externalId: placed.externalId, status: 'PICKED_UP' });
  });

  it('accepts new orders of an auto-accepting connection', async () => {
    const auto = await pipeline.connect(tenantId, 'CAREEM', { autoAccept: true });
    const built = await buildWebhook(auto, 'new_order', { seed: (seed += 1) });
    const eventId = await accepted(auto, built);

    const event = await eventInStatus(pipeline.db, eventId, 'PROCESSED');
    const accepted_ = await order(event.order_ids[0]!);
    expect(accepted_).toMatchObject({ status: 'ACCEPTED' });
    expect(
      accepted_!.timeline
        .filter((entry) => entry.actor !== 'provider-callback')
        .map((entry) => [entry.status, entry.source, entry.actor]),
    ).toEqual([
      ['RECEIVED', 'PROVIDER', 'CAREEM'],
      ['ACCEPTED', 'SYSTEM', 'auto-accept'],
    ]);
    // ... and Careem is told, as if staff had accepted.
    const told = await eventually(async () =>
      pipeline.providerApi
        .recorded('CAREEM')
        .find((call) => call.path === `/careem/orders/${encodeURIComponent(built.externalId)}`),
    );
    expect(told).toMatchObject({ method: 'PUT', body: { state: 'accepted' }, answeredStatus: 200 });
  });

  describe('while the orders subgraph is down', () => {
    beforeAll(async () => {
      await restartWorker({ WEBHOOK_MAX_ATTEMPTS: '3' });
      await pipeline.stopOrders();
    });

    afterAll(async () => {
      await pipeline.startOrders();
      await restartWorker();
    });

    it('retries with backoff, then marks the event DEAD; a replay once orders is back processes it', async () => {
      const connection = connections.DELIVEROO;
      const built = await newOrder('DELIVEROO');
      const eventId = await accepted(connection, built);

      const dead = await eventInStatus(pipeline.db, eventId, 'DEAD');
      expect(dead.attempts).toBe(3);
      expect(dead.last_error).toMatch(/orders unreachable.*gave up after 3 attempts/);

      await pipeline.startOrders();
      try {
        const staffReplay = await pipeline.graphql(REPLAY, { id: eventId }, staff);
        expect(errorCodes(staffReplay)).toEqual(['FORBIDDEN']);

        const replay = await pipeline.graphql<{
          replayWebhookEvent: { status: string; attempts: number; replayCount: number };
        }>(REPLAY, { id: eventId }, manager);
        expect(replay.errors).toEqual([]);
        expect(replay.data!.replayWebhookEvent).toEqual({ id: eventId, status: 'QUEUED', attempts: 3, replayCount: 1 });

        const processed = await eventInStatus(pipeline.db, eventId, 'PROCESSED');
        expect(processed.attempts).toBe(4);
        expect(await order(processed.order_ids[0]!)).toMatchObject({
          externalId: built.externalId,
          status: 'RECEIVED',
        });

        const again = await pipeline.graphql(REPLAY, { id: eventId }, manager);
        expect(errorCodes(again)).toEqual(['BAD_USER_INPUT']);
        const audit = await pipeline.db.queryAsAdmin<{ action: string; actor: string }>(
          `select action, actor from integrations.audit_log where subject_id = $1`,
          [eventId],
        );
        expect(audit).toEqual([
          { action: 'WEBHOOK_EVENT_REPLAYED', actor: `user:${(manager as { userId: string }).userId}` },
        ]);
      } finally {
        await pipeline.stopOrders();
      }
    });

    it('puts every dead event of a connection back in the queue at once', async () => {
      const connection = connections.TALABAT;
      const ids = [
        await accepted(connection, await newOrder('TALABAT')),
        await accepted(connection, await newOrder('TALABAT')),
      ];
      for (const id of ids) await eventInStatus(pipeline.db, id, 'DEAD');

      await pipeline.startOrders();
      const replayed = await pipeline.graphql<{ replayDeadWebhookEvents: number }>(
        REPLAY_DEAD,
        { connectionId: connection.id },
        manager,
      );
      expect(replayed.errors).toEqual([]);
      expect(replayed.data!.replayDeadWebhookEvents).toBeGreaterThanOrEqual(2);
      for (const id of ids) {
        const processed = await eventInStatus(pipeline.db, id, 'PROCESSED');
        expect(processed.order_ids).toHaveLength(1);
      }
      const none = await pipeline.graphql<{ replayDeadWebhookEvents: number }>(
        REPLAY_DEAD,
        { connectionId: connection.id },
        manager,
      );
      expect(none.data!.replayDeadWebhookEvents).toBe(0);
      await pipeline.stopOrders();
    });
  });
});
