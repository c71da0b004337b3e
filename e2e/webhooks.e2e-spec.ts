import {
  buildWebhook,
  sendWebhook,
  followUpReference,
  type BuiltWebhook,
  type SimulatedConnection,
} from '@nexara/simulator';
import { PROVIDERS, providerDefinition, type Provider } from '@nexara/providers';
import { eventually } from '@nexara/test-support';
import {
  signIn,
  startTestPlatform,
  subscribersListening,
  seededConnection,
  type TestPlatform,
} from './support/platform';
import { collect, wsClient } from './support/ws-client';

/**
 * The webhook pipeline end to end: real provider payloads signed by the
 * simulator, through the gateway's shim, the integrations inbox, the job
 * queue and the worker, into orders; read back through the gateway.
 */
let platform: TestPlatform;
let owner: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 0, worker: true, providerApi: true });
  owner = await signIn(platform, 'owner@demo-bistro.test');
});

afterAll(async () => {
  await platform?.stop();
});

/** Every registered provider, each played by its simulator part. */
const connectionOf = (provider: Provider): SimulatedConnection & { id: string } =>
  seededConnection(platform, 'demo-bistro', provider);

const ORDER_BY_EXTERNAL = `query($search: String!) {
  orders(first: 5, filter: { search: $search }) {
    totalCount
    edges { node {
      id externalId provider status displayCode acceptBy warnings
      subtotal { amount currency } deliveryFee { amount } discount { amount } tax { amount } tip { amount } total { amount currency }
      items { name quantity unitPrice { amount } total { amount } modifiers { name quantity } }
      customer { name } delivery { address }
      timeline { status source }
      connection { id }
    } }
  }
}`;

type OrderNode = {
  id: string;
  externalId: string;
  provider: string;
  status: string;
  subtotal: { amount: number; currency: string };
  deliveryFee: { amount: number };
  discount: { amount: number };
  tax: { amount: number };
  tip: { amount: number };
  total: { amount: number; currency: string };
  items: { name: string; quantity: number }[];
  timeline: { status: string; source: string }[];
  connection: { id: string };
  warnings: string[];
};

async function ordersFor(externalId: string): Promise<OrderNode[]> {
  const { orders } = await owner.query<{ orders: { edges: { node: OrderNode }[] } }>(ORDER_BY_EXTERNAL, {
    search: externalId,
  });
  return orders.edges.map((e) => e.node).filter((n) => n.externalId === externalId);
}

async function processedOrder(externalId: string, status?: string): Promise<OrderNode> {
  return eventually(
    async () => {
      const [order] = await ordersFor(externalId);
      return order && (!status || order.status === status) ? order : undefined;
    },
    20_000,
    `order ${externalId}${status ? ` in ${status}` : ''}`,
  );
}

async function countRows(table: string): Promise<number> {
  const [row] = await platform.database.queryAsAdmin<{ count: string }>(`select count(*) from ${table}`);
  return Number(row!.count);
}

describe.each(PROVIDERS)('%s webhooks', (provider) => {
  let placed: BuiltWebhook;
  let remoteOrderId: string | undefined;

  it('turns a valid new order into a canonical order with every amount in minor units', async () => {
    placed = await buildWebhook(connectionOf(provider), 'new_order', { seed: 101 });
    const answer = await sendWebhook(placed);
    expect(answer.status).toBeGreaterThanOrEqual(200);
    expect(answer.status).toBeLessThan(300);
    remoteOrderId = followUpReference(provider, answer.body) ?? undefined;

    const order = await processedOrder(placed.externalId);
    const totals = placed.totals!;
    expect(order).toMatchObject({
      provider,
      status: 'RECEIVED',
      connection: { id: connectionOf(provider).id },
      subtotal: { amount: totals.subtotal, currency: 'SAR' },
      deliveryFee: { amount: totals.deliveryFee },
      discount: { amount: totals.discount },
      tax: { amount: totals.tax },
      tip: { amount: totals.tip },
      total: { amount: totals.total, currency: 'SAR' },
      warnings: [],
    });
    expect(order.items.length).toBeGreaterThan(0);
    expect(order.timeline[0]).toEqual({ status: 'RECEIVED', source: 'PROVIDER' });
    // A provider whose follow-ups name the order by the answer was answered with our order id.
    if (providerDefinition(provider).simulator.followUpReference) expect(remoteOrderId).toBe(order.id);
  });

  it('treats the same delivery twice as one order with one timeline entry', async () => {
    const again = await sendWebhook(placed);
    expect(again.status).toBeLessThan(300);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const orders = await ordersFor(placed.externalId);
    expect(orders).toHaveLength(1);
    // One provider entry (a SYSTEM entry may follow: Deliveroo is told the order was received).
    expect(orders[0]!.timeline.filter((entry) => entry.source === 'PROVIDER')).toHaveLength(1);
  });

  it('cancels an order the provider cancels before acceptance', async () => {
    const cancellation = await buildWebhook(connectionOf(provider), 'cancellation', {
      seed: 102,
      order: placed.order,
      remoteOrderId,
    });
    expect((await sendWebhook(cancellation)).status).toBeLessThan(300);
    await processedOrder(placed.externalId, 'CANCELLED');
  });

  it.each([
    ['a bad signature or token', { fault: 'bad_signature' as const }, 401],
    ['missing authentication', { fault: 'missing_auth' as const }, 401],
  ])('rejects %s and changes nothing', async (_case, options, status) => {
    const [events, orders] = [await countRows('integrations.webhook_events'), await countRows('orders.orders')];
    const forged = await buildWebhook(connectionOf(provider), 'new_order', { seed: 103, ...options });
    const answer = await sendWebhook(forged);
    expect(answer.status).toBe(status);
    expect(await countRows('integrations.webhook_events')).toBe(events);
    expect(await countRows('orders.orders')).toBe(orders);
  });
});

