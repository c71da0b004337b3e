import { createHmac, randomUUID } from 'node:crypto';
import { type Identity } from '@nexara/kit';
import { PROVIDERS, type Provider } from '@nexara/providers/display';
import { buildWebhook, type RecordedCallback } from '@nexara/simulator';
import { jwtVerify } from 'jose';
import {
  aUser,
  eventInStatus,
  eventually,
  startWebhookPipeline,
  type PipelineConnection,
  type WebhookPipeline,
} from '../support/webhook-pipeline';

type CallbackView = {
  action: string;
  outcome: string;
  attempt: number;
  httpStatus: number | null;
  detail: string | null;
};
type OrderView = {
  id: string;
  externalId: string;
  status: string;
  callbacks: CallbackView[];
  timeline: { actor: string | null; note: string | null }[];
};

const ORDER = `query($id: ID!) {
  order(id: $id) { id externalId status callbacks { action outcome attempt httpStatus detail } timeline { actor note } }
}`;
const ACCEPT = `mutation($id: ID!, $prep: Int) { acceptOrder(id: $id, prepMinutes: $prep) { id status } }`;
const MARK_PREPARING = `mutation($id: ID!) { markPreparing(id: $id) { id status } }`;

const hmacHex = (secret: string, message: string): string =>
  createHmac('sha256', secret).update(message, 'utf8').digest('hex');

/**
 * Staff decide in orders; the orders subgraph queues a provider_callback job;
 * the worker makes the provider's call (the simulator's provider API here)
 * and reports each outcome back on the order.
 */
