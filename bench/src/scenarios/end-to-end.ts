import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { buildWebhook, createRandom, type SimulatedConnection } from '@nexara/simulator';
import { createClient, type Client } from 'graphql-ws';
import type { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import type { BenchStack } from '../stack/bench-stack';
import { measureCpu, processCpuMs, processTreeCpuMs } from '../stack/cpu-usage';
import { peakRss } from '../stack/peak-rss';
import { signIn } from '../stack/sign-in';
import { ratio, round, summarizeLatencies, type LatencySummary } from '../stats';

export type EndToEndSettings = {
  /** Offered rates, deliveries per second, one step each. */
  rates: number[];
  /** How long each step offers its rate. */
  stepSeconds: number;
  /** Deliveries of the drain measurement (acknowledged with the worker stopped, then drained). */
  drainDeliveries: number;
  /** How long the worker may take to catch up after a step or the drain. */
  catchUpLimitSeconds: number;
};

export type EndToEndStep = {
  offeredPerSecond: number;
  /** Deliveries sent in the step, and the 2xx answers to them. */
  sent: number;
  acknowledged: number;
  acknowledgedPerSecond: number;
  /** Events PROCESSED while the step was offered (its own and earlier steps'), per second. */
  processedPerSecond: number;
  /** Acknowledgement to the event PROCESSED (its order committed before), milliseconds. */
  lagToCommitted: LatencySummary;
  /** Acknowledgement to the order's first `orderChanged` at a subscriber, milliseconds. */
  lagToSubscriber: LatencySummary;
  /** The larger p99 of the two. */
  lagP99Ms: number;
  /** Events acknowledged and not yet processed when the step ended. */
  backlogAtEnd: number;
  /** The step kept up: lag p99 under 1 s and a backlog at its end under one second's offer. */
  sustained: boolean;
};

export type EndToEndResult = {
  steps: EndToEndStep[];
  /** The highest offered rate whose step kept up (0: none did). */
  sustainedPerSecond: number;
  /** Events per second the worker processed a backlog at (stored with the worker stopped). */
  drainPerSecond: number;
  /** events: processed in the drain (every stored delivery); acknowledged: of them, the 2xx the load generator saw. */
  drain: { events: number; acknowledged: number; seconds: number };
  /**
   * CPU ms each process spent per drained event, from the worker's start until every drained order reached its
   * subscriber (from /proc: unlike the rate, it hardly moves when other work shares the machine).
   */
  drainCpuMsPerEvent: Record<string, number>;
  /** The same orders inserted straight into orders.orders, one INSERT each (8 connections): rows per second. */
  baselineInsertsPerSecond: number;
  /** drainPerSecond over the baseline's rate. */
  drainRatio: number | null;
  /** Every acknowledged delivery of the scenario: stored once, PROCESSED, one order each, seen once as version 1. */
  exactlyOnce: {
    acknowledged: number;
    stored: number;
    processed: number;
    orders: number;
    /** Orders whose arrival (version 1) a subscriber saw more than once. */
    repeatedAtSubscriber: number;
    /** Acknowledged orders the subscriber never saw arrive. */
    missedAtSubscriber: number;
    ok: boolean;
  };
  /** Peak resident memory (VmHWM) of each process over the whole bench run so far, MiB. */
  peakRssMiB: Record<string, number>;
};

const ORDER_FEED = 'subscription EndToEndFeed { orderChanged { externalId version } }';

/**
 * The whole path at fixed offered rates: signed new-order deliveries of all
 * four providers (round robin over every seeded connection) sent open loop
 * (on a schedule, whatever the answers) through the shim, stored, queued,
 * applied by the worker, announced, and re-read for a graphql-ws subscriber
 * of each tenant. Then the worker's drain rate over a backlog, beside a
 * baseline of the same orders inserted by one SQL statement each.
 */
export async function benchEndToEnd(
  stack: BenchStack,
  settings: EndToEndSettings,
  log: (line: string) => void,
): Promise<EndToEndResult> {
  await stack.startWorker();
  const since = new Date();
  const random = createRandom(20261202);
  const feed = await openFeeds(stack);
  const acked = new Map<string, number>(); // externalId -> wall-clock ms of its 2xx
  const steps: EndToEndStep[] = [];
  try {
    for (const rate of settings.rates) {
      const total = Math.round(rate * settings.stepSeconds);
      const deliveries = await prepare(stack.connections, total, random);
      log(`endToEnd: ${rate}/s for ${settings.stepSeconds} s (${total} deliveries prepared)`);
      const processedBefore = await processedCount(stack, since);
      const stepStarted = performance.now();
      const sent = await sendOpenLoop(deliveries, rate, acked);
      const stepSeconds = (performance.now() - stepStarted) / 1000;
      const processedAfter = await processedCount(stack, since);
      const backlogAtEnd = await backlog(stack, since);
      const ids = deliveries.map((d) => d.externalId).filter((id) => acked.has(id));
      await catchUp(stack, since, settings.catchUpLimitSeconds);
      const committed = await processedAt(stack, since, ids);
      const toCommitted = ids.flatMap((id) => (committed.has(id) ? [committed.get(id)! - acked.get(id)!] : []));
      await waitFor(() => ids.every((id) => feed.arrivals.has(id)), 30_000);
      const toSubscriber = ids.flatMap((id) =>
        feed.arrivals.has(id) ? [feed.arrivals.get(id)! - acked.get(id)!] : [],
      );
      const lagToCommitted = summarizeLatencies(toCommitted);
      const lagToSubscriber = summarizeLatencies(toSubscriber);
      const lagP99Ms = Math.max(lagToCommitted.p99, lagToSubscriber.p99);
      const step: EndToEndStep = {
        offeredPerSecond: rate,
        sent: sent.sent,
        acknowledged: sent.acknowledged,
        acknowledgedPerSecond: round(sent.acknowledged / stepSeconds, 1),
        processedPerSecond: round((processedAfter - processedBefore) / stepSeconds, 1),
        lagToCommitted,
        lagToSubscriber,
        lagP99Ms,
        backlogAtEnd,
        sustained:
          sent.acknowledged === sent.sent &&
          lagP99Ms < 1_000 &&
          backlogAtEnd <= rate &&
          toSubscriber.length === ids.length,
      };
      steps.push(step);
      log(
        `endToEnd ${rate}/s: ${step.acknowledgedPerSecond}/s acknowledged, ${step.processedPerSecond}/s processed, ` +
          `lag p99 ${lagToCommitted.p99} ms committed / ${lagToSubscriber.p99} ms subscriber, backlog ${backlogAtEnd}`,
      );
    }

    // The drain: a backlog acknowledged with the worker stopped, then processed as fast as it goes.
    await stack.stopWorker();
    const backlogDeliveries = await prepare(stack.connections, settings.drainDeliveries, random);
    const drainSent = await sendOpenLoop(backlogDeliveries, 100_000, acked);
    log(`endToEnd drain: ${drainSent.acknowledged} deliveries acknowledged with the worker stopped`);
    // What the worker drains is every delivery stored meanwhile, acknowledged or not: under a burst the shim
    // commits some whose 2xx the load generator never sees (its 10 s answer timeout), and the worker processes
    // those too. Rates and CPU per event count the events processed, not the 2xx received.
    const processedBeforeDrain = await processedCount(stack, since);
    await stack.startWorker();
    const drainStarted = performance.now();
    let drainSeconds = 0;
    const drainIds = backlogDeliveries.map((d) => d.externalId).filter((id) => acked.has(id));
    const service = (name: 'gateway' | 'integrations' | 'orders' | 'worker') => (): number | null =>
      processCpuMs(stack.pidOf(name) ?? -1);
    const { cpuMs: drainCpuMs } = await measureCpu(
      {
        gateway: service('gateway'),
        integrations: service('integrations'),
        orders: service('orders'),
        worker: service('worker'),
        postgres: () => (stack.postgresPid ? processTreeCpuMs(stack.postgresPid) : null),
      },
      async () => {
        await catchUp(stack, since, settings.catchUpLimitSeconds);
        drainSeconds = (performance.now() - drainStarted) / 1000;
        await waitFor(() => drainIds.every((id) => feed.arrivals.has(id)), 60_000);
      },
    );
    const drained = (await processedCount(stack, since)) - processedBeforeDrain;
    const drainPerSecond = round(drained / drainSeconds, 1);
    const drainCpuMsPerEvent = Object.fromEntries(
      Object.entries(drainCpuMs).map(([name, ms]) => [name, round(ms / Math.max(1, drained), 2)]),
    );
    log(
      `endToEnd drain: ${drained} events at ${drainPerSecond}/s over ${round(drainSeconds, 1)} s, CPU ms per event ${JSON.stringify(drainCpuMsPerEvent)}`,
    );

    const baselineInsertsPerSecond = await baselineInserts(stack, settings.drainDeliveries);
    log(`endToEnd baseline: ${baselineInsertsPerSecond} inserts/s`);

    const exactlyOnce = await countExactlyOnce(stack, since, acked, feed);
    return {
      steps,
      sustainedPerSecond: Math.max(0, ...steps.filter((s) => s.sustained).map((s) => s.offeredPerSecond)),
      drainPerSecond,
      drain: { events: drained, acknowledged: drainSent.acknowledged, seconds: round(drainSeconds, 1) },
      drainCpuMsPerEvent,
      baselineInsertsPerSecond,
      drainRatio: ratio(drainPerSecond, baselineInsertsPerSecond),
      exactlyOnce,
      peakRssMiB: peakRss(stack),
    };
  } finally {
    await feed.close();
  }
}

type Prepared = { externalId: string; url: string; method: string; headers: Record<string, string>; body: string };

/** Built and signed before the clock starts: signing is the provider's work, not ours. */
async function prepare(
  connections: SimulatedConnection[],
  count: number,
  random: ReturnType<typeof createRandom>,
): Promise<Prepared[]> {
  const prepared: Prepared[] = [];
  for (let i = 0; i < count; i += 1) {
    const built = await buildWebhook(connections[i % connections.length]!, 'new_order', { random });
    prepared.push({
      externalId: built.externalId,
      url: built.url,
      method: built.method,
      headers: built.headers,
      body: built.body,
    });
  }
  return prepared;
}

/**
 * Open loop: delivery i goes out at start + i / rate whatever happened to
 * the ones before (a provider does not wait for us), at most 2,000 in flight.
 */
async function sendOpenLoop(
  deliveries: Prepared[],
  rate: number,
  acked: Map<string, number>,
): Promise<{ sent: number; acknowledged: number }> {
  let acknowledged = 0;
  let inFlight = 0;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < deliveries.length; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    while (inFlight >= 2_000) await new Promise((resolve) => setTimeout(resolve, 1));
    const delivery = deliveries[i]!;
    inFlight += 1;
    pending.push(
      fetch(delivery.url, { method: delivery.method, headers: delivery.headers, body: delivery.body })
        .then(async (response) => {
          await response.arrayBuffer();
          if (response.status >= 200 && response.status < 300) {
            acknowledged += 1;
            acked.set(delivery.externalId, Date.now());
          }
        })
        .catch(() => undefined)
        .finally(() => (inFlight -= 1)),
    );
  }
  await Promise.all(pending);
  return { sent: deliveries.length, acknowledged };
}

