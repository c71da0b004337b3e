import Fastify from 'fastify';
import { SIMULATED_PROVIDERS, providerSlug, type SimulatedConnection, type SimulatedProvider } from './connections';
import { createRandom } from '@nexara/providers/testing';
import { buildWebhook, checkAnswer, followUpReference, sendWebhook, type BuiltWebhook } from './send';

/** The fields of the wire events these tests read (the providers' own pages define them). */
type DeliverooEvent = {
  event: string;
  body: { order: { id: string; status: string; status_log: { status: string }[] } };
};
type CareemEvent = { event_type: string; details: { id: number; status: string } };

const NOW = new Date('2026-03-01T18:30:00.000Z');

function connection(
  provider: SimulatedProvider,
  webhookUrl = `http://localhost:4000/webhooks/${providerSlug(provider)}/k1`,
): SimulatedConnection {
  return { provider, webhookUrl, secret: 'secret', externalStoreId: 'remote 42', currency: 'BHD' };
}

describe('buildWebhook routes', () => {
  it.each(SIMULATED_PROVIDERS)(
    '%s sends every kind of delivery under the connection URL, as JSON',
    async (provider) => {
      const base = `http://localhost:4000/webhooks/${providerSlug(provider)}/k1`;
      const order = await buildWebhook(connection(provider), 'new_order', { seed: 1, now: NOW });
      const followUps = await Promise.all(
        (['status_update', 'cancellation'] as const).map((kind) =>
          buildWebhook(connection(provider), kind, { seed: 2, now: NOW, order: order.order, remoteOrderId: 'nx-9f1' }),
        ),
      );
      for (const built of [order, ...followUps]) {
        expect(built.url === base || built.url.startsWith(`${base}/`)).toBe(true);
        expect(built.headers['content-type']).toBe('application/json');
        expect(() => JSON.parse(built.body) as unknown).not.toThrow();
        expect(built.externalId).toBe(order.externalId);
      }
      expect(order.idempotencyKey).not.toBeNull();
    },
  );

  it.each([
    ['DELIVEROO', 'new_order', 'POST', 'http://localhost:4000/webhooks/deliveroo/k1'],
    ['CAREEM', 'new_order', 'POST', 'http://localhost:4000/webhooks/careem/k1'],
    ['JAHEZ', 'new_order', 'POST', 'http://localhost:4000/webhooks/jahez/k1'],
    ['TALABAT', 'new_order', 'POST', 'http://localhost:4000/webhooks/talabat/k1/order/remote%2042'],
  ] as const)('%s %s is %s %s', async (provider, kind, method, url) => {
    const built = await buildWebhook(connection(provider), kind, { seed: 1, now: NOW });
    expect([built.method, built.url]).toEqual([method, url]);
    expect(built.headers['content-type']).toBe('application/json');
  });

  it('Talabat status calls go to the posOrderStatus sub-path with the id the platform answered', async () => {
    const order = await buildWebhook(connection('TALABAT'), 'new_order', { seed: 1, now: NOW });
    const update = await buildWebhook(connection('TALABAT'), 'status_update', {
      seed: 2,
      now: NOW,
      order: order.order,
      remoteOrderId: 'nx-9f1',
    });
    expect(update.method).toBe('PUT');
    expect(update.url).toBe(
      'http://localhost:4000/webhooks/talabat/k1/remoteId/remote%2042/remoteOrder/nx-9f1/posOrderStatus',
    );
    expect(JSON.parse(update.body)).toEqual({ status: 'ORDER_PICKED_UP', message: 'Rider picked up the order' });
    expect(update.externalId).toBe(order.externalId);
    const cancel = await buildWebhook(connection('TALABAT'), 'cancellation', {
      seed: 2,
      now: NOW,
      order: order.order,
      remoteOrderId: 'nx-9f1',
      reason: 'Restaurant closed',
    });
    expect(JSON.parse(cancel.body)).toEqual({ status: 'ORDER_CANCELLED', message: 'Restaurant closed' });
    await expect(buildWebhook(connection('TALABAT'), 'status_update', { seed: 2 })).rejects.toThrow(/remoteOrderId/);
  });

  it('Jahez updates go to /order-update and name the integer order id', async () => {
    const order = await buildWebhook(connection('JAHEZ'), 'new_order', { seed: 1, now: NOW });
    const update = await buildWebhook(connection('JAHEZ'), 'status_update', {
      seed: 2,
      order: order.order,
      status: 'O',
    });
    expect(update.url).toBe('http://localhost:4000/webhooks/jahez/k1/order-update');
    expect(JSON.parse(update.body)).toEqual({ jahezOrderId: Number(order.externalId), status: 'O' });
    const cancel = await buildWebhook(connection('JAHEZ'), 'cancellation', { seed: 3, externalId: '7701' });
    expect(JSON.parse(cancel.body)).toEqual({
      jahezOrderId: 7701,
      status: 'C',
      reason: 'Customer cancelled the order',
    });
    expect(update.idempotencyKey).not.toBe(order.idempotencyKey);
  });

  it('Deliveroo status updates carry the whole order with the status appended to its log', async () => {
    const order = await buildWebhook(connection('DELIVEROO'), 'new_order', { seed: 1, now: NOW });
    const later = new Date(NOW.getTime() + 60_000);
    const accepted = await buildWebhook(connection('DELIVEROO'), 'status_update', {
      seed: 2,
      now: later,
      order: order.order,
    });
    const event = JSON.parse(accepted.body) as DeliverooEvent;
    expect(event.event).toBe('order.status_update');
    expect(event.body.order.id).toBe(order.externalId);
    expect(event.body.order.status).toBe('accepted');
    expect(event.body.order.status_log.map((entry) => entry.status)).toEqual(['placed', 'accepted']);
    const canceled = await buildWebhook(connection('DELIVEROO'), 'cancellation', { seed: 3, order: accepted.order });
    expect((JSON.parse(canceled.body) as DeliverooEvent).body.order.status_log.map((entry) => entry.status)).toEqual([
      'placed',
      'accepted',
      'canceled',
    ]);
  });

  it('Careem status updates are ORDER_STATUS_UPDATED events with a fresh event_id', async () => {
    const order = await buildWebhook(connection('CAREEM'), 'new_order', { seed: 1, now: NOW });
    const update = await buildWebhook(connection('CAREEM'), 'status_update', {
      seed: 2,
      now: NOW,
      order: order.order,
      status: 'trip_started',
    });
    const event = JSON.parse(update.body) as CareemEvent;
    expect(event.event_type).toBe('ORDER_STATUS_UPDATED');
    expect(event.details.id).toBe(Number(order.externalId));
    expect(event.details.status).toBe('trip_started');
    expect(update.idempotencyKey).not.toBe(order.idempotencyKey);
  });

  it('rejects statuses the provider does not have and follow-ups of another provider', async () => {
    await expect(
      buildWebhook(connection('CAREEM'), 'status_update', { seed: 1, status: 'ORDER_PICKED_UP' }),
    ).rejects.toThrow(/not a CAREEM status/);
    const jahez = await buildWebhook(connection('JAHEZ'), 'new_order', { seed: 1 });
    await expect(buildWebhook(connection('CAREEM'), 'status_update', { seed: 1, order: jahez.order })).rejects.toThrow(
      /JAHEZ order/,
    );
  });
});

