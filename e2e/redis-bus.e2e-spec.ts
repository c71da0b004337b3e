import { createEventBus, createLogger, type BusEvent, type EventBus } from '@nexara/kit';
import { eventually } from '@nexara/test-support';
import { startGateway } from './support/gateway';
import { placeOrder, signIn, startTestPlatform, subscribersListening, type TestPlatform } from './support/platform';
import { collect, wsClient } from './support/ws-client';

/**
 * Several gateway instances behind a load balancer: with REDIS_URL every
 * service publishes to Redis pub/sub, so a change made through one gateway
 * reaches a subscriber connected to another. Real Redis (127.0.0.1:6379).
 */
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

let platform: TestPlatform;
let second: Awaited<ReturnType<typeof startGateway>>;
let owner: Awaited<ReturnType<typeof signIn>>;
let observer: EventBus;
const observed: BusEvent[] = [];

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 2, redisUrl: REDIS_URL });
  second = await startGateway(platform);
  owner = await signIn(platform, 'owner@demo-bistro.test');
  // Listens on Redis itself: proves the events travel through Redis, not PostgreSQL.
  observer = createEventBus({ redisUrl: REDIS_URL, databaseUrl: '', logger: createLogger('observer', 'silent') });
  observer.subscribe((event) => observed.push(event));
  await observer.ready();
});

afterAll(async () => {
  await observer?.close();
  await second?.stop();
  await platform?.stop();
});

it('delivers a change made through one gateway to a subscriber of another, through Redis', async () => {
  expect(observer.transport).toBe('redis');
  const socket = wsClient(`${second.url}/graphql`, owner.token);
  const changes = collect<{ orderChanged: { id: string; status: string; tenant: { name: string } } }>(
    socket.client,
    'subscription { orderChanged { id status tenant { name } } }',
  );
  try {
    await subscribersListening(() => second.activeSubscriptions('/graphql'), 1);
    const orderId = await placeOrder(platform, 'demo-bistro');
    // The mutation goes through the platform's own gateway; the subscriber sits on the second one.
    await owner.query(`mutation($id: ID!) { acceptOrder(id: $id, prepMinutes: 12) { id } }`, { id: orderId });

    const accepted = await eventually(
      async () => changes.values.find((v) => v.orderChanged.id === orderId && v.orderChanged.status === 'ACCEPTED'),
      10_000,
      'the acceptance on the other gateway',
    );
    expect(accepted.orderChanged.tenant).toEqual({ name: 'Demo Bistro' });
    expect(observed.some((event) => event.kind === 'order.changed' && event.id === orderId)).toBe(true);
  } finally {
    changes.dispose();
    await socket.client.dispose();
  }
});