type Feeds = { arrivals: Map<string, number>; repeated: Set<string>; close: () => Promise<void> };

/** One subscriber per seeded tenant (its owner), recording when each order's arrival (version 1) reached it. */
async function openFeeds(stack: BenchStack): Promise<Feeds> {
  const arrivals = new Map<string, number>();
  const repeated = new Set<string>();
  const clients: Client[] = [];
  const disposers: (() => void)[] = [];
  for (const tenant of stack.seed.tenants) {
    const token = await signIn(stack, tenant.ownerEmail);
    const client = await connect(stack.urls.gateway, token);
    clients.push(client);
    disposers.push(
      client.subscribe<{ orderChanged: { externalId: string; version: number } }>(
        { query: ORDER_FEED },
        {
          next: (result) => {
            const change = result.data?.orderChanged;
            if (!change || change.version !== 1) return;
            if (arrivals.has(change.externalId)) repeated.add(change.externalId);
            else arrivals.set(change.externalId, Date.now());
          },
          error: (error) => process.stderr.write(`endToEnd subscription failed: ${JSON.stringify(error)}\n`),
          complete: () => undefined,
        },
      ),
    );
  }
  // Subscriptions are registered when the server has them; a moment for the subscribe messages to land.
  await new Promise((resolve) => setTimeout(resolve, 500));
  return {
    arrivals,
    repeated,
    close: async () => {
      for (const dispose of disposers) dispose();
      await Promise.all(clients.map((client) => client.dispose()));
    },
  };
}

