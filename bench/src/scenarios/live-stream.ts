import { performance } from 'node:perf_hooks';
import { createRandom, sendWebhook } from '@nexara/simulator';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { newOrderWebhook } from '../load/new-orders';
import type { BenchStack } from '../stack/bench-stack';
import { signIn } from '../stack/sign-in';
import { ratio, summarizeLatencies, type LatencySummary } from '../stats';

export type LiveStreamSettings = {
  /** Subscriber counts to measure; the first is the baseline the others are compared with. */
  subscribers: number[];
  /** Measured webhooks per subscriber count (after one warm-up webhook). */
  events: number;
  /** Subscriptions multiplexed on one WebSocket (a dashboard tab opens one socket for all its subscriptions). */
  perSocket: number;
};

export type LiveStreamLevel = {
  subscribers: number;
  /** Webhook POST to each subscriber's copy of the event, every subscriber of every event. */
  delivery: LatencySummary;
  /** Webhook POST to the last subscriber's copy, per event. */
  lastSubscriber: LatencySummary;
  /** p99 over the baseline's p99. */
  p99Ratio: number | null;
};

export type LiveStreamResult = { baselineSubscribers: number; levels: LiveStreamLevel[] };

const ORDER_CHANGED = `subscription OrderFeed {
  orderChanged { id externalId status tenant { name } connection { name provider } total { amount currency } }
}`;

type OrderChanged = { orderChanged: { externalId: string } };

/**
 * The live path end to end: a provider's webhook through the shim, inbox,
 * queue, worker and orders, to the bus, to every graphql-ws subscriber of the
 * tenant (one re-read for all, as they share a selection). The clock runs
 * from the webhook POST to each subscriber's copy. Subscribers are this
 * process's own WebSocket clients, so their receiving is part of the time.
 */
export async function benchLiveStream(
  stack: BenchStack,
  settings: LiveStreamSettings,
  log: (line: string) => void,
): Promise<LiveStreamResult> {
  await stack.startWorker();
  const bistro = stack.seed.tenants.find((t) => t.slug === 'demo-bistro')!;
  const connections = stack.connections.filter((c) =>
    bistro.connections.some((own) => own.webhookUrl === c.webhookUrl),
  );
  const token = await signIn(stack, bistro.ownerEmail);
  const random = createRandom(7);
  let sent = 0;

  const measureLevel = async (subscribers: number): Promise<{ delivery: number[]; last: number[] }> => {
    const feed = await openFeed(stack.urls.gateway, token, subscribers, settings.perSocket);
    try {
      const oneEvent = async (timeoutMs = 60_000): Promise<number[]> => {
        const connection = connections[sent++ % connections.length]!;
        const webhook = await newOrderWebhook(connection, random, stack.ordersInUse);
        const arrived = feed.expect(webhook.externalId, timeoutMs);
        const started = performance.now();
        const answer = await sendWebhook(webhook);
        if (answer.status < 200 || answer.status > 299)
          throw new Error(`the webhook was refused: ${answer.status} ${answer.body}`);
        return (await arrived).map((at) => at - started);
      };
      await warmUp(() => oneEvent(10_000));
      const delivery: number[] = [];
      const last: number[] = [];
      for (let i = 0; i < settings.events; i += 1) {
        const times = await oneEvent();
        delivery.push(...times);
        last.push(Math.max(...times));
      }
      return { delivery, last };
    } finally {
      await feed.close();
    }
  };

  const levels: LiveStreamLevel[] = [];
  let baselineP99 = 0;
  for (const subscribers of settings.subscribers) {
    const { delivery, last } = await measureLevel(subscribers);
    const summary = summarizeLatencies(delivery);
    if (levels.length === 0) baselineP99 = summary.p99;
    levels.push({
      subscribers,
      delivery: summary,
      lastSubscriber: summarizeLatencies(last),
      p99Ratio: ratio(summary.p99, baselineP99),
    });
    log(
      `${subscribers} subscribers: median ${summary.median} ms, p99 ${summary.p99} ms (${delivery.length} deliveries)`,
    );
  }
  return { baselineSubscribers: settings.subscribers[0]!, levels };
}

/**
 * Until one event reaches every subscriber: the gateway registers
 * subscriptions asynchronously, and the first event also plans the re-read.
 */
async function warmUp(oneEvent: () => Promise<number[]>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await oneEvent();
      return;
    } catch (error) {
      if (attempt === 5) throw error;
    }
  }
}

type Feed = {
  /** Resolves with each subscriber's arrival time of the order with this provider id, once all have it. */
  expect: (externalId: string, timeoutMs: number) => Promise<number[]>;
  close: () => Promise<void>;
};

/** `subscribers` subscriptions of `orderChanged`, `perSocket` to a socket, all open before it returns. */
async function openFeed(gatewayUrl: string, token: string, subscribers: number, perSocket: number): Promise<Feed> {
  const sockets: Client[] = [];
  const disposers: (() => void)[] = [];
  const waiting = new Map<
    string,
    { times: (number | undefined)[]; remaining: number; done: (times: number[]) => void }
  >();
  const onEvent = (subscriber: number, data: OrderChanged): void => {
    const at = performance.now();
    const wait = waiting.get(data.orderChanged.externalId);
    if (!wait || wait.times[subscriber] !== undefined) return; // a later change of the same order
    wait.times[subscriber] = at;
    if ((wait.remaining -= 1) === 0) {
      waiting.delete(data.orderChanged.externalId);
      wait.done(wait.times as number[]);
    }
  };
  for (let first = 0; first < subscribers; first += perSocket) {
    const socket = await connect(gatewayUrl, token);
    sockets.push(socket);
    for (let subscriber = first; subscriber < Math.min(first + perSocket, subscribers); subscriber += 1) {
      disposers.push(
        socket.subscribe<OrderChanged>(
          { query: ORDER_CHANGED },
          {
            next: (result) => {
              // A subscription the gateway refuses (a limit) is answered with its error and completed.
              if (result.errors?.length) {
                process.stderr.write(`subscription ${subscriber} refused: ${JSON.stringify(result.errors)}\n`);
              }
              if (result.data) onEvent(subscriber, result.data as OrderChanged);
            },
            error: (error) => process.stderr.write(`subscription ${subscriber} failed: ${JSON.stringify(error)}\n`),
            complete: () => undefined,
          },
        ),
      );
    }
  }
  return {
    expect: (externalId, timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const wait = waiting.get(externalId);
          waiting.delete(externalId);
          reject(
            new Error(`${wait?.remaining ?? '?'} of ${subscribers} subscribers never received order ${externalId}`),
          );
        }, timeoutMs);
        waiting.set(externalId, {
          times: new Array<number | undefined>(subscribers),
          remaining: subscribers,
          done: (times) => {
            clearTimeout(timer);
            resolve(times);
          },
        });
      }),
    close: async () => {
      for (const dispose of disposers) dispose();
      await Promise.all(sockets.map((socket) => socket.dispose()));
    },
  };
}

/** One graphql-ws connection, acknowledged by the gateway (authenticated) before it resolves. */
export function connect(gatewayUrl: string, token: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = createClient({
      url: `${gatewayUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
      retryAttempts: 0,
      on: {
        connected: () => resolve(client),
        closed: (event) => reject(new Error(`socket closed: ${JSON.stringify(event)}`)),
      },
      onNonLazyError: reject,
    });
  });
}
