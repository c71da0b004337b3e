import { randomUUID } from 'node:crypto';
import { createTestDatabase, testSecrets, type TestDatabase } from '@nexara/test-support';
import { aConnectProviderInput } from '../testing/connection-factory';
import { errorCodes } from '../testing/graphql-client';
import { aDelivery, backdateConnection } from '../testing/health-fixtures';
import { aPartner, aUser, tenantAdmin } from '../testing/identities';
import { startIntegrations, type RunningIntegrations } from '../testing/integrations-test-server';

type Health = {
  connectionId: string;
  state: string;
  stateReason: string;
  lastDeliveryAt: string | null;
  deliveriesLastHour: number;
  failuresLastHour: number;
  successRate: number | null;
  p95ProcessingMs: number | null;
  deadCount: number;
  failedCount: number;
  authFailuresLastHour: number;
  silentAfterMinutes: number;
  expectedHours: { opensAt: string; closesAt: string; timeZone: string } | null;
  connection: { id: string };
};

const FIELDS = `connectionId state stateReason lastDeliveryAt deliveriesLastHour failuresLastHour successRate p95ProcessingMs
  deadCount failedCount authFailuresLastHour silentAfterMinutes expectedHours { opensAt closesAt timeZone } connection { id }`;
const ALL = `{ integrationHealth { ${FIELDS} } }`;
const ONE = `query($id: ID!) { connectionHealth(connectionId: $id) { ${FIELDS} } }`;
const SET_HOURS = `mutation($input: ConnectionExpectedHoursInput!) { setConnectionExpectedHours(input: $input) { ${FIELDS} } }`;