function connect(gatewayUrl: string, token: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = createClient({
      url: `${gatewayUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
      retryAttempts: 0,
      on: { connected: () => resolve(client), closed: (event) => reject(new Error(`socket closed: ${String(event)}`)) },
      onNonLazyError: reject,
    });
  });
}

const query = async <T>(stack: BenchStack, sql: string, params: unknown[] = []): Promise<T[]> =>
  stack.withDatabase(async (client: PgClient) => (await client.query(sql, params)).rows as T[]);

async function processedCount(stack: BenchStack, since: Date): Promise<number> {
  const [row] = await query<{ n: string }>(
    stack,
    `select count(*) as n from integrations.webhook_events where received_at >= $1 and status = 'PROCESSED'`,
    [since],
  );
  return Number(row?.n ?? 0);
}

async function backlog(stack: BenchStack, since: Date): Promise<number> {
  const [row] = await query<{ n: string }>(
    stack,
    `select count(*) as n from integrations.webhook_events where received_at >= $1 and status in ('QUEUED', 'PROCESSING')`,
    [since],
  );
  return Number(row?.n ?? 0);
}

async function catchUp(stack: BenchStack, since: Date, limitSeconds: number): Promise<void> {
  const started = performance.now();
  while ((await backlog(stack, since)) > 0 && performance.now() - started < limitSeconds * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** When each order's event was marked PROCESSED (after the orders transaction committed), wall-clock ms. */
async function processedAt(stack: BenchStack, since: Date, externalIds: string[]): Promise<Map<string, number>> {
  const rows = await query<{ external_id: string; at: string }>(
    stack,
    `select o.external_id, (extract(epoch from e.processed_at) * 1000)::float8 as at
       from integrations.webhook_events e
       cross join lateral unnest(e.order_ids) as u(order_id)
       join orders.orders o on o.tenant_id = e.tenant_id and o.id = u.order_id
      where e.received_at >= $1 and e.status = 'PROCESSED' and o.external_id = any($2::text[])`,
    [since, externalIds],
  );
  return new Map(rows.map((row) => [row.external_id, Number(row.at)]));
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const started = performance.now();
  while (!condition() && performance.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The baseline: as many orders as the drain processed, each inserted by one
 * INSERT (copied from a stored order, new ids) over 8 connections, into a
 * scratch copy of orders.orders so the platform's tables stay as measured.
 */
async function baselineInserts(stack: BenchStack, count: number): Promise<number> {
  const { Client } = await import('pg');
  await query(stack, 'drop table if exists public.bench_orders_baseline');
  await query(stack, 'create table public.bench_orders_baseline (like orders.orders including all)');
  const [template] = await query<Record<string, unknown>>(stack, 'select * from orders.orders limit 1');
  const columns = Object.keys(template!);
  const clients = await Promise.all(
    Array.from({ length: 8 }, async () => {
      const client = new Client({ connectionString: stack.adminDatabaseUrl });
      await client.connect();
      return client;
    }),
  );
  let next = 0;
  const started = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      while (next < count) {
        const i = next++;
        const values = columns.map((column) =>
          column === 'id' ? randomUUID() : column === 'external_id' ? `BASELINE-${i}` : template![column],
        );
        await client.query(
          `insert into public.bench_orders_baseline (${columns.join(', ')}) values (${columns.map((_, j) => `$${j + 1}`).join(', ')})`,
          values.map((value) =>
            value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value,
          ),
        );
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(clients.map((client) => client.end()));
  await query(stack, 'drop table public.bench_orders_baseline');
  return round(count / seconds, 1);
}

async function countExactlyOnce(
  stack: BenchStack,
  since: Date,
  acked: Map<string, number>,
  feed: Feeds,
): Promise<EndToEndResult['exactlyOnce']> {
  const ids = [...acked.keys()];
  const [events] = await query<{ stored: string; processed: string }>(
    stack,
    `select count(*) as stored, count(*) filter (where status = 'PROCESSED') as processed
       from integrations.webhook_events where received_at >= $1`,
    [since],
  );
  const [orders] = await query<{ n: string }>(
    stack,
    'select count(*) as n from orders.orders where external_id = any($1::text[])',
    [ids],
  );
  const missedAtSubscriber = ids.filter((id) => !feed.arrivals.has(id)).length;
  const result = {
    acknowledged: ids.length,
    stored: Number(events?.stored ?? 0),
    processed: Number(events?.processed ?? 0),
    orders: Number(orders?.n ?? 0),
    repeatedAtSubscriber: feed.repeated.size,
    missedAtSubscriber,
  };
  return {
    ...result,
    ok:
      result.stored === result.acknowledged &&
      result.processed === result.acknowledged &&
      result.orders === result.acknowledged &&
      result.repeatedAtSubscriber === 0 &&
      missedAtSubscriber === 0,
  };
}
