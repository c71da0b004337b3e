import { buildWebhook, providerSlug, signedHeaders } from '@nexara/simulator';
import { fuzzParameters } from '@nexara/simulator/testing';
import { eventually } from '@nexara/test-support';
import fc from 'fast-check';
import { startTestPlatform, type TestPlatform } from './support/platform';
import {
  answerProblems,
  BODY_LIMIT,
  deliveryPlan,
  deliveryRequest,
  fuzzConnections,
  garbagePlan,
  garbageRequest,
  headerBytes,
  PROVIDER_SEGMENTS,
  secretsOf,
  send,
  storedEventCount,
  type FuzzAnswer,
  type FuzzConnection,
  type FuzzRequest,
} from './support/webhook-fuzz';

/**
 * Property-based tests of the webhook shim on the real platform (gateway,
 * integrations inbox, worker, orders, PostgreSQL): fuzzed provider
 * deliveries and transport garbage. Every answer is a documented status with
 * the JSON error body of docs/providers/README.md and no secret; nothing is stored unless the answer
 * is 2xx, and exactly once then; the gateway stays ready; every stored
 * delivery settles, and one that cannot be read ends FAILED with a reason.
 * `FUZZ_RUNS=1000` fuzzes longer; a failure prints its seed and path (replay
 * with FUZZ_SEED and FUZZ_PATH) and the shrunk plan.
 */
const FUZZ = fuzzParameters(80);
// Room for FUZZ_RUNS in the thousands (the default runs take a few seconds).
jest.setTimeout(Math.max(60_000, FUZZ.numRuns * 250));
const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;.*)?$/i;

let platform: TestPlatform;
let connections: FuzzConnection[];
let secrets: string[];

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 0, worker: true, providerApi: true });
  connections = fuzzConnections(platform);
  secrets = secretsOf(connections);
});

afterAll(async () => {
  await platform?.stop();
});

async function expectReady(): Promise<void> {
  const response = await fetch(`${platform.urls.gateway}/readyz`);
  expect(response.status).toBe(200);
}

/** Sends one request; checks its answer, and that the inbox gained a row only for a 2xx (and then exactly one). */
async function sendAndCheck(request: FuzzRequest, provider: string | null): Promise<FuzzAnswer> {
  const before = await storedEventCount(platform);
  const answer = await send(request);
  const added = (await storedEventCount(platform)) - before;
  expect(answerProblems(answer, provider, secrets)).toEqual([]);
  if (answer.status >= 300) {
    expect(added).toBe(0);
    return answer;
  }
  const receipt = JSON.parse(answer.text) as { eventId?: string; duplicate?: boolean };
  if (receipt.duplicate === true) expect(added).toBe(0);
  else if (receipt.duplicate === false) expect(added).toBe(1);
  // A provider that names orders by our answer hears its remoteOrderId, not a receipt: new or a duplicate.
  else expect([0, 1]).toContain(added);
  if (receipt.eventId) {
    const rows = await platform.database.queryAsAdmin('select 1 from integrations.webhook_events where id = $1', [
      receipt.eventId,
    ]);
    expect(rows).toHaveLength(1);
  }
  return answer;
}