describe('provider callbacks (real PostgreSQL, real orders, simulated provider APIs)', () => {
  let pipeline: WebhookPipeline;
  const tenantId = randomUUID();
  const staff: Identity = aUser(tenantId, 'STAFF');
  const connections = {} as Record<Provider, PipelineConnection>;
  let seed = 9_000;

  beforeAll(async () => {
    pipeline = await startWebhookPipeline();
    for (const provider of PROVIDERS) connections[provider] = await pipeline.connect(tenantId, provider);
    await pipeline.startWorker({ CALLBACK_MAX_ATTEMPTS: '3', RETRY_BASE_MS: '20', RETRY_MAX_MS: '80' });
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  /** A new order through the inbox and the worker; answers its id and the provider's id. */
  const placeOrder = async (provider: Provider): Promise<{ id: string; externalId: string }> => {
    const built = await buildWebhook(connections[provider], 'new_order', { seed: (seed += 1) });
    const received = await pipeline.receive(connections[provider], built);
    expect(received.verdict).toBe('ACCEPTED');
    const event = await eventInStatus(pipeline.db, received.eventId!, 'PROCESSED');
    return { id: event.order_ids[0]!, externalId: built.externalId };
  };

  const orderView = async (id: string): Promise<OrderView> => {
    const response = await pipeline.orders<{ order: OrderView }>(ORDER, { id }, staff);
    if (!response.data?.order) throw new Error(JSON.stringify(response.errors));
    return response.data.order;
  };

  const callbacksUntil = (id: string, done: (callbacks: CallbackView[]) => boolean): Promise<CallbackView[]> =>
    eventually(
      async () => {
        const { callbacks } = await orderView(id);
        return done(callbacks) ? callbacks : undefined;
      },
      20_000,
      `callbacks of order ${id}`,
    );

  const callsTo = (provider: Provider, externalId: string): RecordedCallback[] =>
    pipeline.providerApi
      .recorded(provider)
      .filter(
        (call) => call.path.includes(encodeURIComponent(externalId)) || JSON.stringify(call.body).includes(externalId),
      );

  it('tells Deliveroo that each new order reached the restaurant (sync_status), signed', async () => {
    const { id, externalId } = await placeOrder('DELIVEROO');

    const callbacks = await callbacksUntil(id, (list) =>
      list.some((c) => c.action === 'RECEIVED' && c.outcome === 'DELIVERED'),
    );
    expect(callbacks).toEqual([
      { action: 'RECEIVED', outcome: 'DELIVERED', attempt: 1, httpStatus: 200, detail: null },
    ]);
    const [call] = callsTo('DELIVEROO', externalId);
    expect(call).toMatchObject({ route: 'deliveroo.sync_status', method: 'POST', body: { status: 'succeeded' } });
    const guid = String(call!.headers['x-deliveroo-sequence-guid']);
    expect(call!.headers['x-deliveroo-hmac-sha256']).toBe(
      hmacHex(connections.DELIVEROO.secret, `${guid} ${call!.rawBody}`),
    );
  });

  it('tells Talabat about an acceptance with an HS512 token signed by the connection secret', async () => {
    const { id, externalId } = await placeOrder('TALABAT');
    const accepted = await pipeline.orders(ACCEPT, { id, prep: 15 }, staff);
    expect(accepted.errors).toEqual([]);

    const callbacks = await callbacksUntil(id, (list) =>
      list.some((c) => c.action === 'ACCEPTED' && c.outcome === 'DELIVERED'),
    );
    expect(callbacks).toEqual([
      { action: 'ACCEPTED', outcome: 'DELIVERED', attempt: 1, httpStatus: 200, detail: null },
    ]);
    const [call] = callsTo('TALABAT', externalId);
    expect(call).toMatchObject({
      route: 'talabat.update_order_status',
      method: 'POST',
      params: { chainCode: connections.TALABAT.externalStoreId, token: externalId },
      body: { status: 'order_accepted', acceptanceTime: expect.any(String) },
    });
    const token = String(call!.headers['authorization']).replace(/^Bearer /, '');
    const { protectedHeader } = await jwtVerify(token, new TextEncoder().encode(connections.TALABAT.secret), {
      algorithms: ['HS512'],
    });
    expect(protectedHeader.alg).toBe('HS512');
    await expect(jwtVerify(token, new TextEncoder().encode('another-secret-entirely-000000'))).rejects.toThrow();
  });

  it('tells Careem, signed over timestamp and body, with its brand and branch headers', async () => {
    const { id, externalId } = await placeOrder('CAREEM');
    expect((await pipeline.orders(ACCEPT, { id }, staff)).errors).toEqual([]);

    await callbacksUntil(id, (list) => list.some((c) => c.action === 'ACCEPTED' && c.outcome === 'DELIVERED'));
    const [call] = callsTo('CAREEM', externalId);
    expect(call).toMatchObject({ route: 'careem.update_order', method: 'PUT', body: { state: 'accepted' } });
    expect(call!.headers['branch-id']).toBe(connections.CAREEM.externalStoreId);
    expect(call!.headers['brand-id']).toBe(tenantId);
    const timestamp = String(call!.headers['x-careem-timestamp']);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(call!.headers['x-careem-signature']).toBe(
      hmacHex(connections.CAREEM.secret, `${timestamp}.${call!.rawBody}`),
    );
  });

  it('tells Jahez with the connection token, and records that it has no call for PREPARING', async () => {
    const { id, externalId } = await placeOrder('JAHEZ');
    expect((await pipeline.orders(ACCEPT, { id }, staff)).errors).toEqual([]);
    await callbacksUntil(id, (list) => list.some((c) => c.action === 'ACCEPTED' && c.outcome === 'DELIVERED'));
    expect((await pipeline.orders(MARK_PREPARING, { id }, staff)).errors).toEqual([]);

    const callbacks = await callbacksUntil(id, (list) => list.some((c) => c.action === 'PREPARING'));
    expect(callbacks).toEqual([
      { action: 'ACCEPTED', outcome: 'DELIVERED', attempt: 1, httpStatus: 200, detail: null },
      { action: 'PREPARING', outcome: 'NOT_SUPPORTED', attempt: 0, httpStatus: null, detail: null },
    ]);
    const calls = callsTo('JAHEZ', externalId);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      route: 'jahez.status_update',
      body: { jahezOrderId: Number(externalId), status: 'A' },
    });
    expect(calls[0]!.headers['authorization']).toBe(`Bearer ${connections.JAHEZ.secret}`);
  });

  it('retries a callback the provider answers 500, recording each try, until it is delivered', async () => {
    const { id, externalId } = await placeOrder('CAREEM');
    pipeline.providerApi.failNext('CAREEM', 2, 500);
    expect((await pipeline.orders(ACCEPT, { id }, staff)).errors).toEqual([]);

    const callbacks = await callbacksUntil(id, (list) => list.some((c) => c.outcome === 'DELIVERED'));
    expect(
      callbacks.map(({ action, outcome, attempt, httpStatus }) => ({ action, outcome, attempt, httpStatus })),
    ).toEqual([
      { action: 'ACCEPTED', outcome: 'RETRYING', attempt: 1, httpStatus: 500 },
      { action: 'ACCEPTED', outcome: 'RETRYING', attempt: 2, httpStatus: 500 },
      { action: 'ACCEPTED', outcome: 'DELIVERED', attempt: 3, httpStatus: 200 },
    ]);
    expect(callbacks[0]!.detail).toContain('HTTP 500');
    expect(callsTo('CAREEM', externalId).map((call) => call.answeredStatus)).toEqual([500, 500, 200]);
    const notes = (await orderView(id)).timeline
      .filter((entry) => entry.actor === 'provider-callback')
      .map((entry) => entry.note);
    expect(notes).toEqual(['Provider told: ACCEPTED (HTTP 200)']);
  });

  it('gives up after the last attempt and records the callback FAILED', async () => {
    const { id, externalId } = await placeOrder('JAHEZ');
    pipeline.providerApi.failNext('JAHEZ', 10, 503);
    expect((await pipeline.orders(ACCEPT, { id }, staff)).errors).toEqual([]);

    const callbacks = await callbacksUntil(id, (list) => list.some((c) => c.outcome === 'FAILED'));
    expect(callbacks.map(({ outcome, attempt, httpStatus }) => [outcome, attempt, httpStatus])).toEqual([
      ['RETRYING', 1, 503],
      ['RETRYING', 2, 503],
      ['FAILED', 3, 503],
    ]);
    expect(callsTo('JAHEZ', externalId)).toHaveLength(3);
  });
});