describe('checkAnswer', () => {
  const built = async (provider: SimulatedProvider): Promise<BuiltWebhook> =>
    buildWebhook(connection(provider), 'new_order', { seed: 5 });

  it.each([
    ['DELIVEROO', 200, '{"eventId":"e1","duplicate":false}', null],
    ['DELIVEROO', 202, '{"eventId":"e1","duplicate":false}', /Deliveroo expects 200/],
    ['TALABAT', 200, '{"remoteResponse":{"remoteOrderId":"nx-1"}}', null],
    ['TALABAT', 202, '{"eventId":"e1","duplicate":false}', /remoteResponse/],
    ['TALABAT', 409, '{}', /only understands/],
    ['TALABAT', 503, '{}', /only understands/],
    ['TALABAT', 401, '{}', null],
    ['CAREEM', 202, '{"eventId":"e1","duplicate":false}', null],
    ['CAREEM', 200, '{"eventId":"e1","duplicate":true}', null],
    ['CAREEM', 200, '{"eventId":"e1","duplicate":false}', /202/],
    ['JAHEZ', 202, '{"eventId":"e1","duplicate":false}', null],
    ['JAHEZ', 201, 'ok', /202/],
    ['JAHEZ', 503, '{}', null],
  ] as const)('%s answered %i %s', async (provider, status, body, expected) => {
    const problem = checkAnswer(await built(provider), { status, body, elapsedMs: 1 });
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it('reads the Talabat remoteOrderId only from a well-formed answer', () => {
    expect(followUpReference('TALABAT', '{"remoteResponse":{"remoteOrderId":"abc"}}')).toBe('abc');
    expect(followUpReference('TALABAT', '{"remoteResponse":{"remoteOrderId":""}}')).toBeNull();
    expect(followUpReference('TALABAT', '{"remoteOrderId":"abc"}')).toBeNull();
    expect(followUpReference('TALABAT', 'not json')).toBeNull();
    expect(followUpReference('CAREEM', '{"remoteResponse":{"remoteOrderId":"abc"}}')).toBeNull();
  });
});

describe('sendWebhook', () => {
  it('sends the signed bytes untouched and returns the answer', async () => {
    const app = Fastify();
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    const received: { method: string; url: string; body: unknown; signature: unknown }[] = [];
    app.all('/*', async (request, reply) => {
      received.push({
        method: request.method,
        url: request.url,
        body: request.body,
        signature: request.headers['x-careem-signature'],
      });
      return reply.code(202).send({ eventId: 'e1', duplicate: false });
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const built = await buildWebhook(
        connection('CAREEM', `http://127.0.0.1:${port}/webhooks/careem/k1`),
        'new_order',
        { seed: 9 },
      );
      const result = await sendWebhook(built);
      expect(result.status).toBe(202);
      expect(JSON.parse(result.body)).toEqual({ eventId: 'e1', duplicate: false });
      expect(received).toEqual([
        {
          method: 'POST',
          url: '/webhooks/careem/k1',
          body: built.body,
          signature: built.headers['x-careem-signature'],
        },
      ]);
    } finally {
      await app.close();
    }
  });

  it('reports no answer as status 0 instead of throwing', async () => {
    const app = Fastify();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await app.close();
    const built = await buildWebhook(connection('JAHEZ', `http://127.0.0.1:${port}/webhooks/jahez/k1`), 'new_order', {
      random: createRandom(1),
    });
    const result = await sendWebhook(built, { timeoutMs: 2000 });
    expect(result.status).toBe(0);
    expect(result.error).toMatch(/fetch failed|ECONNREFUSED/);
  });
});