describe('webhook shim under fuzzing', () => {
  it('answers fuzzed provider deliveries with a documented status and stores only what it acknowledges', async () => {
    await fc.assert(
      fc.asyncProperty(deliveryPlan(connections.length), async (plan) => {
        const { request, built, authentic } = await deliveryRequest(plan, connections);
        fc.pre(headerBytes(request.headers) < 12_000);
        const answer = await sendAndCheck(request, providerSlug(built.provider));

        // Never taken into another connection, nor a connection that does not exist.
        if (plan.target === 'unknown-key' || plan.target === 'other-provider')
          expect(answer.status).toBeGreaterThanOrEqual(400);
        const transportOk = JSON_TYPE.test(plan.contentType) && request.body!.length <= BODY_LIMIT;
        if (plan.target === 'own' && authentic && transportOk) {
          // Correctly authenticated: never refused for its credential or route, whatever the body says.
          expect([200, 202, 400, 429]).toContain(answer.status);
          if (plan.body.kind === 'valid') expect(answer.status === 429 || answer.status < 300).toBe(true);
        }
      }),
      FUZZ,
    );
    await expectReady();
  });

  it('answers transport garbage (any provider, key, path, method, type, headers, bytes) with a documented refusal', async () => {
    await fc.assert(
      fc.asyncProperty(garbagePlan(connections), async (plan) => {
        const request = garbageRequest(plan, platform.urls.gateway);
        fc.pre(headerBytes(request.headers) < 12_000);
        const answer = await sendAndCheck(request, PROVIDER_SEGMENTS.includes(plan.provider) ? plan.provider : null);
        expect(answer.status).toBeGreaterThanOrEqual(400);
      }),
      FUZZ,
    );
    await expectReady();
  });

  describe('regressions found by fuzzing', () => {
    const connectionFor = (provider: string): FuzzConnection =>
      connections.find((connection) => connection.provider === provider)!;

    /** A new order of `provider` whose body `edit` rewrites (as text), signed correctly, sent to `url` (its own by default). */
    async function sendEdited(
      provider: string,
      edit: (body: Record<string, unknown>) => string,
      url?: (built: { url: string }) => string,
    ): Promise<{ answer: FuzzAnswer; eventId: string | null }> {
      const connection = connectionFor(provider);
      const built = await buildWebhook(connection, 'new_order', { seed: 7_001 });
      const body = Buffer.from(edit(JSON.parse(built.body) as Record<string, unknown>));
      const idempotencyKey = built.idempotencyKey ?? '';
      const headers = {
        ...built.headers,
        ...(await signedHeaders({ ...connection, body, now: new Date(), idempotencyKey })),
      };
      const answer = await sendAndCheck(
        { method: built.method, url: url ? url(built) : built.url, headers, body },
        providerSlug(connection.provider),
      );
      const receipt = answer.status < 300 ? (JSON.parse(answer.text) as { eventId?: string }) : {};
      return { answer, eventId: receipt.eventId ?? null };
    }

    async function settled(eventId: string): Promise<{ status: string; last_error: string | null }> {
      return eventually(
        async () => {
          const [row] = await platform.database.queryAsAdmin<{ status: string; last_error: string | null }>(
            'select status, last_error from integrations.webhook_events where id = $1',
            [eventId],
          );
          return row && ['PROCESSED', 'FAILED', 'DEAD'].includes(row.status) ? row : undefined;
        },
        20_000,
        `event ${eventId} to settle`,
      );
    }

    it('fails (not DEAD after retries) a delivery whose text holds a NUL, which PostgreSQL cannot store', async () => {
      const { answer, eventId } = await sendEdited('CAREEM', (body) => {
        (body['details'] as { customer: { name: string } }).customer.name = 'Omar\u0000Khalid';
        return JSON.stringify(body);
      });
      expect(answer.status).toBe(202);
      expect(await settled(eventId!)).toEqual({
        status: 'FAILED',
        last_error: 'body.details.customer.name holds a character no order can store (U+0000 or an unpaired surrogate)',
      });
    });

    it('fails a delivery with modifiers nested thousands deep, without exhausting the stack', async () => {
      const { answer, eventId } = await sendEdited('DELIVEROO', (body) => {
        const order = (body['body'] as { order: { items: { modifiers: unknown[] }[] } }).order;
        order.items[0]!.modifiers = ['DEEP'];
        // Built as text: JSON.stringify itself gives up a few thousand levels down.
        const level = '{"name":"Extra","quantity":1,"unit_price":{"fractional":0,"currency_code":"SAR"},"modifiers":[';
        return JSON.stringify(body).replace('"DEEP"', `${level.repeat(5_000)}${']}'.repeat(5_000)}`);
      });
      expect(answer.status).toBe(200);
      const outcome = await settled(eventId!);
      expect(outcome.status).toBe('FAILED');
      expect(outcome.last_error).toMatch(/nests modifiers deeper than 5 levels/);
    });

    it('refuses a Talabat order on a path holding %00 (was a 500: the path could not be stored)', async () => {
      const { answer } = await sendEdited(
        'TALABAT',
        (body) => JSON.stringify(body),
        (built) => built.url.replace(/\/order\/[^/]+$/, '/order/%00'),
      );
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'UNKNOWN_ROUTE' } });
    });

    it.each([
      ['another method', 'GET', '/webhooks/careem/KEY', 404, 'UNKNOWN_ROUTE'],
      ['a URL that is not percent-encoded UTF-8', 'POST', '/webhooks/jahez/%ED%A0%80', 400, 'MALFORMED_URL'],
    ])('answers %s with the documented error body', async (_case, method, path, status, code) => {
      const url = `${platform.urls.gateway}${path.replace('KEY', connectionFor('CAREEM').key)}`;
      const answer = await sendAndCheck(
        {
          method,
          url,
          headers: { 'content-type': 'application/json' },
          body: method === 'GET' ? null : Buffer.from('{}'),
        },
        null,
      );
      expect(answer.status).toBe(status);
      expect(JSON.parse(answer.text)).toMatchObject({ error: { code } });
    });
  });

  it('settles every stored delivery: processed, failed with a reason, or dead only when its order never arrived', async () => {
    type Row = { status: string; last_error: string | null; idempotency_key: string };
    const rows = await eventually(
      async () => {
        const stored = await platform.database.queryAsAdmin<Row>(
          'select status, last_error, idempotency_key from integrations.webhook_events',
        );
        return stored.every((row) => ['PROCESSED', 'FAILED', 'DEAD'].includes(row.status)) ? stored : undefined;
      },
      30_000,
      'every stored delivery to settle',
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.status === 'FAILED' && !row.last_error?.trim())).toEqual([]);
    // Retrying heals a status change that arrived before its order; nothing else may end DEAD.
    expect(rows.filter((row) => row.status === 'DEAD' && !/NOT_FOUND/.test(row.last_error ?? ''))).toEqual([]);
    const repeated = await platform.database.queryAsAdmin(
      `select connection_id, idempotency_key from integrations.webhook_events
        group by connection_id, idempotency_key having count(*) > 1`,
    );
    expect(repeated).toEqual([]);
    await expectReady();
  });
});