/** Health computed in SQL from real rows, read through the subgraph over HTTP. */
describe('integration health (real PostgreSQL)', () => {
  let db: TestDatabase;
  let integrations: RunningIntegrations;
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  beforeAll(async () => {
    db = await createTestDatabase();
    integrations = await startIntegrations({
      databaseUrl: db.serviceUrls.integrations,
      internalTokenSecret: testSecrets.internalTokenSecret,
      encryptionKeys: testSecrets.secretsEncryptionKey,
    });
  });

  afterAll(async () => {
    await integrations?.server.close();
    await db?.drop();
  });

  const connect = async (tenantId: string): Promise<string> =>
    (await integrations.server.services.connections.connectProvider(tenantAdmin(tenantId), aConnectProviderInput()))
      .connection.id;

  const healthOf = async (tenantId: string, connectionId: string): Promise<Health | null> => {
    const response = await integrations.graphql<{ connectionHealth: Health | null }>(
      ONE,
      { id: connectionId },
      aUser(tenantId, 'STAFF'),
    );
    expect(response.errors).toEqual([]);
    return response.data!.connectionHealth;
  };

  it('counts the last hour, the success rate, p95 and the deliveries waiting for a replay from real rows', async () => {
    const connectionId = await connect(tenantA);
    const delivery = (status: 'PROCESSED' | 'FAILED' | 'DEAD' | 'QUEUED', minutesAgo: number, processingMs?: number) =>
      aDelivery(db, { tenantId: tenantA, connectionId, status, minutesAgo, processingMs });
    // In the last hour: 8 processed (100..800 ms), 1 FAILED, 1 DEAD, 1 still queued.
    for (let i = 1; i <= 8; i += 1) await delivery('PROCESSED', 10 + i, i * 100);
    await delivery('FAILED', 30);
    await delivery('DEAD', 40);
    await delivery('QUEUED', 2);
    // Older: outside the window, but the DEAD one still waits for a replay.
    await delivery('PROCESSED', 120, 99_999);
    await delivery('PROCESSED', 130, 99_999);
    await delivery('DEAD', 180);
    // Authentication failures count; a paused-connection refusal does not.
    const audit = integrations.server.services.audit;
    for (const code of ['BAD_SIGNATURE', 'BAD_SIGNATURE', 'STALE_TIMESTAMP', 'CONNECTION_PAUSED']) {
      await audit.recordSecurityEvent({ tenantId: tenantA, connectionId, code, detail: {} });
    }

    const health = await healthOf(tenantA, connectionId);
    const [{ last }] = (await db.queryAsAdmin<{ last: Date }>(
      `select max(received_at) as last from integrations.webhook_events where connection_id = $1`,
      [connectionId],
    )) as [{ last: Date }];
    expect(health).toMatchObject({
      connectionId,
      deliveriesLastHour: 11,
      failuresLastHour: 2,
      successRate: 0.8, // 8 / (8 + 2): the queued one has not finished
      // percentile_cont(0.95) over 100..800: rank 0.95 * 7 = 6.65, so 700 + 0.65 * 100
      p95ProcessingMs: 765,
      deadCount: 2,
      failedCount: 1,
      authFailuresLastHour: 3,
      lastDeliveryAt: last.toISOString(),
      state: 'DEGRADED',
      silentAfterMinutes: 60,
      expectedHours: null,
      connection: { id: connectionId },
    });
    expect(health!.stateReason).toBe(
      '80% of the 10 deliveries finished in the last hour were processed (DEGRADED below 95%).',
    );
  });

  it('shows a new connection without deliveries as HEALTHY with no rate, then SILENT once quiet for silentAfterMinutes', async () => {
    const connectionId = await connect(tenantA);
    expect(await healthOf(tenantA, connectionId)).toMatchObject({
      state: 'HEALTHY',
      successRate: null,
      p95ProcessingMs: null,
      lastDeliveryAt: null,
      deliveriesLastHour: 0,
    });
    await backdateConnection(db, connectionId, 61);
    const silent = await healthOf(tenantA, connectionId);
    expect(silent).toMatchObject({ state: 'SILENT' });
    expect(silent!.stateReason).toMatch(/^No delivery for 61 minutes during expected hours \(SILENT after 60\)\.$/);

    await aDelivery(db, { tenantId: tenantA, connectionId, status: 'PROCESSED', minutesAgo: 0 });
    expect(await healthOf(tenantA, connectionId)).toMatchObject({ state: 'HEALTHY', successRate: 1 });
  });

  it('is SILENT only within the expected hours, in their time zone, overnight windows included', async () => {
    const connectionId = await connect(tenantA);
    await backdateConnection(db, connectionId, 600);
    const hour = new Date().getUTCHours();
    const at = (h: number): string => `${String((h + 24) % 24).padStart(2, '0')}:00`;
    const setHours = (input: Record<string, unknown>) =>
      integrations.graphql<{ setConnectionExpectedHours: Health }>(
        SET_HOURS,
        { input: { connectionId, ...input } },
        aUser(tenantA, 'MANAGER'),
      );

    // Open from an hour ago to an hour from now (past midnight when the hour is 23 or 0): now is inside.
    const open = await setHours({
      opensAt: at(hour - 1),
      closesAt: at(hour + 1),
      timeZone: 'UTC',
      silentAfterMinutes: 30,
    });
    expect(open.errors).toEqual([]);
    expect(open.data!.setConnectionExpectedHours).toMatchObject({
      state: 'SILENT',
      silentAfterMinutes: 30,
      expectedHours: { opensAt: at(hour - 1), closesAt: at(hour + 1), timeZone: 'UTC' },
    });
    // The same window three hours later: now is outside it.
    const closed = await setHours({ opensAt: at(hour + 2), closesAt: at(hour + 3), timeZone: 'UTC' });
    expect(closed.data!.setConnectionExpectedHours.state).toBe('HEALTHY');
    // Riyadh is UTC+3: the UTC window shifted by three hours is "now" again there.
    const riyadh = await setHours({ opensAt: at(hour + 2), closesAt: at(hour + 4), timeZone: 'Asia/Riyadh' });
    expect(riyadh.data!.setConnectionExpectedHours.state).toBe('SILENT');
  });

  it('refuses bad expected hours with a clear error and changes nothing', async () => {
    const connectionId = await connect(tenantA);
    const manager = aUser(tenantA, 'MANAGER');
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ opensAt: '09:00' }, /both opensAt and closesAt/],
      [{ opensAt: '9am', closesAt: '17:00' }, /opensAt must be a time of day as HH:MM/],
      [{ opensAt: '09:00', closesAt: '24:00' }, /closesAt must be a time of day/],
      [{ opensAt: '09:00', closesAt: '09:00' }, /the same/],
      [{ timeZone: 'Mars/Olympus' }, /IANA time zone/],
      [{ silentAfterMinutes: 2 }, /between 5 and 10080/],
    ];
    for (const [input, message] of cases) {
      const response = await integrations.graphql(SET_HOURS, { input: { connectionId, ...input } }, manager);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors[0]!.message).toMatch(message);
    }
    expect((await healthOf(tenantA, connectionId))!.expectedHours).toBeNull();

    const staff = await integrations.graphql(
      SET_HOURS,
      { input: { connectionId, silentAfterMinutes: 30 } },
      aUser(tenantA, 'STAFF'),
    );
    expect(errorCodes(staff)).toEqual(['FORBIDDEN']);
    const otherTenant = await integrations.graphql(
      SET_HOURS,
      { input: { connectionId, silentAfterMinutes: 30 } },
      aUser(tenantB, 'MANAGER'),
    );
    expect(errorCodes(otherTenant)).toEqual(['NOT_FOUND']);
    const notAnId = await integrations.graphql(
      SET_HOURS,
      { input: { connectionId: 'nope', silentAfterMinutes: 30 } },
      manager,
    );
    expect(errorCodes(notAnId)).toEqual(['NOT_FOUND']);
  });

  it("never shows one tenant's health to another, and the same numbers through ProviderConnection.health", async () => {
    const ofA = await connect(tenantA);
    const ofB = await connect(tenantB);
    await aDelivery(db, { tenantId: tenantB, connectionId: ofB, status: 'FAILED', minutesAgo: 5 });

    const listB = await integrations.graphql<{ integrationHealth: Health[] }>(ALL, {}, aUser(tenantB, 'STAFF'));
    expect(listB.data!.integrationHealth.map((h) => h.connectionId)).toEqual([ofB]);
    expect(listB.data!.integrationHealth[0]).toMatchObject({ state: 'FAILING', failuresLastHour: 1, failedCount: 1 });
    expect(await healthOf(tenantB, ofA)).toBeNull();
    expect(await healthOf(tenantA, ofB)).toBeNull();

    const viaConnections = await integrations.graphql<{
      connections: { id: string; health: { state: string; failedCount: number } }[];
    }>(`{ connections { id health { state failedCount } } }`, {}, aUser(tenantB, 'STAFF'));
    expect(viaConnections.data!.connections).toEqual([{ id: ofB, health: { state: 'FAILING', failedCount: 1 } }]);

    const partner = await integrations.graphql(ALL, {}, aPartner(tenantA));
    expect(errorCodes(partner)).toEqual(['FORBIDDEN']);
    expect(errorCodes(await integrations.graphql(ALL, {}, null))).toEqual(['UNAUTHENTICATED']);
  });
});
