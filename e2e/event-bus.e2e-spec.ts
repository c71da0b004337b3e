import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createTestDatabase, type TestDatabase } from '@nexara/test-support';
import {
  EVENT_CHANNEL,
  createLogger,
  createPostgresEventBus,
  createRedisEventBus,
  type BusEvent,
  type EventBus,
  type Logger,
} from '@nexara/kit';
import { capturingLogger } from './support/gateway';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const logger = createLogger('event-bus-test', 'silent');

/** Resolves with the first event of `tenantId` that `bus` delivers (events of other tests are ignored). */
function nextEvent(bus: EventBus, tenantId: string, timeoutMs = 10_000): Promise<BusEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no event for ${tenantId} within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = bus.subscribe((event) => {
      if (event.tenantId !== tenantId) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(event);
    });
  });
}

/** Publishes until the bus delivers one (a reconnecting listener misses what is sent while it is down, by design). */
async function publishUntilDelivered(publisher: EventBus, subscriber: EventBus, kind: string): Promise<BusEvent> {
  const tenantId = randomUUID();
  const delivered = nextEvent(subscriber, tenantId, 20_000);
  let done = false;
  void delivered.finally(() => (done = true));
  for (let attempt = 0; !done && attempt < 200; attempt += 1) {
    await publisher.publish({ tenantId, kind, id: String(attempt) }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return delivered;
}

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

type Transport = {
  name: string;
  create: (log?: Logger) => EventBus;
  /** Sends a payload on the bus's channel as it is, bypassing `publish`. */
  publishRaw: (payload: string) => Promise<void>;
  /** Cuts the listening connection from the server side. */
  killListener: () => Promise<void>;
};

const transports: Transport[] = [
  {
    name: 'PostgreSQL LISTEN/NOTIFY',
    create: (log = logger) => createPostgresEventBus({ databaseUrl: database.serviceUrls.orders, logger: log }),
    publishRaw: async (payload) => {
      await database.queryAsAdmin('select pg_notify($1, $2)', [EVENT_CHANNEL, payload]);
    },
    killListener: async () => {
      await database.queryAsAdmin(
        `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'nexara-bus-listen' and datname = current_database()`,
      );
    },
  },
  {
    name: 'Redis pub/sub',
    create: (log = logger) => createRedisEventBus({ redisUrl: REDIS_URL, logger: log }),
    publishRaw: async (payload) => {
      const admin = new Redis(REDIS_URL);
      try {
        await admin.publish(EVENT_CHANNEL, payload);
      } finally {
        admin.disconnect();
      }
    },
    killListener: async () => {
      const admin = new Redis(REDIS_URL);
      try {
        const clients = String(await admin.call('CLIENT', 'LIST')).split('\n');
        for (const line of clients.filter((l) => l.includes('name=nexara-bus-listen'))) {
          const id = /\bid=(\d+)/.exec(line)?.[1];
          if (id) await admin.call('CLIENT', 'KILL', 'ID', id);
        }
      } finally {
        admin.disconnect();
      }
    },
  },
];

describe.each(transports)('event bus over $name', ({ create, publishRaw, killListener }) => {
  let first: EventBus;
  let second: EventBus;

  beforeEach(async () => {
    first = create();
    second = create();
    await Promise.all([first.ready(), second.ready()]);
  });

  afterEach(async () => {
    await Promise.all([first.close(), second.close()]);
  });

  it('delivers an event published by one instance to the subscribers of another (ids only)', async () => {
    const tenantId = randomUUID();
    const onSecond = nextEvent(second, tenantId);
    const onFirst = nextEvent(first, tenantId);
    await first.publish({ tenantId, kind: 'order.changed', id: 'order-1' });
    await expect(onSecond).resolves.toEqual({ tenantId, kind: 'order.changed', id: 'order-1' });
    await expect(onFirst).resolves.toEqual({ tenantId, kind: 'order.changed', id: 'order-1' });
  });

  it('delivers a burst of events published at once, each once, in the order published', async () => {
    const tenantId = randomUUID();
    const ids = Array.from({ length: 300 }, (_, i) => String(i));
    const received: string[] = [];
    const all = new Promise<void>((resolve) => {
      second.subscribe((event) => {
        if (event.tenantId !== tenantId) return;
        received.push(event.id);
        if (received.length === ids.length) resolve();
      });
    });
    await Promise.all(ids.map((id) => first.publish({ tenantId, kind: 'order.changed', id, version: 1 })));
    await all;
    expect(received).toEqual(ids);
  });

  it('keeps one failing listener from starving the others', async () => {
    const tenantId = randomUUID();
    second.subscribe(() => {
      throw new Error('a broken listener');
    });
    const delivered = nextEvent(second, tenantId);
    await first.publish({ tenantId, kind: 'order.changed', id: 'x' });
    await expect(delivered).resolves.toMatchObject({ id: 'x' });
  });

  it('drops a malformed payload with a warning that shows it, and delivers what follows', async () => {
    const captured = capturingLogger();
    const listening = create(captured.logger);
    await listening.ready();
    try {
      const tenantId = randomUUID();
      const after = nextEvent(listening, tenantId);
      // No tenant and no id: nothing a listener could act on. Sent (and answered) before the good event, on the
      // one channel, so the listener has read it by the time the good one arrives.
      const marker = randomUUID();
      await publishRaw(JSON.stringify({ kind: marker }));
      await first.publish({ tenantId, kind: 'order.changed', id: 'after' });
      await expect(after).resolves.toEqual({ tenantId, kind: 'order.changed', id: 'after' });
      const warnings = captured
        .lines()
        .map((line) => JSON.parse(line) as { level: number; msg: string; payload?: string })
        .filter((line) => line.payload?.includes(marker));
      expect(warnings).toEqual([
        expect.objectContaining({
          level: 40,
          msg: 'event bus dropped a malformed event',
          payload: `{"kind":"${marker}"}`,
        }),
      ]);
    } finally {
      await listening.close();
    }
  });

  it('reconnects when its listening connection is killed, and the stream resumes', async () => {
    await expect(publishUntilDelivered(first, second, 'before')).resolves.toMatchObject({ kind: 'before' });
    await killListener();
    await expect(publishUntilDelivered(first, second, 'after')).resolves.toMatchObject({ kind: 'after' });
  });
});
