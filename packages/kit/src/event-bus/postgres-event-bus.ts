import { Client, Pool } from 'pg';
import type { Logger } from '../logger';
import { EVENT_CHANNEL, ListenerSet, receivedOffTheWire, wireFormOf, type BusEvent, type EventBus } from './event-bus';

/**
 * The default transport: PostgreSQL LISTEN/NOTIFY on the platform database.
 * One dedicated connection listens; when it drops (server restart, network,
 * pg_terminate_backend) it reconnects with backoff and listens again, so the
 * stream resumes. Events sent while it was down are not replayed: consumers
 * re-read state, they do not rely on having seen every event.
 */
/** Events per NOTIFY statement (each payload is a few hundred bytes at most). */
const MAX_EVENTS_PER_NOTIFY = 500;

export function createPostgresEventBus(options: { databaseUrl: string; logger: Logger }): EventBus {
  const listeners = new ListenerSet();
  // One connection: `publish` sends one statement at a time (below).
  const publisher = new Pool({ connectionString: options.databaseUrl, max: 1, application_name: 'nexara-bus-publish' });
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
      receivedOffTheWire(message.payload ?? '', listeners, options.logger);
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

  // Publishing: the events published while a NOTIFY statement runs go out together in the next one. Every NOTIFY
  // commit takes PostgreSQL's one notification-queue lock and waits for its WAL flush while holding it, so one
  // statement per event serialised every publisher of the cluster on disk flushes (one per order change at a
  // provider burst: measured in `npm run bench`, endToEnd). One statement at a time, from one queue, keeps the
  // events in the order they were published, which the order-version stream relies on.
  let waiting: { payload: string; settle: (error?: unknown) => void }[] = [];
  let sending: Promise<void> | null = null;
  const send = async (): Promise<void> => {
    while (waiting.length) {
      const batch = waiting.slice(0, MAX_EVENTS_PER_NOTIFY);
      waiting = waiting.slice(batch.length);
      try {
        // unnest yields the payloads in order; pg_notify runs once per row, in that order.
        await publisher.query('select pg_notify($1, payload) from unnest($2::text[]) as e(payload)', [
          EVENT_CHANNEL,
          batch.map((item) => item.payload),
        ]);
        for (const item of batch) item.settle();
      } catch (error) {
        for (const item of batch) item.settle(error);
      }
    }
    sending = null;
  };

  return {
    transport: 'postgres',
    publish: (event: BusEvent) =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ payload: wireFormOf(event), settle: (error) => (error ? reject(error) : resolve()) });
        sending ??= send();
      }),
    subscribe: (listenerFn) => listeners.add(listenerFn),
    ready: () => ready,
    close: async () => {
      closed = true;
      const current = listener;
      listener = null;
      await current?.end().catch(() => undefined);
      await sending;
      await publisher.end();
    },
  };
}
