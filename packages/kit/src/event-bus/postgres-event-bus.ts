import { Client, Pool } from 'pg';
import type { Logger } from '../logger';
import { EVENT_CHANNEL, ListenerSet, parseBusEvent, wireFormOf, type BusEvent, type EventBus } from './event-bus';

/**
 * The default transport: PostgreSQL LISTEN/NOTIFY on the platform database.
 * One dedicated connection listens; when it drops (server restart, network,
 * pg_terminate_backend) it reconnects with backoff and listens again, so the
 * stream resumes. Events sent while it was down are not replayed: consumers
 * re-read state, they do not rely on having seen every event.
 */
export function createPostgresEventBus(options: { databaseUrl: string; logger: Logger }): EventBus {
  const listeners = new ListenerSet();
  const publisher = new Pool({ connectionString: options.databaseUrl, max: 2, application_name: 'nexara-bus-publish' });
  publisher.on('error', (error) => options.logger.warn({ err: error }, 'event bus publisher connection error'));
  let listener: Client | null = null;
  let closed = false;
  let retryMs = 100;
  let readyResolve: () => void = () => undefined;
  let ready = new Promise<void>((resolve) => (readyResolve = resolve));

  const connect = async (): Promise<void> => {
    if (closed) return;
    const client = new Client({ connectionString: options.databaseUrl, application_name: 'nexara-bus-listen' });
    client.on('notification', (message) => {
      const event = message.payload ? parseBusEvent(message.payload) : null;
      if (event) listeners.emit(event, (error) => options.logger.error({ err: error }, 'event listener failed'));
    });
    client.on('error', (error) => {
      options.logger.warn({ err: error.message }, 'event bus listener lost its connection; reconnecting');
      reconnect(client);
    });
    client.on('end', () => reconnect(client));
    try {
      await client.connect();
      await client.query(`listen ${EVENT_CHANNEL}`);
      listener = client;
      retryMs = 100;
      readyResolve();
    } catch (error) {
      options.logger.warn({ err: String(error) }, 'event bus could not listen; retrying');
      reconnect(client);
    }
  };

  const reconnect = (client: Client): void => {
    if (closed || (listener !== null && listener !== client)) return;
    if (listener === client) {
      listener = null;
      ready = new Promise<void>((resolve) => (readyResolve = resolve));
    }
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    const delay = retryMs;
    retryMs = Math.min(retryMs * 2, 5_000);
    setTimeout(
      () =>
        connect().catch((error: unknown) => options.logger.warn({ err: String(error) }, 'event bus reconnect failed')),
      delay,
    ).unref();
  };

  connect().catch((error: unknown) =>
    options.logger.warn({ err: String(error) }, 'event bus could not start listening'),
  );

  return {
    transport: 'postgres',
    publish: async (event: BusEvent) => {
      await publisher.query('select pg_notify($1, $2)', [EVENT_CHANNEL, wireFormOf(event)]);
    },
    subscribe: (listenerFn) => listeners.add(listenerFn),
    ready: () => ready,
    close: async () => {
      closed = true;
      const current = listener;
      listener = null;
      await current?.end().catch(() => undefined);
      await publisher.end();
    },
  };
}
