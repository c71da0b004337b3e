import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createRandom } from '@nexara/simulator';
import { createClient, type Client } from 'graphql-ws';
import type { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import { newOrderWebhook } from '../load/new-orders';
import type { BenchStack } from '../stack/bench-stack';
import { cpuBetween, processCpuMs, processTreeCpuMs, readCpu } from '../stack/cpu-usage';
import { fetchMetricSamples } from '../stack/metric-samples';
import { peakRss } from '../stack/peak-rss';
import { openEvents, settle } from '../stack/settle';
import { signIn } from '../stack/sign-in';
import { ratio, round, summarizeLatencies, type LatencySummary } from '../stats';
import {
  ARRIVAL_GRACE_MS,
  classifyMissedArrivals,
  countDeliveries,
  keptUp,
  sustainedPerSecond,
  VersionLog,
  type DeliveryAccount,
  type SocketSpan,
  type StepOutcome,
  type StoredDelivery,
} from './end-to-end-accounting';

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
  /** Acknowledgement to the order's first `orderChanged` at a subscriber, milliseconds (arrivals that came). */
  lagToSubscriber: LatencySummary;
  /** The larger p99 of the two. */
  lagP99Ms: number;
  /** Events acknowledged and not yet processed when the step ended. */
  backlogAtEnd: number;
  /** The step's acknowledged orders that never reached their subscriber (waited for until none came for a while). */
  missedArrivals: number;
  /** The step kept up (see `keptUp`): all acknowledged, lag p99 under 1 s, nothing missed, no growing backlog. */
  sustained: boolean;
  /**
   * CPU ms each process spent per acknowledged delivery, from the step's start until its deliveries were processed
   * and had reached their subscribers ("loadGenerator": this process, which also answers the provider callbacks as
   * the simulated providers). Their sum is what the two cores have to give per delivery at that rate.
   */
  cpuMsPerDelivery?: Record<string, number>;
  /**
   * HTTP requests each service answered per acknowledged delivery, over the same window as `cpuMsPerDelivery` (a
   * GraphQL batch is one request): with it, a service's CPU per delivery splits into what each request costs and
   * how many requests a delivery causes at that rate.
   */
  requestsPerDelivery?: Record<string, number>;
};

/** A subscriber's socket closed (by the gateway, or lost), as its client saw it. */
export type SubscriberClose = {
  subscriber: string;
  at: string;
  code: number;
  reason: string;
  /** The longest stall of the load generator's own event loop in the 30 s before (it answers the gateway's pings). */
  loadGeneratorStalledMs: number;
};

/**
 * What the subscribers saw of the orders committed in the scenario: each
 * order's arrival (version 1) once, every later version once and in order.
 * A socket that closes loses what was in flight and what is committed until
 * it is back (the client reconnects, as the dashboard does, and no replay is
 * promised); on an open socket nothing may be lost.
 */
export type SubscriberAccount = {
  /** Orders committed (their delivery PROCESSED) whose tenant's subscriber should see them arrive. */
  expected: number;
  seen: number;
  /** Missed while the socket was closed, or closing soon after the commit (see classifyMissedArrivals). */
  missedWhileDisconnected: number;
  /** Missed on a socket open from the commit until well after it: a broken promise. */
  missedOnOpenSocket: number;
  /** A version of the scenario's orders seen again, or after a later one. */
  repeated: number;
  /** A version of the scenario's orders seen with the one before it never seen (expected across a reconnect). */
  gaps: number;
  /** Orders heard of that the scenario did not send (see VersionAccount): not judged. Absent in older results. */
  otherOrders?: number;
  /** Every change the subscribers received (see VersionAccount). Absent in older results. */
  received?: number;
  /**
   * The gateway's own count (`nexara_subscription_deliveries_total`) of what became of the changes its
   * subscriptions heard of, over this scenario (from its subscribers' start to the end): a change missed with nothing `not_visible` or `failed` here was
   * lost before the gateway heard of it, or after it sent it. Absent in older results.
   */
  gatewayDeliveries?: Record<string, number>;
  closes: SubscriberClose[];
  /** Nothing missed on an open socket, nothing repeated. */
  ok: boolean;
};

