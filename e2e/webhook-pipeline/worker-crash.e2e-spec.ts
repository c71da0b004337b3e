import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { freePorts, type Identity } from '@nexara/kit';
import { buildWebhook } from '@nexara/simulator';
import { PROCESS_WEBHOOK_EVENT_TASK, webhookJobKey } from '@nexara/integrations';
import { PROVIDER_DEFINITIONS, type Provider } from '@nexara/providers';
import { REPO_ROOT, SERVICE_ENTRY_POINTS } from '@nexara/stack';
import { testSecrets } from '@nexara/test-support';
import {
  aUser,
  eventInStatus,
  eventually,
  queuedJobs,
  startWebhookPipeline,
  type WebhookPipeline,
} from '../support/webhook-pipeline';

const WORKER_MAIN = path.join(REPO_ROOT, SERVICE_ENTRY_POINTS.worker);
/** A provider told of each new order's receipt: the callback is the follow-up a dead worker leaves undone. */
const CONFIRMING = PROVIDER_DEFINITIONS.find((definition) => definition.confirmsReceipts)!.identity.code as Provider;

/**
 * A stand-in for the orders subgraph that passes every call through, except
 * that it never answers `applyProviderOrderEvent` once orders has applied it:
 * the worker process is caught in the worst place to die, after the order
 * exists and before the event is marked processed.
 */
async function startTrap(
  ordersUrl: string,
): Promise<{ url: string; applied: () => boolean; close: () => Promise<void> }> {
  let applied = false;
  const held: http.ServerResponse[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(
          (entry): entry is [string, string] =>
            typeof entry[1] === 'string' && entry[0] !== 'host' && entry[0] !== 'content-length',
        ),
      );
      void fetch(ordersUrl, { method: 'POST', headers, body }).then(async (answer) => {
        const text = await answer.text();
        if (body.includes('applyProviderOrderEvent')) {
          applied = true;
          held.push(response);
          return;
        }
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(text);
      });
    });
  });
  const [port] = await freePorts(1);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    applied: () => applied,
    close: async () => {
      for (const response of held) response.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * The worker as its own process (dist/worker/main.js), killed with SIGKILL
 * in the middle of an event: nothing is lost and nothing is applied twice.
 */
describe('webhook worker killed mid-event (SIGKILL)', () => {
  let pipeline: WebhookPipeline;
  let child: ChildProcess | null = null;
  let trap: Awaited<ReturnType<typeof startTrap>>;
  const tenantId = randomUUID();
  const staff: Identity = aUser(tenantId, 'STAFF');

  beforeAll(async () => {
    if (!fs.existsSync(WORKER_MAIN)) throw new Error(`Build first (npx turbo run build): ${WORKER_MAIN} is missing.`);
    pipeline = await startWebhookPipeline();
    trap = await startTrap(pipeline.ordersUrl);
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await trap?.close();
    await pipeline?.close();
  });

  it('leaves the event to be taken again, and applying it again changes nothing twice', async () => {
    const connection = await pipeline.connect(tenantId, CONFIRMING);
    let stderr = '';
    child = spawn(process.execPath, [WORKER_MAIN], {
      env: {
        PATH: process.env['PATH'],
        DATABASE_URL: pipeline.db.serviceUrls.integrations,
        INTERNAL_TOKEN_SECRET: testSecrets.internalTokenSecret,
        SECRETS_ENCRYPTION_KEYS: testSecrets.secretsEncryptionKey,
        ORDERS_URL: trap.url,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        WORKER_POLL_INTERVAL_MS: '50',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));

    const built = await buildWebhook(connection, 'new_order', { seed: 31 });
    const received = await pipeline.receive(connection, built);
    expect(received.verdict).toBe('ACCEPTED');
    const eventId = received.eventId!;

    await eventually(
      async () => (trap.applied() ? true : undefined),
      30_000,
      `the worker process to apply the event${stderr ? `: ${stderr}` : ''}`,
    );
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    child = null;

    // Where the dead worker left things: the order exists, the event is PROCESSING, its job locked.
    const [stuck] = await pipeline.db.queryAsAdmin<{ status: string; attempts: number }>(
      `select status, attempts from integrations.webhook_events where id = $1`,
      [eventId],
    );
    expect(stuck).toEqual({ status: 'PROCESSING', attempts: 1 });
    const lockedJobs = (await queuedJobs(pipeline.db, PROCESS_WEBHOOK_EVENT_TASK)).filter(
      (job) => job.payload['eventId'] === eventId,
    );
    expect(lockedJobs).toEqual([expect.objectContaining({ key: webhookJobKey(eventId), lockedAt: expect.any(Date) })]);

    const restartedAt = Date.now();
    await pipeline.startWorker({ WORKER_STALE_AFTER_MS: '1000' });
    const processed = await eventInStatus(pipeline.db, eventId, 'PROCESSED', 30_000);
    const recoveryMs = Date.now() - restartedAt;

    expect(processed.attempts).toBe(2);
    expect(processed.order_ids).toHaveLength(1);
    // Recovery takes the stale threshold plus at most one sweep interval (1 s each here), not graphile's 4 h.
    expect(recoveryMs).toBeLessThan(10_000);

    const orders = await pipeline.orders<{ orders: { edges: { node: { id: string; externalId: string } }[] } }>(
      `query($search: String!) { orders(first: 10, filter: { search: $search }) { edges { node { id externalId } } } }`,
      { search: built.externalId },
      staff,
    );
    const matching = orders.data!.orders.edges.filter((edge) => edge.node.externalId === built.externalId);
    expect(matching.map((edge) => edge.node.id)).toEqual(processed.order_ids);

    // The follow-up the dead worker never got to (the receipt callback) happens on the second run.
    const order = await eventually(async () => {
      const response = await pipeline.orders<{
        order: { timeline: { source: string }[]; callbacks: { action: string; outcome: string }[] };
      }>(
        `query($id: ID!) { order(id: $id) { timeline { source } callbacks { action outcome } } }`,
        { id: processed.order_ids[0] },
        staff,
      );
      const found = response.data?.order;
      return found?.callbacks.some((callback) => callback.outcome === 'DELIVERED') ? found : undefined;
    });
    expect(order.timeline.filter((entry) => entry.source === 'PROVIDER')).toHaveLength(1);
    expect(order.callbacks).toEqual([{ action: 'RECEIVED', outcome: 'DELIVERED' }]);

    // The abandoned job was retired (key cleared, attempts spent), not left to run again in 4 hours.
    const left = (await queuedJobs(pipeline.db, PROCESS_WEBHOOK_EVENT_TASK)).filter(
      (job) => job.payload['eventId'] === eventId,
    );
    expect(left.every((job) => job.key === null && job.attempts >= job.maxAttempts)).toBe(true);
  });
});
