import { buildWebhook, sendWebhook, type SimulatedConnection } from '@nexara/simulator';
import { eventually } from '@nexara/test-support';
import { startGateway } from './support/gateway';
import { signIn, startTestPlatform, type TestPlatform } from './support/platform';

/**
 * Forged webhook floods through the real shim, inbox and database. The
 * gateway here trusts X-Forwarded-For (TRUST_PROXY), so the forger and the
 * provider come from different addresses, as they would.
 */
let platform: TestPlatform;
let gateway: Awaited<ReturnType<typeof startGateway>>;
let owner: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 0 });
  // The default per-connection limit (50/s, burst 100): 300 forged deliveries spent it three times over before.
  gateway = await startGateway(platform, { TRUST_PROXY: 'true' });
  owner = await signIn(platform, 'owner@demo-bistro.test');
});

afterAll(async () => {
  await gateway?.stop();
  await platform?.stop();
});

function careem(): SimulatedConnection & { id: string } {
  const tenant = platform.seed.tenants.find((t) => t.slug === 'demo-bistro')!;
  const connection = tenant.connections.find((c) => c.provider === 'CAREEM')!;
  return {
    id: connection.id,
    provider: 'CAREEM',
    webhookUrl: connection.webhookUrl.replace('http://localhost:4000', gateway.url),
    secret: connection.secret,
    externalStoreId: connection.externalStoreId,
    currency: 'SAR',
  };
}

const PROVIDER_ADDRESS = '192.0.2.10';
const FORGER_ADDRESS = '192.0.2.66';

describe('forged webhook floods', () => {
  it("after 300 forged deliveries the real provider's next delivery is accepted, and the forgeries are counted", async () => {
    const connection = careem();
    const genuine = await buildWebhook(connection, 'new_order', { seed: 4242 });
    // The same URL and body, without the provider's signature: what anyone who learned the URL can send.
    const forged = { ...genuine, headers: { 'content-type': 'application/json', 'x-forwarded-for': FORGER_ADDRESS } };
    const statuses = new Map<number, number>();
    for (let batch = 0; batch < 30; batch += 1) {
      const answers = await Promise.all(Array.from({ length: 10 }, () => sendWebhook(forged)));
      for (const { status } of answers) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    expect([...statuses.keys()].every((status) => status === 401 || status === 429)).toBe(true);

    const answer = await sendWebhook({
      ...genuine,
      headers: { ...genuine.headers, 'x-forwarded-for': PROVIDER_ADDRESS },
    });
    expect(answer.status).toBeGreaterThanOrEqual(200);
    expect(answer.status).toBeLessThan(300);

    // Counted: every refusal in the connection's health, the first of each minute in the audit log.
    const refused = statuses.get(401) ?? 0;
    const { connection: counted } = await eventually(
      async () => {
        const result = await owner.query<{ connection: { securityEventsLastHour: number } }>(
          `query($id: ID!) { connection(id: $id) { securityEventsLastHour } }`,
          { id: connection.id },
        );
        return result.connection.securityEventsLastHour >= refused ? result : undefined;
      },
      10_000,
      'the forged deliveries counted',
    );
    expect(counted.securityEventsLastHour).toBeGreaterThanOrEqual(refused);
    const { auditLog } = await owner.query<{
      auditLog: { edges: { node: { kind: string; action: string; subjectId: string } }[] };
    }>(`{ auditLog(first: 200) { edges { node { kind action subjectId } } } }`);
    expect(
      auditLog.edges.some(
        ({ node }) =>
          node.kind === 'SECURITY_EVENT' &&
          node.subjectId === connection.id &&
          node.action.startsWith('WEBHOOK_REJECTED'),
      ),
    ).toBe(true);
  });

  it('turns away a flood from one address before it reaches the inbox, and not the provider', async () => {
    // A gateway with a small per-address limit (5/s, burst 10), so the flood is over it whatever the machine's speed.
    const strict = await startGateway(platform, {
      TRUST_PROXY: 'true',
      WEBHOOK_ADDRESS_RATE_PER_SECOND: '5',
      WEBHOOK_ADDRESS_RATE_BURST: '10',
    });
    try {
      const connection = { ...careem(), webhookUrl: careem().webhookUrl.replace(gateway.url, strict.url) };
      const genuine = await buildWebhook(connection, 'new_order', { seed: 4343 });
      // Malformed bodies: the inbox would answer 400; a 429 shows the limit came first.
      const flood = {
        ...genuine,
        body: '{"not": "signed"',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.77' },
      };
      const statuses: number[] = [];
      for (let batch = 0; batch < 50 && !statuses.includes(429); batch += 1) {
        statuses.push(
          ...(await Promise.all(Array.from({ length: 20 }, () => sendWebhook(flood)))).map((a) => a.status),
        );
      }
      expect(statuses).toContain(429);
      expect(statuses.filter((status) => status !== 400 && status !== 429)).toEqual([]);
      const answer = await sendWebhook({
        ...genuine,
        headers: { ...genuine.headers, 'x-forwarded-for': PROVIDER_ADDRESS },
      });
      expect(answer.status).toBeGreaterThanOrEqual(200);
      expect(answer.status).toBeLessThan(300);
    } finally {
      await strict.stop();
    }
  });
});