export type EndToEndResult = {
  steps: EndToEndStep[];
  /** The highest offered rate whose step kept up (0: none did). */
  sustainedPerSecond: number;
  /** Events per second the worker processed a backlog at (stored with the worker stopped). */
  drainPerSecond: number;
  /**
   * events: processed in the drain (every stored delivery); acknowledged: of them, the 2xx the load generator saw;
   * seconds: from the worker's start until nothing was left to process; cpuWindowSeconds: until the last event
   * processed or the last arrival at a subscriber, whichever came later; missedArrivals: drained orders that never
   * reached their subscriber (not waited for inside the CPU window).
   */
  drain: { events: number; acknowledged: number; seconds: number; cpuWindowSeconds: number; missedArrivals: number };
  /**
   * CPU ms each process spent per drained event, from the worker's start until the last drained event was processed
   * or reached its subscriber (from /proc: unlike the rate, it hardly moves when other work shares the machine).
   */
  drainCpuMsPerEvent: Record<string, number>;
  /** The same orders inserted straight into orders.orders, one INSERT each (8 connections): rows per second. */
  baselineInsertsPerSecond: number;
  /** drainPerSecond over the baseline's rate. */
  drainRatio: number | null;
  /** Every delivery sent in the scenario, counted by its idempotency key (see countDeliveries). */
  deliveries: DeliveryAccount;
  subscribers: SubscriberAccount;
  /** Peak resident memory (VmHWM) of each process over the whole bench run so far, MiB. */
  peakRssMiB: Record<string, number>;
};

