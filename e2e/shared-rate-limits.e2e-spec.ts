import { randomBytes } from 'node:crypto';
import { startGateway, writeTestContract } from './support/gateway';
import { signIn, startTestPlatform, type TestPlatform } from './support/platform';

/**
 * Two gateway replicas of one platform on the same Redis (127.0.0.1:6379,
 * the REDIS_URL that also carries the event bus): the webhook shim's
 * per-address limit and the partner API's per-key limit are one budget for
 * both, not one each (docs/operations.md, "Running more than one replica").
 */
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

type Gateway = Awaited<ReturnType<typeof startGateway>>;
let platform: TestPlatform;
let replicas: Gateway[] = [];

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 0, redisUrl: REDIS_URL });
  const overrides = {
    // Addresses come from X-Forwarded-For, so each run uses its own and cannot meet counters another run left in Redis.
    TRUST_PROXY: 'true',
    WEBHOOK_ADDRESS_RATE_PER_SECOND: '1',
    WEBHOOK_ADDRESS_RATE_BURST: '10',
    PARTNER_SUPERGRAPH_PATH: writeTestContract(),
    PARTNER_RATE_LIMIT: '4',
    PARTNER_RATE_WINDOW_SECONDS: '60',
  };
  replicas = [await startGateway(platform, overrides), await startGateway(platform, overrides)];
});

afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.stop()));
  await platform?.stop();
});

/** A documentation-range address (RFC 5737) no other run is likely to have used. */
function freshAddress(): string {
  const [a, b] = randomBytes(2);
  return `198.51.${a! % 100}.${(b! % 250) + 1}`;
}

it('limits one source address at the shared total when its webhooks are split across two replicas', async () => {
  const address = freshAddress();
  const started = Date.now();
  const statuses: number[][] = [[], []];
  // 15 to each replica, alternating. Alone, each would let 10 through (a burst of 10): 20 in all.
  for (let sent = 0; sent < 30; sent += 1) {
    const replica = sent % 2;
    const response = await fetch(`${replicas[replica]!.url}/webhooks/careem/${'x'.repeat(43)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: '{}',
    });
    await response.arrayBuffer();
    statuses[replica]!.push(response.status);
  }
  const elapsedSeconds = Math.ceil((Date.now() - started) / 1000);
  const through = statuses.flat().filter((status) => status !== 429).length;
  // The burst of 10, plus one steady point for each second the run took.
  expect(through).toBeGreaterThanOrEqual(10);
  expect(through).toBeLessThanOrEqual(10 + elapsedSeconds);
  expect(through).toBeLessThan(20);
  // Both replicas refused some: each saw the other's spending.
  expect(statuses[0]).toContain(429);
  expect(statuses[1]).toContain(429);
});

it('limits one partner key at the shared total when its requests are split across two replicas', async () => {
  const admin = await signIn(platform, 'owner@demo-bistro.test');
  const { createApiKey } = await admin.query<{ createApiKey: { secret: string } }>(
    'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } secret } }',
    { input: { name: 'e2e shared limit', scopes: ['ORDERS_READ'], expiresAt: null } },
  );
  const ask = async (replica: Gateway) => {
    const response = await fetch(`${replica.url}/partner/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${createApiKey.secret}` },
      body: JSON.stringify({ query: '{ orders { totalCount } }' }),
    });
    await response.arrayBuffer();
    return { status: response.status, remaining: response.headers.get('ratelimit-remaining') };
  };
  const [first, second] = replicas as [Gateway, Gateway];
  // Limit 4 per 60 s: two on each replica use it up, and the fifth is refused wherever it goes.
  const answers = [await ask(first), await ask(second), await ask(first), await ask(second)];
  expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
  expect(answers.map((answer) => answer.remaining)).toEqual(['3', '2', '1', '0']);
  expect((await ask(first)).status).toBe(429);
  expect((await ask(second)).status).toBe(429);
});
