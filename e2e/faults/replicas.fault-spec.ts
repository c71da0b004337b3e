import { freePorts } from '@nexara/kit';
import { waitForReady } from '@nexara/stack';
import { eventually } from '@nexara/test-support';
import { ScenarioRunner } from '@nexara/simulator';
import { rawPost, signIn } from '../support/platform';
import { collect, wsClient } from '../support/ws-client';
import { startFaultPlatform, type FaultPlatform } from './support/fault-platform';
import { expectEveryAcknowledgedOnce, isOk, watchLedger } from './support/ledger-checks';
import { throwawayRedis, type ThrowawayRedis } from './support/redis-server';

/**
 * Nexara on more than one machine (docs/operations.md, "Running more than one
 * replica"): two gateways behind a load balancer and two workers, sharing
 * PostgreSQL and a Redis of the test's own, under steady webhook traffic from
 * the provider simulator. The test SIGKILLs one gateway (the balancer sends
 * to the other), then one worker (the other keeps draining; the dead one's
 * jobs are taken over), then Redis (webhook intake needs only PostgreSQL, so
 * deliveries are still acknowledged; rate limits fall back to each replica),
 * and starts Redis again. Then a subscriber on each gateway sees an acceptance
 * made through the other, and the simulator's record of every answer is held
 * against the database: every acknowledged delivery processed exactly once,
 * nothing refused stored, no order twice.
 */
jest.setTimeout(420_000);

const ORDER_CHANGED = 'subscription { orderChanged { id status } }';
type OrderChanged = { orderChanged: { id: string; status: string } };

let redis: ThrowawayRedis;
let platform: FaultPlatform;
let runner: ScenarioRunner | undefined;

beforeAll(async () => {
  const [redisPort] = await freePorts(1);
  redis = throwawayRedis(redisPort!);
  await redis.start();
  platform = await startFaultPlatform({ gateways: 2, workers: 2, redisUrl: redis.url });
});

afterAll(async () => {
  await runner?.stop(); // still sending when the test failed early
  await platform?.stop();
  await redis?.stop();
});