const ORDER_FEED = 'subscription EndToEndFeed { orderChanged { externalId version connection { id } } }';

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
  const feed = await openFeeds(stack, log);
  // The gateway's counts run for its whole life (the live stream scenario's deliveries are in them): this scenario's
  // are the difference.
  const deliveriesBefore = await gatewayDeliveries(stack);
  const acked = new Map<string, number>(); // order (see Prepared) -> wall-clock ms of its 2xx
  const sentAll: Prepared[] = [];
  const steps: EndToEndStep[] = [];
  const service =
    (name: 'gateway' | 'integrations' | 'orders' | 'worker' | 'tenants' | 'catalog') => (): number | null =>
      processCpuMs(stack.pidOf(name) ?? -1);
  const postgres = () => (stack.postgresPid ? processTreeCpuMs(stack.postgresPid) : null);
  const everyProcess = {
    gateway: service('gateway'),
    integrations: service('integrations'),
    orders: service('orders'),
    worker: service('worker'),
    tenants: service('tenants'),
    catalog: service('catalog'),
    postgres,
    loadGenerator: () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    },
  };
  try {
    for (const rate of settings.rates) {
      const total = Math.round(rate * settings.stepSeconds);
      const deliveries = await prepare(stack, total, random);
      sentAll.push(...deliveries);
      log(`endToEnd: ${rate}/s for ${settings.stepSeconds} s (${total} deliveries prepared)`);
      const processedBefore = await processedCount(stack, since);
      const cpuBefore = readCpu(everyProcess);
      const requestsBefore = await requestsAnswered(stack);
      const stepStarted = performance.now();
      const sent = await sendOpenLoop(deliveries, rate, acked);
      const stepSeconds = (performance.now() - stepStarted) / 1000;
      const processedAfter = await processedCount(stack, since);
      const backlogAtEnd = await backlog(stack, since);
      const ids = deliveries.map((d) => d.order).filter((id) => acked.has(id));
      await catchUp(stack, since, settings.catchUpLimitSeconds);
      const committed = await processedAt(stack, since, ids);
      const toCommitted = ids.flatMap((id) => (committed.has(id) ? [committed.get(id)! - acked.get(id)!] : []));
      const missedArrivals = await waitForArrivals(feed, ids, settings.catchUpLimitSeconds * 1000);
      const cpuMs = cpuBetween(cpuBefore, readCpu(everyProcess));
      const requests = countsSince(requestsBefore, await requestsAnswered(stack));
      const perDelivery = (ms: number) => round(ms / Math.max(1, sent.acknowledged), 2);
      const cpuMsPerDelivery = Object.fromEntries(
        Object.entries(cpuMs).map(([name, ms]) => [name, perDelivery(ms)] as const),
      );
      const requestsPerDelivery = Object.fromEntries(
        Object.entries(requests).map(([name, count]) => [name, perDelivery(count)] as const),
      );
      const toSubscriber = ids.flatMap((id) =>
        feed.arrivals.has(id) ? [feed.arrivals.get(id)! - acked.get(id)!] : [],
      );
      const lagToCommitted = summarizeLatencies(toCommitted);
      const lagToSubscriber = summarizeLatencies(toSubscriber);
      const outcome: StepOutcome = {
        offeredPerSecond: rate,
        sent: sent.sent,
        acknowledged: sent.acknowledged,
        lagToCommittedP99Ms: lagToCommitted.p99,
        lagToSubscriberP99Ms: lagToSubscriber.p99,
        backlogAtEnd,
        missedArrivals,
      };
      const step: EndToEndStep = {
        offeredPerSecond: rate,
        sent: sent.sent,
        acknowledged: sent.acknowledged,
        acknowledgedPerSecond: round(sent.acknowledged / stepSeconds, 1),
        processedPerSecond: round((processedAfter - processedBefore) / stepSeconds, 1),
        lagToCommitted,
        lagToSubscriber,
        lagP99Ms: Math.max(lagToCommitted.p99, lagToSubscriber.p99),
        backlogAtEnd,
        missedArrivals,
        sustained: keptUp(outcome),
        cpuMsPerDelivery,
        requestsPerDelivery,
      };
      steps.push(step);
      log(
        `endToEnd ${rate}/s: ${step.acknowledgedPerSecond}/s acknowledged, ${step.processedPerSecond}/s processed, ` +
          `lag p99 ${lagToCommitted.p99} ms committed / ${lagToSubscriber.p99} ms subscriber, backlog ${backlogAtEnd}` +
          `, ${missedArrivals} arrivals missed; CPU ms per delivery ` +
          `${round(
            Object.values(cpuMsPerDelivery).reduce((sum, ms) => sum + ms, 0),
            2,
          )} ${JSON.stringify(cpuMsPerDelivery)}; requests per delivery ${JSON.stringify(requestsPerDelivery)}`,
      );
    }

    // The drain: a backlog acknowledged with the worker stopped, then processed as fast as it goes. First every job
    // the steps left (the callbacks of the last step's orders queue behind its events): drained alongside, they were
    // charged to the drain (a full run's drain: 659 events/s, orders and PostgreSQL at twice their CPU per event).
    await settle(stack, log);
    await stack.stopWorker();
    const backlogDeliveries = await prepare(stack, settings.drainDeliveries, random);
    sentAll.push(...backlogDeliveries);
    const drainSent = await sendOpenLoop(backlogDeliveries, 100_000, acked);
    log(`endToEnd drain: ${drainSent.acknowledged} deliveries acknowledged with the worker stopped`);
    // What the worker drains is every delivery stored meanwhile, acknowledged or not: under a burst the shim
    // commits some whose 2xx the load generator never sees (its 10 s answer timeout), and the worker processes
    // those too. Rates and CPU per event count the events processed, not the 2xx received.
    const processedBeforeDrain = await processedCount(stack, since);
    await stack.startWorker();
    const drainWindow = await watchDrain(stack, since, feed, {
      processes: {
        gateway: service('gateway'),
        integrations: service('integrations'),
        orders: service('orders'),
        worker: service('worker'),
        postgres,
      },
      orders: backlogDeliveries.map((d) => d.order),
      limitMs: settings.catchUpLimitSeconds * 1000,
    });
    const drained = (await processedCount(stack, since)) - processedBeforeDrain;
    const drainSeconds = drainWindow.seconds;
    const drainPerSecond = round(drained / drainSeconds, 1);
    const drainCpuMsPerEvent = Object.fromEntries(
      Object.entries(drainWindow.cpuMs).map(([name, ms]) => [name, round(ms / Math.max(1, drained), 2)]),
    );
    log(
      `endToEnd drain: ${drained} events at ${drainPerSecond}/s over ${round(drainSeconds, 1)} s, CPU window ` +
        `${round(drainWindow.cpuWindowSeconds, 1)} s, ${drainWindow.missedArrivals} arrivals missed, ` +
        `CPU ms per event ${JSON.stringify(drainCpuMsPerEvent)}`,
    );

    const baselineInsertsPerSecond = await baselineInserts(stack, settings.drainDeliveries);
    log(`endToEnd baseline: ${baselineInsertsPerSecond} inserts/s`);

    const stored = await storedDeliveries(stack, since);
    const deliveries = countDeliveries(
      sentAll.map((d) => ({ key: d.key, acknowledged: acked.has(d.order) })),
      stored,
    );
    const subscribers = {
      ...accountArrivals(sentAll, stored, feed),
      gatewayDeliveries: countsSince(deliveriesBefore, await gatewayDeliveries(stack)),
    };
    log(`endToEnd deliveries: ${JSON.stringify(deliveries)}`);
    log(`endToEnd subscribers: ${JSON.stringify({ ...subscribers, closes: subscribers.closes.length })}`);
    return {
      steps,
      sustainedPerSecond: sustainedPerSecond(
        steps.map((step) => ({
          ...step,
          lagToCommittedP99Ms: step.lagToCommitted.p99,
          lagToSubscriberP99Ms: step.lagToSubscriber.p99,
        })),
      ),
      drainPerSecond,
      drain: {
        events: drained,
        acknowledged: drainSent.acknowledged,
        seconds: round(drainSeconds, 1),
        cpuWindowSeconds: round(drainWindow.cpuWindowSeconds, 1),
        missedArrivals: drainWindow.missedArrivals,
      },
      drainCpuMsPerEvent,
      baselineInsertsPerSecond,
      drainRatio: ratio(drainPerSecond, baselineInsertsPerSecond),
      deliveries,
      subscribers,
      peakRssMiB: peakRss(stack),
    };
  } finally {
    await feed.close();
  }
}

