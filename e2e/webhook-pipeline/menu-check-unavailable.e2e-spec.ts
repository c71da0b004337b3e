import http from 'node:http';
import type net from 'node:net';
import { randomUUID } from 'node:crypto';
import { freePorts, type Identity } from '@nexara/kit';
import { PROVIDERS } from '@nexara/providers/display';
import { buildWebhook } from '@nexara/simulator';
import type { WebhookWorker } from '@nexara/integrations';
import {
  aUser,
  eventInStatus,
  startWebhookPipeline,
  type PipelineConnection,
  type WebhookPipeline,
} from '../support/webhook-pipeline';

const ORDERS = `query($search: String!) {
  orders(first: 10, filter: { search: $search }) { edges { node { externalId menuWarnings { code } } } }
}`;

/**
 * Orders meet the menu (docs/control-plane.md): a catalog that cannot be
 * reached, or does not answer in time, never holds an order back. The order
 * is applied without menu warnings, and the worker's
 * `nexara_menu_check_unavailable_total` counts it.
 */
describe('the menu check without a catalog (real PostgreSQL, real orders subgraph)', () => {
  let pipeline: WebhookPipeline;
  let worker: WebhookWorker | null = null;
  let silent: http.Server;
  const sockets = new Set<net.Socket>();
  const tenantId = randomUUID();
  const staff: Identity = aUser(tenantId, 'STAFF');
  const provider = PROVIDERS[0];
  let connection: PipelineConnection;

  beforeAll(async () => {
    pipeline = await startWebhookPipeline();
    await pipeline.startOrders();
    connection = await pipeline.connect(tenantId, provider);
    // A catalog that takes the request and never answers.
    silent = http.createServer(() => undefined);
    silent.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await worker?.stop();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent?.close(resolve));
    await pipeline?.close();
  });

  const unavailableCount = async (): Promise<number> => {
    const text = await (await fetch(`${worker!.opsUrl}/metrics`)).text();
    const line = text
      .split('\n')
      .find((l) => l.startsWith('nexara_menu_check_unavailable_total{') && l.includes(`provider="${provider}"`));
    return line ? Number(line.split(' ').pop()) : 0;
  };

  const placeOrder = async (seed: number): Promise<{ externalId: string; menuWarnings: { code: string }[] }> => {
    const built = await buildWebhook(connection, 'new_order', { seed });
    const result = await pipeline.receive(connection, built);
    expect(result.verdict).toBe('ACCEPTED');
    await eventInStatus(pipeline.db, result.eventId!, 'PROCESSED');
    const found = await pipeline.orders<{
      orders: { edges: { node: { externalId: string; menuWarnings: { code: string }[] } }[] };
    }>(ORDERS, { search: built.externalId }, staff);
    const order = found.data?.orders.edges.map((edge) => edge.node).find((n) => n.externalId === built.externalId);
    if (!order) throw new Error(`order ${built.externalId} not found: ${JSON.stringify(found.errors)}`);
    return order;
  };

  it.each([
    ['unreachable', 101, async () => `http://127.0.0.1:${(await freePorts(1))[0]}/graphql`],
    ['silent', 202, async () => `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}/graphql`],
  ])('processes the order without warnings when the catalog is %s, and counts it', async (_how, seed, catalogUrl) => {
    await worker?.stop();
    worker = await pipeline.startWorker({ CATALOG_URL: await catalogUrl(), METRICS_PORT: '0' });
    const before = await unavailableCount();
    const order = await placeOrder(seed);
    expect(order.menuWarnings).toEqual([]);
    expect(await unavailableCount()).toBe(before + 1);
  });
});
