import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Identity } from '@nexara/kit';
import type { Provider } from '@nexara/providers/display';
import { createTestDatabase, testSecrets, type TestDatabase } from '@nexara/test-support';
import { jwtVerify } from 'jose';
import { aConnectProviderInput } from '../testing/connection-factory';
import { errorCodes } from '../testing/graphql-client';
import { aPartner, aUser, tenantAdmin } from '../testing/identities';
import { startIntegrations, TEST_PUBLIC_URL, type RunningIntegrations } from '../testing/integrations-test-server';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../testing/webhook-receiver';

const SEND = /* GraphQL */ `
  mutation Send($connectionId: ID!, $kind: TestWebhookKind!) {
    sendTestWebhook(connectionId: $connectionId, kind: $kind) {
      httpStatus
      responseBody
      delivered
      idempotencyKey
      externalId
      error
    }
  }
`;

type TestWebhookResult = {
  httpStatus: number | null;
  responseBody: string | null;
  delivered: boolean;
  idempotencyKey: string | null;
  externalId: string;
  error: string | null;
};

/*
 * Verification written here from docs/providers/, sharing nothing with the
 * simulator that signs or the adapters that verify: if either drifts, this disagrees.
 */
const hmacHex = (secret: string, message: string): string =>
  createHmac('sha256', secret).update(message, 'utf8').digest('hex');

function sameText(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

async function verifiesWith(provider: Provider, secret: string, request: ReceivedWebhook): Promise<boolean> {
  const { headers, body } = request;
  switch (provider) {
    case 'DELIVEROO':
      return sameText(
        headers['x-deliveroo-hmac-sha256'],
        hmacHex(secret, `${headers['x-deliveroo-sequence-guid']} ${body}`),
      );
    case 'CAREEM': {
      const timestamp = headers['x-careem-timestamp'] ?? '';
      const fresh = Math.abs(Number(timestamp) - Date.now() / 1000) <= 300;
      return fresh && sameText(headers['x-careem-signature'], hmacHex(secret, `${timestamp}.${body}`));
    }
    // HungerStation is a second brand of Delivery Hero's POS plugin API: Talabat's wire format.
    case 'HUNGERSTATION':
    case 'TALABAT': {
      const token = /^Bearer (.+)$/.exec(headers['authorization'] ?? '')?.[1];
      if (!token) return false;
      try {
        const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(secret), {
          algorithms: ['HS512'],
        });
        return protectedHeader.alg === 'HS512' && payload['service'] === 'middleware';
      } catch {
        return false;
      }
    }
    case 'JAHEZ':
      return sameText(headers['authorization'], `Bearer ${secret}`) && Boolean(headers['x-request-id']);
  }
}

/** The delivery's idempotency key as it travels on the wire (Talabat new orders: the order token). */
function wireIdempotencyKey(provider: Provider, request: ReceivedWebhook): string | undefined {
  switch (provider) {
    case 'DELIVEROO':
      return request.headers['x-deliveroo-sequence-guid'];
    case 'CAREEM':
      return (JSON.parse(request.body) as { event_id?: string }).event_id;
    case 'HUNGERSTATION':
    case 'TALABAT':
      return (JSON.parse(request.body) as { token?: string }).token;
    case 'JAHEZ':
      return request.headers['x-request-id'];
  }
}

/** The connection's store id as a new order body carries it. */
function storeOf(provider: Provider, body: string): unknown {
  const parsed = JSON.parse(body) as Record<string, Record<string, unknown>>;
  switch (provider) {
    case 'DELIVEROO':
      return (parsed['body']!['order'] as { location_id?: unknown }).location_id;
    case 'CAREEM':
      return (parsed['details']!['branch'] as { id?: unknown }).id;
    case 'HUNGERSTATION':
    case 'TALABAT':
      return parsed['platformRestaurant']!['id'];
    case 'JAHEZ':
      return parsed['branch_id'];
  }
}

const PROVIDER_CURRENCIES: [Provider, string][] = [
  ['DELIVEROO', 'AED'],
  ['CAREEM', 'SAR'],
  ['TALABAT', 'KWD'],
  ['JAHEZ', 'SAR'],
];