describe('live', () => {
  it("delivers an order that arrived by provider webhook to its tenant's subscribers, with fields of all three subgraphs", async () => {
    const FOLLOW = `subscription { orderChanged { externalId status provider tenant { name } connection { name provider } total { currency } } }`;
    type Followed = {
      orderChanged: {
        externalId: string;
        status: string;
        provider: string;
        tenant: { name: string };
        connection: { name: string; provider: string };
        total: { currency: string };
      };
    };
    const harbor = await signIn(platform, 'owner@harbor-grill.test');
    const a = wsClient(platform.graphqlUrl, owner.token);
    const b = wsClient(platform.graphqlUrl, harbor.token);
    const ofA = collect<Followed>(a.client, FOLLOW);
    const ofB = collect<Followed>(b.client, FOLLOW);
    try {
      await subscribersListening(platform.activeSubscriptions, 2);
      const built = await buildWebhook(connectionOf('DELIVEROO'), 'new_order', { seed: 9_001 });
      expect((await sendWebhook(built)).status).toBe(200);

      const arrived = await eventually(
        async () => ofA.values.find((v) => v.orderChanged.externalId === built.externalId),
        15_000,
        'the webhook order',
      );
      expect(arrived.orderChanged).toEqual({
        externalId: built.externalId,
        status: 'RECEIVED',
        provider: 'DELIVEROO',
        tenant: { name: 'Demo Bistro' },
        connection: { name: expect.stringMatching(/Demo Bistro on/), provider: 'DELIVEROO' },
        total: { currency: 'SAR' },
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(ofB.values).toEqual([]);
    } finally {
      ofA.dispose();
      ofB.dispose();
      await Promise.all([a.client.dispose(), b.client.dispose()]);
    }
  });
});

describe('provider-specific authentication', () => {
  it.each([
    ['CAREEM', 'stale_timestamp'],
    ['CAREEM', 'future_timestamp'],
    ['TALABAT', 'alg_none'],
    ['TALABAT', 'alg_hs256'],
    ['TALABAT', 'expired_token'],
    ['TALABAT', 'future_timestamp'],
  ] as const)('%s: %s is 401', async (provider, fault) => {
    const events = await countRows('integrations.webhook_events');
    const answer = await sendWebhook(await buildWebhook(connectionOf(provider), 'new_order', { seed: 104, fault }));
    expect(answer.status).toBe(401);
    expect(await countRows('integrations.webhook_events')).toBe(events);
  });

  it.each(['JAHEZ', 'DELIVEROO'] as const)('%s: a missing idempotency header is 400', async (provider) => {
    const answer = await sendWebhook(
      await buildWebhook(connectionOf(provider), 'new_order', { seed: 105, fault: 'missing_idempotency' }),
    );
    expect(answer.status).toBe(400);
  });

  it('accepts Deliveroo legacy POS signatures', async () => {
    const legacy = await buildWebhook(connectionOf('DELIVEROO'), 'new_order', { seed: 106, legacySignature: true });
    expect((await sendWebhook(legacy)).status).toBe(200);
    await processedOrder(legacy.externalId);
  });
});

describe('transport and connection checks', () => {
  it('answers 404 for an unknown connection and 409 for a paused one', async () => {
    const unknown = await buildWebhook(
      { ...connectionOf('CAREEM'), webhookUrl: `${platform.urls.gateway}/webhooks/careem/${'x'.repeat(43)}` },
      'new_order',
      { seed: 107 },
    );
    expect((await sendWebhook(unknown)).status).toBe(404);

    const jahez = connectionOf('JAHEZ');
    await owner.query(`mutation($id: ID!) { pauseConnection(id: $id) { status } }`, { id: jahez.id });
    try {
      const paused = await buildWebhook(jahez, 'new_order', { seed: 108 });
      const answer = await sendWebhook(paused);
      expect(answer.status).toBe(409);
      const body = typeof answer.body === 'string' ? JSON.parse(answer.body) : answer.body;
      expect((body as { error: { code: string } }).error.code).toBe('CONNECTION_PAUSED');
    } finally {
      await owner.query(`mutation($id: ID!) { resumeConnection(id: $id) { status } }`, { id: jahez.id });
    }
  });

  it('refuses malformed JSON, other content types and bodies over 1 MiB', async () => {
    const url = connectionOf('CAREEM').webhookUrl;
    const post = (body: string, type = 'application/json') =>
      fetch(url, { method: 'POST', body, headers: { 'content-type': type } }).then((r) => r.status);
    expect(await post('{"event_type":')).toBe(400);
    expect(await post('<order/>', 'application/xml')).toBe(415);
    expect(await post(JSON.stringify({ padding: 'x'.repeat(1024 * 1024) }))).toBe(413);
  });
});

describe('deliveries arriving together', () => {
  /** Requests the integrations subgraph has answered on /graphql, from its Prometheus counter. */
  const inboxRequests = async (): Promise<number> => {
    const text = await (await fetch(`${platform.urls.integrations}/metrics`)).text();
    return text
      .split('\n')
      .filter((line) => line.startsWith('http_server_request_duration_seconds_count{') && line.includes('"/graphql"'))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  };

  it('each get their own answer, the shim passing them to the inbox in fewer requests than deliveries', async () => {
    const careem = connectionOf('CAREEM');
    const built = await Promise.all(
      Array.from({ length: 30 }, (_, i) => buildWebhook(careem, 'new_order', { seed: 300 + i })),
    );
    const before = await inboxRequests();
    // The first one twice: the repeat is answered as its duplicate, whichever request carried it.
    const answers = await Promise.all([...built, built[0]!].map((webhook) => sendWebhook(webhook)));
    const sent = await inboxRequests();

    const bodies = answers.map((answer) => JSON.parse(answer.body) as { eventId: string; duplicate: boolean });
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, ...Array<number>(30).fill(202)]);
    expect(new Set(bodies.map((body) => body.eventId)).size).toBe(30);
    expect(bodies[30]!.eventId).toBe(bodies[0]!.eventId);
    expect(bodies.filter((body) => body.duplicate)).toHaveLength(1);
    // Without batching every delivery is a request of its own (31); the worker's few calls cannot make up the gap.
    expect(sent - before).toBeLessThan(16);
    for (const webhook of built) await processedOrder(webhook.externalId);
  });
});

