import { createLogger } from '@nexara/kit';
import Fastify, { type FastifyInstance } from 'fastify';
import { InboxUnavailableError, type ReceiveWebhookAnswer, type ReceiveWebhookInput } from './receive-webhook-client';
import { createAddressRateLimit, createWebhookRateLimit, unknownKeyCache } from './webhook-rate-limit';
import { answerFrameworkError, registerWebhookRoutes, WEBHOOK_BODY_LIMIT } from './webhook-routes';

/**
 * The shim's transport rules, with the inbox replaced by a recorder: what
 * reaches the inbox, and what is answered without it. The real inbox is
 * exercised end to end in e2e/webhooks.e2e-spec.ts.
 */
describe('webhook shim routes', () => {
  let app: FastifyInstance;
  let received: ReceiveWebhookInput[];
  let inbox: (input: ReceiveWebhookInput) => Promise<ReceiveWebhookAnswer>;
  let base: string;

  beforeEach(async () => {
    received = [];
    inbox = async () => ({
      verdict: 'ACCEPTED',
      httpStatus: 202,
      responseBody: '{"eventId":"e1","duplicate":false}',
      eventId: 'e1',
      errorCode: null,
    });
    app = Fastify({ frameworkErrors: answerFrameworkError });
    await registerWebhookRoutes(app, {
      receive: async (input) => {
        received.push(input);
        return inbox(input);
      },
      rateLimit: createWebhookRateLimit({ perSecond: 3, burst: 5 }),
      addressLimit: createAddressRateLimit({ perSecond: 20, burst: 30 }),
      unknownKeys: unknownKeyCache({ ttlMs: 60_000 }),
      logger: createLogger('test', 'silent'),
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterEach(async () => {
    await app.close();
  });

  // Real HTTP on loopback (fastify's inject would bypass the socket and its limits).
  const post = async (
    url: string,
    payload: string,
    headers: Record<string, string> = { 'content-type': 'application/json' },
    method: 'POST' | 'PUT' = 'POST',
  ) => {
    const response = await fetch(`${base}${url}`, { method, body: payload, headers });
    const text = await response.text();
    return { statusCode: response.status, headers: Object.fromEntries(response.headers), json: () => JSON.parse(text) };
  };

  it('passes the exact bytes, headers, method and sub-path to the inbox and answers with its answer', async () => {
    const body = '{ "event_id" : "x",\n "amount": 12.50 }';
    const response = await post(
      '/webhooks/talabat/key123/remoteId/R1/remoteOrder/O1/posOrderStatus',
      body,
      {
        'content-type': 'application/json; charset=utf-8',
        authorization: 'Bearer abc',
      },
      'PUT',
    );
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ eventId: 'e1', duplicate: false });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      provider: 'TALABAT',
      connectionKey: 'key123',
      method: 'PUT',
      subPath: 'remoteId/R1/remoteOrder/O1/posOrderStatus',
    });
    expect(Buffer.from(received[0]!.bodyBase64, 'base64').toString('utf8')).toBe(body);
    expect(received[0]!.headers['authorization']).toBe('Bearer abc');
  });

  it.each([
    ['an unknown provider', () => post('/webhooks/ubereats/key', '{}'), 404, 'UNKNOWN_PROVIDER'],
    ['malformed JSON', () => post('/webhooks/careem/key', '{"a":'), 400, 'MALFORMED_JSON'],
    ['an empty body', () => post('/webhooks/careem/key', ''), 400, 'MALFORMED_JSON'],
    [
      'a non-JSON content type',
      () => post('/webhooks/careem/key', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a body over 1 MiB',
      () => post('/webhooks/jahez/key', `{"x":"${'a'.repeat(WEBHOOK_BODY_LIMIT)}"}`),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
  ])('answers %s itself, without touching the inbox', async (_case, send, status, code) => {
    const response = await send();
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual({ error: { code, message: expect.any(String) } });
    expect(received).toHaveLength(0);
  });

  it('accepts a body of exactly 1 MiB', async () => {
    const padding = WEBHOOK_BODY_LIMIT - '{"x":""}'.length;
    const response = await post('/webhooks/jahez/key', `{"x":"${'a'.repeat(padding)}"}`);
    expect(response.statusCode).toBe(202);
  });

  it('limits each connection to its burst, answers 429 with Retry-After, and leaves other connections alone', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await post('/webhooks/careem/busy', '{}')).statusCode);
    expect(statuses.filter((s) => s === 202)).toHaveLength(5);
    const limited = await post('/webhooks/careem/busy', '{}');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await post('/webhooks/careem/quiet', '{}')).statusCode).toBe(202);
  });

  it("spends a connection's limit only on deliveries that authenticated: forged ones never make the provider wait", async () => {
    inbox = async () => ({
      verdict: 'REJECTED',
      httpStatus: 401,
      responseBody: '{"error":{"code":"BAD_SIGNATURE","message":"no"}}',
      eventId: null,
      errorCode: 'BAD_SIGNATURE',
    });
    for (let i = 0; i < 12; i += 1) expect((await post('/webhooks/careem/known', '{}')).statusCode).toBe(401);
    inbox = async () => ({
      verdict: 'ACCEPTED',
      httpStatus: 202,
      responseBody: '{}',
      eventId: 'e2',
      errorCode: null,
    });
    expect((await post('/webhooks/careem/known', '{}')).statusCode).toBe(202);
  });

  it('answers a key the inbox called unknown from memory, without reading it again', async () => {
    inbox = async () => ({
      verdict: 'REJECTED',
      httpStatus: 404,
      responseBody:
        '{"error":{"code":"UNKNOWN_CONNECTION","message":"No connection with that key for this provider."}}',
      eventId: null,
      errorCode: 'UNKNOWN_CONNECTION',
    });
    for (let i = 0; i < 3; i += 1) {
      const response = await post('/webhooks/jahez/nothing', '{}');
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('UNKNOWN_CONNECTION');
    }
    expect(received).toHaveLength(1);
  });

  it('limits each source address before the body is read or parsed, whatever connection it names', async () => {
    // Malformed bodies: answered 400 by the parser until the address is over its limit, then 429 before parsing.
    const statuses: number[] = [];
    for (let i = 0; i < 300 && !statuses.includes(429); i += 1) {
      statuses.push((await post(`/webhooks/careem/key-${i}`, '{"a":')).statusCode);
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 400 && s !== 429)).toEqual([]);
    expect(received).toHaveLength(0);
  });

  it('answers 503 and acknowledges nothing when the inbox cannot commit', async () => {
    inbox = async () => {
      throw new InboxUnavailableError('database down');
    };
    const response = await post('/webhooks/deliveroo/key', '{}');
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe('STORE_UNAVAILABLE');
  });

  it.each([
    ['inbox unavailable', 500, 'STORE_UNAVAILABLE'],
    ['too large', 400, 'PAYLOAD_TOO_LARGE'],
  ])("maps the shim's own answers onto Talabat's status codes (%s)", async (which, status, code) => {
    if (which === 'inbox unavailable') {
      inbox = async () => {
        throw new InboxUnavailableError('down');
      };
    }
    const body = which === 'too large' ? `{"x":"${'a'.repeat(WEBHOOK_BODY_LIMIT)}"}` : '{}';
    const response = await post('/webhooks/talabat/key/order/R1', body);
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
  });

  // Found by fuzzing (e2e/webhook-fuzz.e2e-spec.ts): these got fastify's own bodies, not {"error": {"code", "message"}}.
  it.each([
    ['another method', 'GET', '/webhooks/careem/key', 404, 'UNKNOWN_ROUTE'],
    ['a path without a connection key', 'POST', '/webhooks/careem', 404, 'UNKNOWN_ROUTE'],
    [
      'another method, for Talabat in a code its middleware knows',
      'DELETE',
      '/webhooks/talabat/key/order/R1',
      400,
      'UNKNOWN_ROUTE',
    ],
    ['a URL that is not percent-encoded UTF-8', 'POST', '/webhooks/careem/%ED%A0%80', 400, 'MALFORMED_URL'],
    ['a malformed URL, for Talabat', 'PUT', '/webhooks/talabat/key/order/%ZZ', 400, 'MALFORMED_URL'],
  ])('answers %s with the documented error body', async (_case, method, url, status, code) => {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'GET' ? null : '{}',
    });
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } });
    expect(received).toHaveLength(0);
  });

  it('leaves malformed URLs outside /webhooks to fastify', async () => {
    const response = await fetch(`${base}/graphql/%ED%A0%80`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'FST_ERR_BAD_URL' });
  });
});