describe('sendTestWebhook through a stand-in for the gateway shim (real PostgreSQL)', () => {
  let db: TestDatabase;
  let receiver: WebhookReceiver;
  let integrations: RunningIntegrations;
  const tenant = randomUUID();
  const admin = tenantAdmin(tenant);
  const manager = aUser(tenant, 'MANAGER');

  beforeAll(async () => {
    db = await createTestDatabase();
    receiver = await startWebhookReceiver();
    integrations = await startIntegrations({
      databaseUrl: db.serviceUrls.integrations,
      internalTokenSecret: testSecrets.internalTokenSecret,
      encryptionKeys: testSecrets.secretsEncryptionKey,
      env: { WEBHOOK_TARGET_URL: receiver.url },
    });
  });

  afterAll(async () => {
    await integrations?.server.close();
    await receiver?.close();
    await db?.drop();
  });

  beforeEach(() => {
    receiver.received.length = 0;
    receiver.failWith = null;
  });

  async function connect(provider: Provider, currency: string) {
    const { connection, secret } = await integrations.server.services.connections.connectProvider(
      admin,
      aConnectProviderInput({ provider, currency }),
    );
    const key = connection.webhookUrl.split('/').pop()!;
    return { connection, secret, key, base: `/webhooks/${provider.toLowerCase()}/${key}` };
  }

  async function send(connectionId: string, kind: string, identity: Identity = manager): Promise<TestWebhookResult> {
    const response = await integrations.graphql<{ sendTestWebhook: TestWebhookResult }>(
      SEND,
      { connectionId, kind },
      identity,
    );
    expect(response.errors).toEqual([]);
    return response.data!.sendTestWebhook;
  }

  describe.each(PROVIDER_CURRENCIES)('%s', (provider, currency) => {
    it("sends a new order to the shim URL, signed with the connection's secret, for its store and currency", async () => {
      const { connection, secret, key, base } = await connect(provider, currency);
      expect(connection.webhookUrl.startsWith(`${TEST_PUBLIC_URL}/webhooks/`)).toBe(true);

      const result = await send(connection.id, 'NEW_ORDER');

      expect(result).toMatchObject({ delivered: true, error: null });
      expect(result.httpStatus).toBe(provider === 'CAREEM' || provider === 'JAHEZ' ? 202 : 200);
      expect(receiver.received).toHaveLength(1);
      const request = receiver.received[0]!;
      expect(request.method).toBe('POST');
      expect(request.path.startsWith(base)).toBe(true);
      expect(request.path.split('/')[3]).toBe(key);
      if (provider === 'TALABAT')
        expect(request.path).toBe(`${base}/order/${encodeURIComponent(connection.externalStoreId)}`);
      else expect(request.path).toBe(base);
      expect(request.headers['content-type']).toMatch(/^application\/json/);

      expect(await verifiesWith(provider, secret, request)).toBe(true);
      expect(await verifiesWith(provider, `${secret}x`, request)).toBe(false);
      expect(storeOf(provider, request.body)).toBe(connection.externalStoreId);
      // Where the wire shows the currency: Deliveroo names it; Talabat writes amounts with its exponent (KWD: 3).
      if (provider === 'DELIVEROO') {
        expect(JSON.parse(request.body)).toMatchObject({
          body: { order: { total_price: { currency_code: currency } } },
        });
      }
      if (provider === 'TALABAT') {
        expect((JSON.parse(request.body) as { price: { grandTotal: string } }).price.grandTotal).toMatch(
          /^\d+\.\d{3}$/,
        );
      }
      expect(result.idempotencyKey).toBe(wireIdempotencyKey(provider, request));
      expect(result.responseBody).not.toBeNull();
    });

    it('sends a status update and then a cancellation of the same sample order, sending that order first when there is none', async () => {
      const { connection, secret, base } = await connect(provider, currency);

      const update = await send(connection.id, 'STATUS_UPDATE');
      expect(update.delivered).toBe(true);
      expect(receiver.received).toHaveLength(2);
      const [newOrder, statusUpdate] = receiver.received;
      expect(newOrder!.method).toBe('POST');
      for (const request of [newOrder!, statusUpdate!]) {
        expect(request.path.startsWith(base)).toBe(true);
        expect(await verifiesWith(provider, secret, request)).toBe(true);
      }

      const cancellation = await send(connection.id, 'CANCELLATION');
      expect(cancellation.delivered).toBe(true);
      expect(receiver.received).toHaveLength(3);
      const cancel = receiver.received[2]!;
      expect(await verifiesWith(provider, secret, cancel)).toBe(true);
      // Both follow-ups name the order the sample new order created.
      expect(update.externalId).toBe(cancellation.externalId);

      const store = encodeURIComponent(connection.externalStoreId);
      switch (provider) {
        case 'HUNGERSTATION':
        case 'TALABAT': {
          const remoteOrderId = receiver.talabatOrderIds.at(-1)!;
          const path = `${base}/remoteId/${store}/remoteOrder/${remoteOrderId}/posOrderStatus`;
          expect([statusUpdate!.method, statusUpdate!.path]).toEqual(['PUT', path]);
          expect([cancel.method, cancel.path]).toEqual(['PUT', path]);
          expect(JSON.parse(statusUpdate!.body)).toMatchObject({ status: 'ORDER_PICKED_UP' });
          expect(JSON.parse(cancel.body)).toMatchObject({ status: 'ORDER_CANCELLED' });
          expect(update.externalId).toBe((JSON.parse(newOrder!.body) as { token: string }).token);
          break;
        }
        case 'DELIVEROO': {
          const orderId = (JSON.parse(newOrder!.body) as { body: { order: { id: string } } }).body.order.id;
          expect(JSON.parse(statusUpdate!.body)).toMatchObject({
            event: 'order.status_update',
            body: { order: { id: orderId, status: 'accepted' } },
          });
          expect(JSON.parse(cancel.body)).toMatchObject({ body: { order: { id: orderId, status: 'canceled' } } });
          expect(update.externalId).toBe(orderId);
          break;
        }
        case 'CAREEM': {
          const orderId = (JSON.parse(newOrder!.body) as { details: { id: number } }).details.id;
          expect(JSON.parse(statusUpdate!.body)).toMatchObject({
            event_type: 'ORDER_STATUS_UPDATED',
            details: { id: orderId, status: 'accepted' },
          });
          expect(JSON.parse(cancel.body)).toMatchObject({ details: { id: orderId, status: 'cancelled' } });
          expect(update.externalId).toBe(String(orderId));
          break;
        }
        case 'JAHEZ': {
          const orderId = (JSON.parse(newOrder!.body) as { jahez_id: number }).jahez_id;
          expect(statusUpdate!.path).toBe(`${base}/order-update`);
          expect(JSON.parse(statusUpdate!.body)).toMatchObject({ jahezOrderId: orderId, status: 'A' });
          expect(JSON.parse(cancel.body)).toMatchObject({ jahezOrderId: orderId, status: 'C' });
          expect(update.externalId).toBe(String(orderId));
          break;
        }
      }
    });

    it('signs with the new secret after a rotation, not the old one', async () => {
      const { connection, secret: old } = await connect(provider, currency);
      const { secret: rotated } = await integrations.server.services.connections.rotateConnectionSecret(
        admin,
        connection.id,
      );

      expect((await send(connection.id, 'NEW_ORDER', admin)).delivered).toBe(true);

      const request = receiver.received[0]!;
      expect(await verifiesWith(provider, rotated, request)).toBe(true);
      expect(await verifiesWith(provider, old, request)).toBe(false);
    });
  });

  it('moves a sample order one status further with each status update', async () => {
    const { connection } = await connect('CAREEM', 'AED');
    await send(connection.id, 'NEW_ORDER');

    for (let i = 0; i < 3; i += 1) await send(connection.id, 'STATUS_UPDATE');

    const statuses = receiver.received
      .slice(1)
      .map((request) => (JSON.parse(request.body) as { details: { status: string } }).details.status);
    expect(statuses).toEqual(['accepted', 'ready', 'driver_coming']);
  });

  it("reports the shim's refusal as not delivered, with its status and answer", async () => {
    const { connection } = await connect('DELIVEROO', 'SAR');
    receiver.failWith = 503;

    const result = await send(connection.id, 'NEW_ORDER');

    expect(result).toMatchObject({ delivered: false, httpStatus: 503, error: null });
    expect(result.responseBody).toContain('unavailable');
  });

  it('says so when the sample order a follow-up needs is refused, and sends no follow-up', async () => {
    const { connection } = await connect('TALABAT', 'AED');
    receiver.failWith = 409;

    const result = await send(connection.id, 'CANCELLATION');

    expect(result).toMatchObject({ delivered: false, httpStatus: 409 });
    expect(result.error).toMatch(/sample new order .* was not accepted/);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.method).toBe('POST');
  });

  it('reports an unreachable shim as not delivered with no status', async () => {
    const unreachable = await startIntegrations({
      databaseUrl: db.serviceUrls.integrations,
      internalTokenSecret: testSecrets.internalTokenSecret,
      encryptionKeys: testSecrets.secretsEncryptionKey,
      env: { WEBHOOK_TARGET_URL: 'http://127.0.0.1:9' },
    });
    try {
      const { connection } = await connect('JAHEZ', 'SAR');
      const response = await unreachable.graphql<{ sendTestWebhook: TestWebhookResult }>(
        SEND,
        { connectionId: connection.id, kind: 'NEW_ORDER' },
        manager,
      );

      expect(response.errors).toEqual([]);
      expect(response.data!.sendTestWebhook).toMatchObject({ delivered: false, httpStatus: null, responseBody: null });
      expect(response.data!.sendTestWebhook.error).toBeTruthy();
    } finally {
      await unreachable.server.close();
    }
  });

  it('records each test webhook in the audit log without the secret', async () => {
    const { connection, secret } = await connect('TALABAT', 'KWD');
    const result = await send(connection.id, 'NEW_ORDER');

    const rows = await db.queryAsAdmin<{ actor: string; action: string; detail: Record<string, unknown>; row: string }>(
      `select actor, action, detail, a::text as row from integrations.audit_log a where subject_id = $1 order by at`,
      [connection.id],
    );
    expect(rows.map((row) => row.action)).toEqual(['PROVIDER_CONNECTED', 'TEST_WEBHOOK_SENT']);
    expect(rows[1]).toMatchObject({
      actor: manager.kind === 'user' ? `user:${manager.userId}` : '',
      detail: {
        kind: 'NEW_ORDER',
        provider: 'TALABAT',
        delivered: true,
        httpStatus: 200,
        idempotencyKey: result.idempotencyKey,
        externalId: result.externalId,
        sampleNewOrderSentFirst: false,
      },
    });
    for (const row of rows) expect(row.row).not.toContain(secret);
  });

  it.each<[string, string, Identity]>([
    ['a staff member', 'FORBIDDEN', aUser(tenant, 'STAFF')],
    ['a partner API key', 'FORBIDDEN', aPartner(tenant)],
    ['an anonymous caller', 'UNAUTHENTICATED', { kind: 'anonymous' }],
  ])('refuses %s (%s) and sends nothing', async (_who, code, identity) => {
    const { connection } = await connect('DELIVEROO', 'SAR');

    const response = await integrations.graphql(SEND, { connectionId: connection.id, kind: 'NEW_ORDER' }, identity);

    expect(errorCodes(response)).toEqual([code]);
    expect(receiver.received).toEqual([]);
  });

  it("answers NOT_FOUND for another tenant's connection and sends nothing", async () => {
    const other = randomUUID();
    const { connection } = await integrations.server.services.connections.connectProvider(
      tenantAdmin(other),
      aConnectProviderInput({ provider: 'JAHEZ' }),
    );

    for (const connectionId of [connection.id, randomUUID(), 'nope']) {
      const response = await integrations.graphql(SEND, { connectionId, kind: 'NEW_ORDER' }, admin);
      expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    }
    expect(receiver.received).toEqual([]);
  });
});