type Prepared = {
  /** The inbox's identity of the delivery: its connection and idempotency key. */
  key: string;
  /** The order it places, named `connection id/external id` (external ids are unique per connection only). */
  order: string;
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
};

/** Built and signed before the clock starts: signing is the provider's work, not ours. */
async function prepare(stack: BenchStack, count: number, random: ReturnType<typeof createRandom>): Promise<Prepared[]> {
  const connectionIds = new Map(
    stack.seed.tenants.flatMap((tenant) => tenant.connections.map((c) => [c.webhookUrl, c.id] as const)),
  );
  const prepared: Prepared[] = [];
  for (let i = 0; i < count; i += 1) {
    // Signing is CPU work on this process's one event loop, which also holds the subscribers' sockets: without a
    // turn for I/O, preparing 5,000 deliveries stalled it 27 s at a load average of 60, the gateway's ping went
    // unanswered for 12 s and graphql-ws ended both sockets (1006) with the arrivals in flight.
    if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
    const connection = stack.connections[i % stack.connections.length]!;
    const built = await newOrderWebhook(connection, random, stack.ordersInUse);
    const connectionId = connectionIds.get(connection.webhookUrl) ?? connection.webhookUrl;
    prepared.push({
      key: inboxKey(connectionId, built.idempotencyKey ?? ''),
      order: `${connectionId}/${built.externalId}`,
      url: built.url,
      method: built.method,
      headers: built.headers,
      body: built.body,
    });
  }
  return prepared;
}

/** What the inbox's unique constraint names a delivery by (webhook_events_idempotency_key, less the tenant). */
const inboxKey = (connectionId: string, idempotencyKey: string): string => `${connectionId}/${idempotencyKey}`;

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
            acked.set(delivery.order, Date.now());
          }
        })
        .catch(() => undefined)
        .finally(() => (inFlight -= 1)),
    );
  }
  await Promise.all(pending);
  return { sent: deliveries.length, acknowledged };
}

type Feeds = {
  /** Order (see Prepared) -> wall-clock ms its arrival (version 1) reached its tenant's subscriber. */
  arrivals: Map<string, number>;
  /** Every version the subscribers saw. */
  versions: VersionLog;
  /** Tenant id -> its subscriber's socket connections over the run. */
  spans: Map<string, SocketSpan[]>;
  closes: SubscriberClose[];
  close: () => Promise<void>;
};

const UNAUTHORIZED_CLOSE = 4401;

/**
 * One subscriber per seeded tenant (its owner), recording when each order's
 * arrival (version 1) reached it, every later version, and every close of
 * its socket (logged with code and reason). It reconnects as the dashboard
 * does (web/src/common/apollo.ts: graphql-ws retrying after any close, its
 * subscriptions sent again on the new socket); after 4401, where the
 * dashboard sends its user to sign in again, the bench signs in again itself.
 */