describe('provider callbacks', () => {
  it('tells the provider when staff accept, retrying while it answers 500, and records the outcome on the order', async () => {
    const api = platform.providerApi!;
    const placed = await buildWebhook(connectionOf('TALABAT'), 'new_order', { seed: 109 });
    await sendWebhook(placed);
    const order = await processedOrder(placed.externalId);
    api.clear();
    api.failNext('TALABAT', 2, 500);
    await owner.query(`mutation($id: ID!) { acceptOrder(id: $id, prepMinutes: 20) { status } }`, { id: order.id });

    const calls = await eventually(
      async () => {
        const recorded = api.recorded('TALABAT');
        return recorded.length >= 3 ? recorded : undefined;
      },
      30_000,
      'three callback attempts',
    );
    const last = calls.at(-1)!;
    expect(last.method).toBe('POST');
    expect(last.path).toBe(
      `/talabat/v2/chains/${connectionOf('TALABAT').externalStoreId}/orders/${placed.externalId}/status`,
    );
    expect(last.body).toMatchObject({ status: 'order_accepted' });
    expect(String(last.headers['authorization'])).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);

    const { order: withCallbacks } = await eventually(
      async () => {
        const result = await owner.query<{ order: { callbacks: { outcome: string; attempt: number }[] } }>(
          `query($id: ID!) { order(id: $id) { callbacks { outcome attempt } } }`,
          { id: order.id },
        );
        return result.order.callbacks.some((c) => c.outcome === 'DELIVERED') ? result : undefined;
      },
      30_000,
      'DELIVERED callback outcome',
    );
    expect(withCallbacks.callbacks.filter((c) => c.outcome === 'RETRYING')).toHaveLength(2);
  });
});
