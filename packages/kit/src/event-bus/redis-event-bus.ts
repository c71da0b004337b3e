import { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { EVENT_CHANNEL, ListenerSet, receivedOffTheWire, wireFormOf, type BusEvent, type EventBus } from './event-bus';

/**
 * With REDIS_URL: Redis pub/sub, so several gateway instances (and services)
 * share one stream without holding database connections. ioredis reconnects
 * and re-subscribes by itself after a dropped connection.
 */
export function createRedisEventBus(options: { redisUrl: string; logger: Logger }): EventBus {
  const listeners = new ListenerSet();
  const retryStrategy = (attempt: number): number => Math.min(100 * 2 ** attempt, 5_000);
  const subscriber = new Redis(options.redisUrl, {
    retryStrategy,
    maxRetriesPerRequest: null,
    connectionName: 'nexara-bus-listen',
  });
  const publisher = new Redis(options.redisUrl, { retryStrategy, maxRetriesPerRequest: 3 });
  for (const client of [subscriber, publisher]) {
    client.on('error', (error: Error) =>
      options.logger.warn({ err: error.message }, 'event bus redis connection error'),
    );
  }
  subscriber.on('message', (_channel: string, payload: string) => {
    receivedOffTheWire(payload, listeners, options.logger);
  });
  const subscribed = subscriber.subscribe(EVENT_CHANNEL).then(() => undefined);

  return {
    transport: 'redis',
    publish: async (event: BusEvent) => {
      await publisher.publish(EVENT_CHANNEL, wireFormOf(event));
    },
    subscribe: (listener) => listeners.add(listener),
    ready: async () => {
      await subscribed;
      if (subscriber.status !== 'ready')
        await new Promise<void>((resolve) => subscriber.once('ready', () => resolve()));
    },
    close: async () => {
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