async function openFeeds(stack: BenchStack, log: (line: string) => void): Promise<Feeds> {
  const feeds: Feeds = {
    arrivals: new Map(),
    versions: new VersionLog(),
    spans: new Map(),
    closes: [],
    close: async () => {
      closing = true;
      stalls.stop();
      for (const dispose of disposers) dispose();
      await Promise.all(clients.map((client) => client.dispose()));
    },
  };
  let closing = false;
  const stalls = watchStalls();
  const clients: Client[] = [];
  const disposers: (() => void)[] = [];
  const url = `${stack.urls.gateway.replace(/^http/, 'ws')}/graphql`;
  const connected: Promise<void>[] = [];
  for (const tenant of stack.seed.tenants) {
    const name = tenant.slug;
    let token = await signIn(stack, tenant.ownerEmail);
    let signInAgain = false;
    const spans: SocketSpan[] = [];
    feeds.spans.set(tenant.tenantId, spans);
    let firstConnected!: () => void;
    connected.push(new Promise<void>((resolve) => (firstConnected = resolve)));
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: Infinity,
      shouldRetry: () => !closing,
      connectionParams: async () => {
        if (signInAgain) {
          token = await signIn(stack, tenant.ownerEmail);
          signInAgain = false;
        }
        return { authorization: `Bearer ${token}` };
      },
      on: {
        connected: () => {
          spans.push({ openedAt: Date.now(), closedAt: null });
          firstConnected();
        },
        closed: (event) => {
          if (closing) return;
          const at = new Date();
          const stalledMs = stalls.longestWithin(30_000);
          const open = spans.at(-1);
          if (open && open.closedAt === null) Object.assign(open, { closedAt: at.getTime(), unreadMs: stalledMs });
          const { code, reason } = closeOf(event);
          if (code === UNAUTHORIZED_CLOSE) signInAgain = true;
          feeds.closes.push({
            subscriber: name,
            at: at.toISOString(),
            code,
            reason,
            loadGeneratorStalledMs: stalledMs,
          });
          log(
            `endToEnd: the subscriber of ${name} was closed at ${at.toISOString()}: ${code} ${reason}; reconnecting` +
              ` (the load generator's longest stall in the 30 s before: ${stalledMs} ms)`,
          );
        },
      },
    });
    clients.push(client);
    disposers.push(
      client.subscribe<{ orderChanged: { externalId: string; version: number; connection: { id: string } } }>(
        { query: ORDER_FEED },
        {
          next: (result) => {
            const change = result.data?.orderChanged;
            if (!change) return;
            const order = `${change.connection.id}/${change.externalId}`;
            const seen = feeds.versions.see(order, change.version);
            if (seen !== 'repeat' && change.version === 1) feeds.arrivals.set(order, Date.now());
          },
          error: (error) => log(`endToEnd: the subscription of ${name} failed: ${closeOf(error).reason}`),
          complete: () => undefined,
        },
      ),
    );
  }
  await Promise.race([
    Promise.all(connected),
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error('endToEnd: the subscribers did not connect within 30 s')), 30_000).unref(),
    ),
  ]);
  // Subscriptions are registered when the server has them; a moment for the subscribe messages to land.
  await new Promise((resolve) => setTimeout(resolve, 500));
  return feeds;
}

/**
 * The load generator's own event-loop stalls (over a second): graphql-ws's
 * server pings each socket every 12 s and terminates one whose pong it has
 * not read 12 s later (close 1006 at the client), so a stall of the process
 * holding the subscribers shows up as closes that say nothing of the gateway.
 */
function watchStalls(): { longestWithin: (ms: number) => number; stop: () => void } {
  const stalls: { at: number; ms: number }[] = [];
  const tickMs = 250;
  let expected = Date.now() + tickMs;
  const timer = setInterval(() => {
    const now = Date.now();
    if (now - expected > 1_000) stalls.push({ at: now, ms: now - expected });
    expected = now + tickMs;
  }, tickMs);
  timer.unref();
  return {
    longestWithin: (ms) => Math.max(0, ...stalls.filter((stall) => stall.at >= Date.now() - ms).map((s) => s.ms)),
    stop: () => clearInterval(timer),
  };
}

/** A close as graphql-ws reports it: a CloseEvent (code, reason) or, when the socket failed, an Error. */
function closeOf(event: unknown): { code: number; reason: string } {
  const { code, reason, message } = (event ?? {}) as { code?: unknown; reason?: unknown; message?: unknown };
  return {
    code: typeof code === 'number' ? code : 0,
    reason: typeof reason === 'string' && reason ? reason : typeof message === 'string' ? message : '(no reason)',
  };
}

