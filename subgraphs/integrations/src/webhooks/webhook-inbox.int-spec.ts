import { answerStatusFor } from '@nexara/contracts';
import { randomUUID } from 'node:crypto';
import { orderIdFor } from '@nexara/kit';
import { PROVIDERS, type Provider } from '@nexara/providers/display';
import { buildWebhook, SIGNING_FAULTS, type BuiltWebhook } from '@nexara/simulator';
import { errorCodes } from '../testing/graphql-client';
import { aUser, tenantAdmin } from '../testing/identities';
import { queuedJobs } from '../testing/job-queue';
import {
  storedEvents,
  startWebhookPipeline,
  type PipelineConnection,
  type WebhookPipeline,
} from '../testing/webhook-pipeline';
import { PROCESS_WEBHOOK_EVENT_TASK } from './webhook-jobs';

/**
 * The durable inbox behind the shim, over real HTTP as the shim calls it,
 * with real provider payloads signed by the simulator. No worker runs here:
 * what is checked is what gets stored and queued, and what is answered.
 */
describe('webhook inbox: receiveWebhook (real PostgreSQL)', () => {
  let pipeline: WebhookPipeline;
  const tenantId = randomUUID();
  const connections = {} as Record<Provider, PipelineConnection>;
  let seed = 1_000;

  beforeAll(async () => {
    pipeline = await startWebhookPipeline();
    for (const provider of PROVIDERS) connections[provider] = await pipeline.connect(tenantId, provider);
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  const newOrder = (provider: Provider, options: Parameters<typeof buildWebhook>[2] = {}): Promise<BuiltWebhook> =>
    buildWebhook(connections[provider], 'new_order', { seed: (seed += 1), ...options });

  const jobsFor = async (eventId: string) =>
    (await queuedJobs(pipeline.db, PROCESS_WEBHOOK_EVENT_TASK)).filter((job) => job.payload['eventId'] === eventId);

  const securityCount = async (connectionId: string, code: string): Promise<number> => {
    const [row] = await pipeline.db.queryAsAdmin<{ total: string }>(
      `select coalesce(sum(count), 0) as total from integrations.security_event_counts where connection_id = $1 and code = $2`,
      [connectionId, code],
    );
    return Number(row?.total ?? 0);
  };

  /** The brands on Delivery Hero's POS plugin API answer an order with our id for it (packages/providers/src/common/delivery-hero/delivery-hero.md). */
  const deliveryHero = (provider: Provider) => provider === 'TALABAT' || provider === 'HUNGERSTATION';

  describe.each(PROVIDERS)('%s', (provider) => {
    it('stores a valid delivery as received, queues it once, and answers per the provider contract', async () => {
      const connection = connections[provider];
      const built = await newOrder(provider);

      const result = await pipeline.receive(connection, built);

      expect(result).toMatchObject({ verdict: 'ACCEPTED', errorCode: null, eventId: expect.any(String) });
      const eventId = result.eventId!;
      const body = JSON.parse(result.responseBody) as Record<string, unknown>;
      if (deliveryHero(provider)) {
        expect(result.httpStatus).toBe(200);
        expect(body).toEqual({ remoteResponse: { remoteOrderId: orderIdFor(connection.id, built.externalId) } });
      } else {
        expect(result.httpStatus).toBe(provider === 'DELIVEROO' ? 200 : 202);
        expect(body).toEqual({ eventId, duplicate: false });
      }

      const [event] = (await storedEvents(pipeline.db, connection.id)).filter((row) => row.id === eventId);
      expect(event).toMatchObject({
        status: 'QUEUED',
        attempts: 0,
        idempotency_key: built.idempotencyKey,
        order_ids: [],
      });
      expect(event!.body.equals(Buffer.from(built.body, 'utf8'))).toBe(true);
      expect(event!.headers['content-type']).toBe('application/json');
      const storedHeaders = JSON.stringify(event!.headers);
      expect(storedHeaders).not.toContain(connection.secret);
      for (const [name, value] of Object.entries(built.headers)) {
        if (/authorization|signature|hmac/i.test(name)) {
          expect(storedHeaders).not.toContain(value.replace(/^Bearer\s+/i, ''));
          expect(event!.headers[name.toLowerCase()]).toMatch(/\[redacted sha256:[0-9a-f]{12}\]$/);
        }
      }

      expect(await jobsFor(eventId)).toEqual([
        expect.objectContaining({ key: `webhook:${eventId}`, maxAttempts: 25, payload: { tenantId, eventId } }),
      ]);
    });

    it('answers the same delivery again as a duplicate and queues nothing more', async () => {
      const connection = connections[provider];
      const built = await newOrder(provider);
      const first = await pipeline.receive(connection, built);
      const second = await pipeline.receive(connection, built);

      expect(second).toMatchObject({ verdict: 'DUPLICATE', eventId: first.eventId, errorCode: null });
      if (provider === 'CAREEM' || provider === 'JAHEZ') {
        expect(second.httpStatus).toBe(200);
        expect(JSON.parse(second.responseBody)).toEqual({ eventId: first.eventId, duplicate: true });
      } else {
        expect(second.httpStatus).toBe(200);
        expect(second.responseBody).toBe(
          deliveryHero(provider) ? first.responseBody : JSON.stringify({ eventId: first.eventId, duplicate: true }),
        );
      }
      const rows = (await storedEvents(pipeline.db, connection.id)).filter(
        (row) => row.idempotency_key === built.idempotencyKey,
      );
      expect(rows).toHaveLength(1);
      expect(await jobsFor(first.eventId!)).toHaveLength(1);
    });

    it('stores 10 identical deliveries arriving at once as one event with one job', async () => {
      const connection = connections[provider];
      const built = await newOrder(provider);

      const results = await Promise.all(Array.from({ length: 10 }, () => pipeline.receive(connection, built)));

      expect(results.filter((result) => result.verdict === 'ACCEPTED')).toHaveLength(1);
      expect(results.filter((result) => result.verdict === 'DUPLICATE')).toHaveLength(9);
      const eventIds = new Set(results.map((result) => result.eventId));
      expect(eventIds.size).toBe(1);
      const rows = (await storedEvents(pipeline.db, connection.id)).filter(
        (row) => row.idempotency_key === built.idempotencyKey,
      );
      expect(rows).toHaveLength(1);
      expect(await jobsFor(results[0]!.eventId!)).toHaveLength(1);
    });

    it('refuses a bad signature or token with 401, counts it as a security event, and stores nothing', async () => {
      const connection = connections[provider];
      const before = (await storedEvents(pipeline.db, connection.id)).length;
      const built = await newOrder(provider, { fault: 'bad_signature' });

      const result = await pipeline.receive(connection, built);

      expect(result).toMatchObject({
        verdict: 'REJECTED',
        httpStatus: 401,
        eventId: null,
        errorCode: expect.any(String),
      });
      expect(JSON.parse(result.responseBody)).toEqual({
        error: { code: result.errorCode, message: expect.any(String) },
      });
      expect(result.responseBody).not.toContain(connection.secret);
      expect((await storedEvents(pipeline.db, connection.id)).length).toBe(before);
      expect(await securityCount(connection.id, result.errorCode!)).toBeGreaterThanOrEqual(1);
      const audit = await pipeline.db.queryAsAdmin<{ action: string; detail: Record<string, unknown> }>(
        `select action, detail from integrations.audit_log where subject_id = $1 and kind = 'SECURITY_EVENT'`,
        [connection.id],
      );
      expect(audit.map((entry) => entry.action)).toContain(`WEBHOOK_REJECTED:${result.errorCode}`);
      expect(JSON.stringify(audit)).not.toContain(connection.secret);
    });

    it.each(SIGNING_FAULTS[provider].filter((fault) => fault !== 'bad_signature'))(
      'refuses the fault %s and stores nothing',
      async (fault) => {
        const connection = connections[provider];
        const before = (await storedEvents(pipeline.db, connection.id)).length;
        const result = await pipeline.receive(connection, await newOrder(provider, { fault }));

        expect(result.verdict).toBe('REJECTED');
        expect([400, 401]).toContain(result.httpStatus);
        expect((await storedEvents(pipeline.db, connection.id)).length).toBe(before);
      },
    );

    it("answers 409 (or the provider's own status for it) while the connection is paused, and accepts again once resumed", async () => {
      const connection = connections[provider];
      const built = await newOrder(provider);
      // The directory holds this connection from the deliveries above: the pause must reach it at once
      // (this process hears of its own changes directly; other processes by NOTIFY, see connection-directory).
      await pipeline.integrations.server.services.connections.pauseConnection(tenantAdmin(tenantId), connection.id);
      try {
        const paused = await pipeline.receive(connection, built);
        expect(paused).toMatchObject({ verdict: 'REJECTED', errorCode: 'CONNECTION_PAUSED' });
        expect(paused.httpStatus).toBe(answerStatusFor(provider, 409));
        expect(await securityCount(connection.id, 'CONNECTION_PAUSED')).toBeGreaterThanOrEqual(1);
      } finally {
        await pipeline.integrations.server.services.connections.resumeConnection(tenantAdmin(tenantId), connection.id);
      }
      expect((await pipeline.receive(connection, built)).verdict).toBe('ACCEPTED');
    });

    it('refuses deliveries to an archived connection as to a paused one, and accepts again once unarchived', async () => {
      const connection = connections[provider];
      const built = await newOrder(provider);
      const service = pipeline.integrations.server.services.connections;
      await service.setArchived(tenantAdmin(tenantId), connection.id, true);
      try {
        const archived = await pipeline.receive(connection, built);
        expect(archived).toMatchObject({ verdict: 'REJECTED', errorCode: 'CONNECTION_ARCHIVED', eventId: null });
        // The same answer as a paused connection's: 409, or the provider's own mapping of it.
        expect(archived.httpStatus).toBe(answerStatusFor(provider, 409));
        expect(await securityCount(connection.id, 'CONNECTION_ARCHIVED')).toBeGreaterThanOrEqual(1);
      } finally {
        await service.setArchived(tenantAdmin(tenantId), connection.id, false);
      }
      expect((await pipeline.receive(connection, built)).verdict).toBe('ACCEPTED');
    });

    it("answers 404 (or the provider's own status for it) for an unknown connection key", async () => {
      const connection = connections[provider];
      const built = await newOrder(provider);
      const result = await pipeline.receive({ ...connection, connectionKey: 'k'.repeat(43) }, built);

      expect(result).toMatchObject({ verdict: 'REJECTED', errorCode: 'UNKNOWN_CONNECTION', eventId: null });
      expect(result.httpStatus).toBe(answerStatusFor(provider, 404));
    });
  });

  it("answers 404 for another provider's connection key, as if it did not exist", async () => {
    const built = await newOrder('CAREEM');
    const result = await pipeline.receive(
      { ...connections.CAREEM, connectionKey: connections.JAHEZ.connectionKey },
      built,
    );

    expect(result).toMatchObject({ verdict: 'REJECTED', httpStatus: 404, errorCode: 'UNKNOWN_CONNECTION' });
  });

  it('refuses a Talabat path its middleware never calls with 400 (not 404)', async () => {
    const built = await newOrder('TALABAT');
    const result = await pipeline.receive(connections.TALABAT, {
      ...built,
      url: `${connections.TALABAT.webhookUrl}/menu/import`,
    });

    expect(result).toMatchObject({ verdict: 'REJECTED', httpStatus: 400, errorCode: 'UNKNOWN_ROUTE' });
  });

  // Found by fuzzing (e2e/webhook-fuzz.e2e-spec.ts): both were errors, which the shim answers 503 (Talabat: 500), so the provider retried forever.
  it.each([
    ['a NUL (the path could not be stored)', '%00'],
    ['over 2,000 characters', 'k'.repeat(2_001)],
  ])(
    'refuses a correctly signed Talabat order on a path holding %s, stores nothing and counts it',
    async (_case, remoteId) => {
      const connection = connections.TALABAT;
      const built = await newOrder('TALABAT');
      const before = await storedEvents(pipeline.db, connection.id);
      const refusals = await securityCount(connection.id, 'UNKNOWN_ROUTE');

      const result = await pipeline.receive(connection, {
        ...built,
        url: `${connection.webhookUrl}/order/${remoteId}`,
      });

      expect(result).toMatchObject({ verdict: 'REJECTED', httpStatus: 400, errorCode: 'UNKNOWN_ROUTE', eventId: null });
      expect(await storedEvents(pipeline.db, connection.id)).toHaveLength(before.length);
      if (remoteId === '%00') expect(await securityCount(connection.id, 'UNKNOWN_ROUTE')).toBe(refusals + 1);
    },
  );

  it('is internal: users, partners and anonymous callers cannot call it', async () => {
    const input = {
      provider: 'CAREEM',
      connectionKey: connections.CAREEM.connectionKey,
      method: 'POST',
      subPath: '',
      headers: {},
      bodyBase64: Buffer.from('{}').toString('base64'),
      receivedAt: new Date().toISOString(),
    };
    const mutation = `mutation($input: ReceiveWebhookInput!) { receiveWebhook(input: $input) { verdict } }`;

    expect(errorCodes(await pipeline.graphql(mutation, { input }, aUser(tenantId, 'TENANT_ADMIN')))).toEqual([
      'FORBIDDEN',
    ]);
    const anonymous = await pipeline.graphql(mutation, { input }, null);
    expect(anonymous.status).toBe(401);
  });

  it('refuses a body that is not base64 as a bad request from the shim', async () => {
    const response = await pipeline.graphql(
      `mutation($input: ReceiveWebhookInput!) { receiveWebhook(input: $input) { verdict } }`,
      {
        input: {
          provider: 'CAREEM',
          connectionKey: connections.CAREEM.connectionKey,
          method: 'POST',
          subPath: '',
          headers: {},
          bodyBase64: 'not base64!',
          receivedAt: new Date().toISOString(),
        },
      },
      { kind: 'service', service: 'webhook-shim', tenantId: null },
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it("keeps tenants apart: another tenant's identical delivery is its own event", async () => {
    const otherTenant = randomUUID();
    const other = await pipeline.connect(otherTenant, 'JAHEZ');
    const built = await newOrder('JAHEZ');
    const mine = await pipeline.receive(connections.JAHEZ, built);
    const theirs = await pipeline.receive(other, {
      ...built,
      headers: { ...built.headers, authorization: `Bearer ${other.secret}` },
    });

    expect(mine.verdict).toBe('ACCEPTED');
    expect(theirs.verdict).toBe('ACCEPTED');
    expect(theirs.eventId).not.toBe(mine.eventId);
  });
});
