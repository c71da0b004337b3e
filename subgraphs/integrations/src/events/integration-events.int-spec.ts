import { randomUUID } from 'node:crypto';
import { createLogger, createPostgresEventBus, type BusEvent, type EventBus } from '@nexara/kit';
import { createTestDatabase, eventually, type TestDatabase } from '@nexara/test-support';
import { BUS_EVENTS } from '@nexara/contracts';
import { integrationEventsOn } from './integration-events';

/** Health announcements over the real LISTEN/NOTIFY bus: one now, one at the end of the burst, per connection. */
describe('integration events (real PostgreSQL bus)', () => {
  let db: TestDatabase;
  let publisher: EventBus;
  let listener: EventBus;
  const heard: BusEvent[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const logger = createLogger('events-test', 'silent');
    publisher = createPostgresEventBus({ databaseUrl: db.serviceUrls.integrations, logger });
    listener = createPostgresEventBus({ databaseUrl: db.serviceUrls.integrations, logger });
    await Promise.all([publisher.ready(), listener.ready()]);
    listener.subscribe((event) => heard.push(event));
  });

  afterAll(async () => {
    await publisher?.close();
    await listener?.close();
    await db?.drop();
  });

  it('coalesces a burst per connection into the first event and one trailing event, and never mixes connections', async () => {
    const events = integrationEventsOn(publisher, createLogger('events-test', 'silent'), { coalesceMs: 200 });
    const tenantId = randomUUID();
    const [busy, quiet] = [randomUUID(), randomUUID()];
    for (let i = 0; i < 20; i += 1) events.connectionHealthMayHaveChanged(tenantId, busy);
    events.connectionHealthMayHaveChanged(tenantId, quiet);

    const ofBusy = () => heard.filter((e) => e.id === busy);
    // Publishes go over a pool, so the quiet connection's event may arrive after the busy one's trailing event.
    await eventually(
      async () => (ofBusy().length === 2 && heard.some((e) => e.id === quiet) ? true : undefined),
      5_000,
      'the trailing event and the quiet connection event',
    );
    expect(ofBusy()).toEqual([
      { tenantId, kind: BUS_EVENTS.connectionHealth, id: busy },
      { tenantId, kind: BUS_EVENTS.connectionHealth, id: busy },
    ]);
    expect(heard.filter((e) => e.id === quiet)).toEqual([{ tenantId, kind: BUS_EVENTS.connectionHealth, id: quiet }]);

    // A call held back when the service stops is sent by flush, not lost.
    events.connectionHealthMayHaveChanged(tenantId, busy);
    await events.flush();
    await eventually(async () => (ofBusy().length === 3 ? true : undefined), 5_000, 'the flushed event');
  });
});