/**
 * Waits until every one of `orders` reached its subscriber, or none
 * came for ARRIVAL_GRACE_MS (a lost arrival never comes: it is counted, not
 * waited out), or `limitMs` passed. Returns how many never came.
 */
async function waitForArrivals(feed: Feeds, orders: string[], limitMs: number): Promise<number> {
  const started = performance.now();
  let arrived = -1;
  let lastArrival = started;
  for (;;) {
    const now = performance.now();
    const count = orders.filter((id) => feed.arrivals.has(id)).length;
    if (count === orders.length) return 0;
    if (count > arrived) [arrived, lastArrival] = [count, now];
    if (now - lastArrival > ARRIVAL_GRACE_MS || now - started > limitMs) return orders.length - count;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Watches the drain from the worker's start: its time runs until nothing is
 * left to process; its CPU window until the last event processed or the last
 * drained order's arrival at a subscriber, whichever came later (read at
 * most a poll after it). Arrivals that never come are counted once none has
 * come for ARRIVAL_GRACE_MS, outside the window.
 */
async function watchDrain(
  stack: BenchStack,
  since: Date,
  feed: Feeds,
  options: { processes: Record<string, () => number | null>; orders: string[]; limitMs: number },
): Promise<{ seconds: number; cpuWindowSeconds: number; cpuMs: Record<string, number>; missedArrivals: number }> {
  // Polled on one connection: counting PROCESSED rows instead scanned the inbox, 38 ms a poll, PostgreSQL CPU the
  // drain was charged for.
  return stack.withDatabase(async (client) => {
    const open = () => openEvents(client, since);
    return watchDrainOver(open, stack, since, feed, options);
  });
}

async function watchDrainOver(
  open: () => Promise<number>,
  stack: BenchStack,
  since: Date,
  feed: Feeds,
  options: { processes: Record<string, () => number | null>; orders: string[]; limitMs: number },
): Promise<{ seconds: number; cpuWindowSeconds: number; cpuMs: Record<string, number>; missedArrivals: number }> {
  const started = performance.now();
  const startCpu = readCpu(options.processes);
  let lastCpu = startCpu;
  let lastProgress = started;
  let left = await open();
  let arrived = 0;
  let seconds: number | null = null;
  let expected: string[] | null = null;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = performance.now();
    const leftNow = await open();
    const arrivedNow = options.orders.filter((id) => feed.arrivals.has(id)).length;
    if (leftNow < left || arrivedNow > arrived) {
      lastCpu = readCpu(options.processes);
      lastProgress = now;
      [left, arrived] = [leftNow, arrivedNow];
    }
    if (seconds === null && leftNow === 0) {
      seconds = (now - started) / 1000;
      // The orders to wait for: every drained delivery processed, whether or not its 2xx reached the generator.
      expected = [...(await processedAt(stack, since, options.orders)).keys()];
    }
    const allArrived = expected !== null && expected.every((id) => feed.arrivals.has(id));
    const quiet = expected !== null && now - lastProgress > ARRIVAL_GRACE_MS;
    if (allArrived || quiet || now - started > options.limitMs) {
      return {
        seconds: seconds ?? (now - started) / 1000,
        cpuWindowSeconds: (lastProgress - started) / 1000,
        cpuMs: cpuBetween(startCpu, lastCpu),
        missedArrivals: (expected ?? options.orders).filter((id) => !feed.arrivals.has(id)).length,
      };
    }
  }
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

const backlog = (stack: BenchStack, since: Date): Promise<number> =>
  stack.withDatabase((client) => openEvents(client, since));

async function catchUp(stack: BenchStack, since: Date, limitSeconds: number): Promise<void> {
  const started = performance.now();
  while ((await backlog(stack, since)) > 0 && performance.now() - started < limitSeconds * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * When each of `orders` (see Prepared) had its event marked PROCESSED (after the orders transaction committed),
 * wall-clock ms.
 */
async function processedAt(stack: BenchStack, since: Date, orders: string[]): Promise<Map<string, number>> {
  const rows = await query<{ order: string; at: string }>(
    stack,
    `select e.connection_id || '/' || o.external_id as order, (extract(epoch from e.processed_at) * 1000)::float8 as at
       from integrations.webhook_events e
       cross join lateral unnest(e.order_ids) as u(order_id)
       join orders.orders o on o.tenant_id = e.tenant_id and o.id = u.order_id
      where e.received_at >= $1 and e.status = 'PROCESSED'
        and e.connection_id || '/' || o.external_id = any($2::text[])`,
    [since, orders],
  );
  return new Map(rows.map((row) => [row.order, Number(row.at)]));
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

type StoredRow = StoredDelivery & { tenantId: string; committedAt: number | null };

/** Each count of `after` less the same count in `before`. */
function countsSince(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([key, count]) => [key, count - (before[key] ?? 0)]));
}

/** `nexara_subscription_deliveries_total` on the dashboard's endpoint, by outcome, from the gateway's /metrics. */
async function gatewayDeliveries(stack: BenchStack): Promise<Record<string, number>> {
  const samples = await fetchMetricSamples(stack.urls.gateway, 'nexara_subscription_deliveries_total');
  return Object.fromEntries(
    samples
      .filter(({ labels }) => labels['path'] === '/graphql' && labels['outcome'])
      .map(({ labels, value }) => [labels['outcome']!, value]),
  );
}

/** Routes every service answers that are not the platform's work. */
const HOUSEKEEPING_ROUTES = new Set(['/metrics', '/healthz', '/readyz']);

/** The HTTP requests each service has answered since it started (`http_server_request_duration_seconds`), /metrics and health checks left out. */
async function requestsAnswered(stack: BenchStack): Promise<Record<string, number>> {
  const services = ['gateway', 'integrations', 'orders', 'tenants', 'catalog'] as const;
  const counts = await Promise.all(
    services.map(async (name) => {
      const samples = await fetchMetricSamples(stack.urls[name], 'http_server_request_duration_seconds_count');
      const answered = samples
        .filter(({ labels }) => !HOUSEKEEPING_ROUTES.has(labels['http_route'] ?? ''))
        .reduce((sum, { value }) => sum + value, 0);
      return [name, answered] as const;
    }),
  );
  return Object.fromEntries(counts);
}

/** Every inbox row stored since `since`, named by `inboxKey`, with what its processing left in orders. */
async function storedDeliveries(stack: BenchStack, since: Date): Promise<StoredRow[]> {
  const rows = await query<{
    connection_id: string;
    idempotency_key: string;
    tenant_id: string;
    status: string;
    orders: number;
    arrival_entries: number;
    processed_at: number | null;
  }>(
    stack,
    `select e.connection_id, e.idempotency_key, e.tenant_id, e.status, cardinality(e.order_ids) as orders,
            (select count(*) from orders.order_events t
              where t.tenant_id = e.tenant_id and t.order_id = any(e.order_ids)
                and t.status = 'RECEIVED' and t.source = 'PROVIDER')::int as arrival_entries,
            (extract(epoch from e.processed_at) * 1000)::float8 as processed_at
       from integrations.webhook_events e
      where e.received_at >= $1`,
    [since],
  );
  return rows.map((row) => ({
    key: inboxKey(row.connection_id, row.idempotency_key),
    tenantId: row.tenant_id,
    status: row.status,
    orders: Number(row.orders),
    arrivalEntries: Number(row.arrival_entries),
    committedAt: row.processed_at === null ? null : Number(row.processed_at),
  }));
}

/** What the subscribers saw of every order committed from a sent delivery (see SubscriberAccount). */
function accountArrivals(sent: Prepared[], stored: StoredRow[], feed: Feeds): SubscriberAccount {
  const orderOf = new Map(sent.map((d) => [d.key, d.order]));
  const committed = stored.filter((row) => row.status === 'PROCESSED' && orderOf.has(row.key));
  const missed = committed
    .filter((row) => !feed.arrivals.has(orderOf.get(row.key)!))
    .map((row) => ({ subscriber: row.tenantId, committedAt: row.committedAt ?? 0 }));
  const { whileDisconnected, onOpenSocket } = classifyMissedArrivals(missed, feed.spans);
  const versions = feed.versions.account(new Set(sent.map((d) => d.order)));
  return {
    expected: committed.length,
    seen: committed.length - missed.length,
    missedWhileDisconnected: whileDisconnected,
    missedOnOpenSocket: onOpenSocket,
    ...versions,
    closes: feed.closes,
    // A gap is a broken promise unless a socket closed (what changed while it was away is not replayed).
    ok: onOpenSocket === 0 && versions.repeated === 0 && (versions.gaps === 0 || feed.closes.length > 0),
  };
}
