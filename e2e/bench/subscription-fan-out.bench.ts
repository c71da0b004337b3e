import { placeOrder, signIn, startTestPlatform, type TestPlatform } from '../support/platform';
import { collect, wsClient } from '../support/ws-client';

/**
 * How long one order event takes to reach every subscriber of a tenant:
 * N subscriptions of `orderChanged` (same selection, one tenant) spread
 * over sockets of 20 subscriptions each, then one new order; the clock
 * runs from placing the order until the last subscriber has it.
 */
let platform: TestPlatform;
let bistro: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 1 });
  bistro = await signIn(platform, 'owner@demo-bistro.test');
});

afterAll(async () => {
  await platform?.stop();
});

const ORDER_CHANGED = 'subscription { orderChanged { id status tenant { name } connection { name provider } total { amount currency } } }';
type Changed = { orderChanged: { id: string } };

async function timeToAll(subscribers: number): Promise<number> {
  const sockets = Array.from({ length: Math.ceil(subscribers / 20) }, () => wsClient(platform.graphqlUrl, bistro.token));
  const subscriptions = sockets.flatMap((socket) => Array.from({ length: 20 }, () => collect<Changed>(socket.client, ORDER_CHANGED)));
  try {
    await new Promise((resolve) => setTimeout(resolve, 1_000 + subscribers)); // every subscription registered
    const started = performance.now();
    const orderId = await placeOrder(platform, 'demo-bistro');
    while (!subscriptions.every((s) => s.values.some((v) => v.orderChanged.id === orderId))) {
      if (performance.now() - started > 300_000) throw new Error('not every subscriber received the event within 300 s');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return performance.now() - started;
  } finally {
    for (const subscription of subscriptions) subscription.dispose();
    await Promise.all(sockets.map((socket) => socket.client.dispose()));
  }
}

it.each([200, 1_000])('one event to %i subscribers of one tenant', async (subscribers) => {
  await timeToAll(subscribers); // warm-up: query plans cached, connections open
  const runs = [await timeToAll(subscribers), await timeToAll(subscribers)];
  console.log(`orderChanged fan-out to ${subscribers} subscribers: ${runs.map((ms) => `${Math.round(ms)} ms`).join(', ')}`);
});
