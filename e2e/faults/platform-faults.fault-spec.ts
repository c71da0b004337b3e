import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DEMO_TENANTS,
  REPO_ROOT,
  SERVICE_ENTRY_POINTS,
  createThrowawayPostgres,
  freePorts,
  migrateAll,
  seedDemo,
  serviceEnvironments,
  waitForReady,
  type ThrowawayPostgres,
} from '@nexara/stack';
import { createDatabase, ensureRoles, generateRolePasswords, type ProvisionedDatabase } from '@nexara/kit';
import { eventually, testSecrets } from '@nexara/test-support';
import {
  ScenarioRunner,
  startProviderApi,
  type LedgerEntry,
  type ProviderApi,
  type SimulatedConnection,
} from '@nexara/simulator';
import { Client } from 'pg';
import { supervise, tail, type Supervisor } from './support/supervisor';

/**
 * The platform as it runs in production (every service its own process, a
 * supervisor restarting what dies) under steady webhook traffic from the
 * provider simulator, while the test SIGKILLs the worker, then the gateway,
 * then crashes PostgreSQL (`pg_ctl stop -m immediate`) and starts it again.
 * Afterwards the simulator's record of every answer is held against the
 * database: every delivery answered 2xx was processed exactly once, none
 * answered 4xx/5xx was stored, no order exists twice, and no service died
 * of the faults it did not receive.
 */
jest.setTimeout(240_000);

const isOk = (entry: LedgerEntry): boolean => entry.status >= 200 && entry.status < 300;

let pg: ThrowawayPostgres;
let database: ProvisionedDatabase;
let supervisor: Supervisor;
let providerApi: ProviderApi;
let connections: SimulatedConnection[];
let logDir: string;
let gatewayBaseUrl: string;

beforeAll(async () => {
  const [pgPort, tenants, orders, integrations, gateway, simulator, catalog] = await freePorts(7);
  pg = createThrowawayPostgres(pgPort!);
  const rolePasswords = generateRolePasswords();
  await ensureRoles(pg.adminUrl, rolePasswords);
  database = await createDatabase(pg.adminUrl, 'nexara_faults', rolePasswords);
  await migrateAll(database);

  const gatewayUrl = `http://127.0.0.1:${gateway}`;
  gatewayBaseUrl = gatewayUrl;
  const envs = serviceEnvironments({
    database,
    secrets: testSecrets,
    ports: { tenants: tenants!, orders: orders!, integrations: integrations!, catalog: catalog!, gateway: gateway! },
    publicUrl: gatewayUrl,
    // Provider callbacks may reach the simulator's provider APIs (started below on this port).
    egressAllow: `127.0.0.1:${simulator}`,
    nodeEnv: 'test',
    logLevel: 'info',
  });
  // Retries fast enough to outlast a few seconds of outage within the test; a stale event is rescued after 3 s.
  const worker = {
    ...envs.worker,
    WORKER_STALE_AFTER_MS: '3000',
    RETRY_BASE_MS: '100',
    RETRY_MAX_MS: '1000',
    WEBHOOK_MAX_ATTEMPTS: '40',
  };
  logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexara-faults-logs-'));
  supervisor = supervise(
    {
      tenants: { script: SERVICE_ENTRY_POINTS.tenants, env: envs.tenants },
      orders: { script: SERVICE_ENTRY_POINTS.orders, env: envs.orders },
      integrations: { script: SERVICE_ENTRY_POINTS.integrations, env: envs.integrations },
      worker: { script: SERVICE_ENTRY_POINTS.worker, env: worker },
      gateway: { script: SERVICE_ENTRY_POINTS.gateway, env: envs.gateway },
    },
    { cwd: REPO_ROOT, logDir },
  );
  await waitForReady(`${gatewayUrl}/readyz`);

  providerApi = await startProviderApi({ port: simulator });
  const seed = await seedDemo({
    urls: {
      tenants: `http://127.0.0.1:${tenants}/graphql`,
      orders: `http://127.0.0.1:${orders}/graphql`,
      integrations: `http://127.0.0.1:${integrations}/graphql`,
    },
    internalTokenSecret: testSecrets.internalTokenSecret,
    providerApiBaseUrl: providerApi.url,
    ordersPerTenant: 0,
  });
  connections = seed.tenants.flatMap((tenant) =>
    tenant.connections.map((c) => ({
      provider: c.provider,
      webhookUrl: c.webhookUrl,
      secret: c.secret,
      externalStoreId: c.externalStoreId,
      currency: DEMO_TENANTS.find((t) => t.slug === tenant.slug)!.currency,
    })),
  );
});