it('loses and doubles nothing when a gateway, a worker and Redis die under load, and fans out across replicas again', async () => {
  runner = new ScenarioRunner({
    connections: platform.connections,
    ratePerSecond: 10,
    seed: 20261203,
    timeoutMs: 5_000,
  });
  const ledger = runner.ledger;
  const { answered, acknowledgedSince } = watchLedger(ledger);
  const services = platform.supervisor.services;
  const t0 = Date.now();
  runner.start();
  await acknowledgedSince(0, 20, 'deliveries acknowledged before the faults');

  // One gateway dies: the balancer sends its share to the other, and the supervisor brings it back.
  services['gateway-1']!.kill();
  const gatewayKilledAt = Date.now();
  await acknowledgedSince(gatewayKilledAt, 20, 'deliveries acknowledged with one gateway killed');
  await eventually(async () => (services['gateway-1']!.starts >= 2 ? true : undefined), 60_000, 'gateway-1 restart');
  await waitForReady(`${platform.gatewayUrls[0]}/readyz`, 60_000);

  // One worker dies mid-batch: the other keeps draining, and what the dead one held is taken over.
  services['worker-1']!.kill();
  const workerKilledAt = Date.now();
  await eventually(async () => (services['worker-1']!.starts >= 2 ? true : undefined), 60_000, 'worker-1 restart');
  await acknowledgedSince(workerKilledAt, 20, 'deliveries acknowledged after the worker kill');

  // Redis dies: webhook intake is PostgreSQL's inbox, so providers are still acknowledged.
  await redis.crash();
  const redisDownAt = Date.now();
  await acknowledgedSince(redisDownAt, 30, 'deliveries acknowledged while Redis is down');
  await redis.start();
  const redisBackAt = Date.now();
  // Every answer while Redis was down was what a healthy platform answers (the runner checks each answer).
  const duringRedisOutage = answered(redisDownAt, redisBackAt);
  expect(duringRedisOutage.filter((e) => e.status >= 500)).toEqual([]);

  // With Redis back, each gateway's subscribers hear changes made through the other.
  const owner = await signIn({ graphqlUrl: `${platform.publicUrl}/graphql` }, 'owner@demo-bistro.test');
  const sockets = platform.gatewayUrls.map((url) => wsClient(`${url}/graphql`, owner.token));
  const streams = sockets.map((socket) => collect<OrderChanged>(socket.client, ORDER_CHANGED));
  try {
    // A subscriber is listening once it has heard the traffic's new orders, which reach it through Redis.
    await Promise.all(
      streams.map((stream, i) =>
        eventually(
          async () => (stream.values.some((v) => v.orderChanged.status === 'RECEIVED') ? true : undefined),
          60_000,
          `new orders heard on gateway-${i + 1} after Redis came back`,
        ),
      ),
    );
    for (const [from, to] of [
      [0, 1],
      [1, 0],
    ] as const) {
      // The simulator moves orders on by itself; accept one the subscriber has heard only as RECEIVED, and
      // try newer ones as they arrive until an acceptance is ours.
      const accepted = await eventually(
        () => acceptOneOf(`${platform.gatewayUrls[from]}/graphql`, owner.token, waitingOrders(streams[to]!.values)),
        60_000,
        `an order accepted through gateway-${from + 1}`,
      );
      await eventually(
        async () =>
          streams[to]!.values.some((v) => v.orderChanged.id === accepted && v.orderChanged.status === 'ACCEPTED')
            ? true
            : undefined,
        30_000,
        `gateway-${to + 1}'s subscriber hearing the acceptance made through gateway-${from + 1}`,
      );
    }
  } finally {
    streams.forEach((stream) => stream.dispose());
    await Promise.all(sockets.map((socket) => socket.client.dispose()));
  }

  await acknowledgedSince(redisBackAt, 20, 'deliveries acknowledged after Redis came back');
  await runner.finish();
  expect(runner.problems).toEqual([]);

  const summary = await expectEveryAcknowledgedOnce(platform, ledger);
  expect(platform.unexpectedExits()).toEqual({});
  expect(services['gateway-1']!.starts).toBe(2);
  expect(services['worker-1']!.starts).toBe(2);
  // Both replicas carried traffic through the balancer.
  expect(Object.values(platform.balancer!.served).every((count) => count > 0)).toBe(true);
  expect(answered(0, Infinity).filter(isOk).length).toBeGreaterThan(100);
  process.stdout.write(
    `[replicas] ${ledger.length} deliveries in ${((Date.now() - t0) / 1000).toFixed(0)} s: ` +
      `${summary.acknowledged} keys acknowledged, ${summary.refused} refused, ${summary.unanswered} without answer; ` +
      `${summary.orders} orders; served by ${JSON.stringify(platform.balancer!.served)}\n`,
  );
});

/** Orders heard as RECEIVED and as nothing since, newest first. */
function waitingOrders(heard: readonly OrderChanged[]): string[] {
  const latest = new Map<string, string>();
  for (const { orderChanged } of heard) latest.set(orderChanged.id, orderChanged.status);
  return [...latest]
    .filter(([, status]) => status === 'RECEIVED')
    .map(([id]) => id)
    .reverse();
}

/**
 * Accepts the first of `ids` still waiting, through the gateway at `graphqlUrl`; answers the accepted
 * order's id, or undefined when none could be (the traffic moved them on first).
 */
async function acceptOneOf(graphqlUrl: string, token: string, ids: string[]): Promise<string | undefined> {
  for (const id of ids) {
    const { body: result } = await rawPost(
      graphqlUrl,
      { query: 'mutation($id: ID!) { acceptOrder(id: $id, prepMinutes: 12) { id status } }', variables: { id } },
      { authorization: `Bearer ${token}` },
    );
    const data = result.data as { acceptOrder?: { status: string } } | undefined;
    if (data?.acceptOrder?.status === 'ACCEPTED') return id;
    const code = result.errors?.[0]?.extensions?.['code'];
    if (code !== 'INVALID_TRANSITION') throw new Error(`accepting ${id}: ${JSON.stringify(result.errors)}`);
  }
  return undefined;
}