afterAll(async () => {
  await supervisor?.stop();
  await providerApi?.close();
  pg?.destroy();
  if (logDir && !process.env['KEEP_FAULT_LOGS']) fs.rmSync(logDir, { recursive: true, force: true });
});

async function withDatabase<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const url = new URL(pg.adminUrl);
  url.pathname = `/${database.name}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The key the platform stores a delivery under. Providers send ids, not keys; the
 * simulator records the id each delivery carries. A Talabat status call carries
 * none, and the platform keys it by the fact it reports (`posOrderStatus:<order>:<status>`).
 */
function platformKeyOf(entry: LedgerEntry): string | null {
  if (!entry.idempotencyKey) return null;
  return entry.provider === 'TALABAT' && entry.kind !== 'new_order'
    ? `posOrderStatus:${entry.idempotencyKey}`
    : entry.idempotencyKey;
}

function serviceLogs(): string {
  return Object.values(supervisor.services)
    .map(
      (s) =>
        `--- ${s.name} (started ${s.starts}x, unexpected exits: ${s.unexpectedExits.join('; ') || 'none'})\n${tail(s.logFile)}`,
    )
    .join('\n');
}

it('keeps every acknowledged delivery, exactly once, through a worker kill, a gateway kill and a database crash', async () => {
  const runner = new ScenarioRunner({ connections, ratePerSecond: 10, seed: 20261129, timeoutMs: 5_000 });
  const ledger = runner.ledger;
  const answered = (from: number, to: number): LedgerEntry[] =>
    ledger.filter((e) => e.sentAt.getTime() >= from && e.sentAt.getTime() < to && e.status > 0);
  // Each fault waits for the platform to have shown the state it tests (acknowledging, restarted,
  // answering during the outage), never for a fixed time: under a loaded machine a restart can take
  // longer than any pause we would pick, and the outage window would then see no answers at all.
  const acknowledgedSince = (from: number, count: number, what: string): Promise<true> =>
    eventually(async () => (answered(from, Infinity).filter(isOk).length >= count ? true : undefined), 90_000, what);
  const t0 = Date.now();
  runner.start();

  await acknowledgedSince(0, 20, 'deliveries acknowledged before the faults');
  supervisor.services['worker']!.kill();
  const workerKilledAt = Date.now();
  await eventually(
    async () => (supervisor.services['worker']!.starts >= 2 ? true : undefined),
    60_000,
    'worker restart',
  );
  await acknowledgedSince(workerKilledAt, 20, 'deliveries acknowledged after the worker kill');

  supervisor.services['gateway']!.kill();
  const gatewayKilledAt = Date.now();
  await eventually(
    async () => (supervisor.services['gateway']!.starts >= 2 ? true : undefined),
    60_000,
    'gateway restart',
  );
  await waitForReady(`${gatewayBaseUrl}/readyz`, 60_000);
  await acknowledgedSince(gatewayKilledAt, 20, 'deliveries acknowledged after the gateway restart');

  pg.crash();
  const crashedAt = Date.now();
  await eventually(
    async () => (answered(crashedAt + 500, Infinity).length >= 10 ? true : undefined),
    90_000,
    'deliveries answered while the database is down',
  );
  pg.start();
  const restartedAt = Date.now();
  await acknowledgedSince(restartedAt + 5_000, 21, 'acknowledgements resuming after the database restart');
  // Resends of deliveries refused during the outage still go out: a delivery whose commit landed
  // just before the crash, answered 503, is acknowledged on its resend like a provider would see.
  await runner.finish();

  // While the database was down nothing was acknowledged: the shim answered "retry later",
  // 503 (500 to Talabat, whose middleware knows no 503), so the provider sends it again.
  const duringOutage = answered(crashedAt + 500, restartedAt);
  expect(duringOutage.length).toBeGreaterThan(0);
  expect(duringOutage.filter(isOk)).toEqual([]);
  const notUnavailable = duringOutage.filter((e) => e.status !== (e.provider === 'TALABAT' ? 500 : 503));
  expect(
    notUnavailable.map((e) => ({ status: e.status, kind: e.kind, provider: e.provider, body: e.responseBody })),
  ).toEqual([]);
  // And acknowledgements resumed by themselves once it was back.
  expect(answered(restartedAt + 5_000, Date.now()).filter(isOk).length).toBeGreaterThan(20);
  expect(runner.problems).toEqual([]);

  // Group the deliveries by the platform's idempotency key: a key may be sent twice (the simulator's duplicates).
  const byKey = new Map<string, LedgerEntry[]>();
  for (const entry of ledger) {
    const key = platformKeyOf(entry);
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), entry]);
  }
  const acknowledged = [...byKey].filter(([, entries]) => entries.some(isOk)).map(([key]) => key);
  const refused = [...byKey].filter(([, entries]) => entries.every((e) => e.status >= 400)).map(([key]) => key);

  // Every stored event reaches a final state once the platform settles.
  const settled = async (): Promise<boolean> =>
    withDatabase(async (client) => {
      const { rows } = await client.query<{ open: string }>(
        `select count(*) as open from integrations.webhook_events where status in ('QUEUED', 'PROCESSING')`,
      );
      return Number(rows[0]!.open) === 0;
    });
  await eventually(async () => ((await settled()) ? true : undefined), 90_000, 'every stored event settled').catch(
    (error: Error) => {
      throw new Error(`${error.message}\n${serviceLogs()}`);
    },
  );

  const events = await withDatabase(async (client) => {
    const { rows } = await client.query<{ idempotency_key: string; status: string; last_error: string | null }>(
      `select idempotency_key, status, last_error from integrations.webhook_events`,
    );
    return rows;
  });
  const eventsByKey = new Map<string, typeof events>();
  for (const event of events)
    eventsByKey.set(event.idempotency_key, [...(eventsByKey.get(event.idempotency_key) ?? []), event]);

  // Every 2xx: stored once and processed.
  const notProcessed = acknowledged.filter(
    (key) => eventsByKey.get(key)?.length !== 1 || eventsByKey.get(key)![0]!.status !== 'PROCESSED',
  );
  expect(notProcessed.map((key) => ({ key, events: eventsByKey.get(key) ?? [] }))).toEqual([]);
  // Every delivery refused with 4xx/5xx (and never acknowledged on a resend): nothing stored.
  expect(
    refused
      .filter((key) => eventsByKey.has(key))
      .map((key) => ({
        key,
        answers: byKey.get(key)!.map((e) => `${e.status} at ${e.sentAt.getTime() - crashedAt} ms from the crash`),
      })),
  ).toEqual([]);
  // A delivery whose answer was cut off (the gateway killed mid-request) may or may not have committed;
  // if it did, it was processed like any other.
  expect(events.filter((e) => e.status !== 'PROCESSED')).toEqual([]);

  // No order twice, and one order for every acknowledged new order.
  const newOrders = new Set(
    ledger.filter((e) => e.kind === 'new_order' && isOk(e)).map((e) => `${e.provider}:${e.externalId}`),
  );
  const orders = await withDatabase(async (client) => {
    const { rows } = await client.query<{ provider: string; external_id: string; copies: string }>(
      `select provider, external_id, count(*) as copies from orders.orders group by provider, external_id`,
    );
    return rows;
  });
  expect(orders.filter((o) => Number(o.copies) !== 1)).toEqual([]);
  const stored = new Set(orders.map((o) => `${o.provider}:${o.external_id}`));
  expect([...newOrders].filter((key) => !stored.has(key))).toEqual([]);

  // The services recovered on their own: the ones killed were restarted, none died of the database crash.
  expect(Object.fromEntries(Object.values(supervisor.services).map((s) => [s.name, s.unexpectedExits]))).toEqual({
    tenants: [],
    orders: [],
    integrations: [],
    worker: [],
    gateway: [],
  });
  expect(supervisor.services['worker']!.starts).toBe(2);
  expect(supervisor.services['gateway']!.starts).toBe(2);
  process.stdout.write(
    `[faults] ${ledger.length} deliveries in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${acknowledged.length} keys acknowledged, ` +
      `${refused.length} refused, ${ledger.filter((e) => e.status === 0).length} without answer; ${orders.length} orders\n`,
  );
});
