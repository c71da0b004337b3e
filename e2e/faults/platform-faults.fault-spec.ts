import { answerStatusFor, type Provider } from '@nexara/providers/display';
import { waitForReady } from '@nexara/stack';
import { eventually } from '@nexara/test-support';
import { ScenarioRunner } from '@nexara/simulator';
import { startFaultPlatform, type FaultPlatform } from './support/fault-platform';
import { expectEveryAcknowledgedOnce, isOk, watchLedger } from './support/ledger-checks';

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
jest.setTimeout(300_000);

let platform: FaultPlatform;

beforeAll(async () => {
  platform = await startFaultPlatform();
});

afterAll(async () => {
  await platform?.stop();
});

it('keeps every acknowledged delivery, exactly once, through a worker kill, a gateway kill and a database crash', async () => {
  const runner = new ScenarioRunner({
    connections: platform.connections,
    ratePerSecond: 10,
    seed: 20261129,
    timeoutMs: 5_000,
  });
  const ledger = runner.ledger;
  const { answered, acknowledgedSince } = watchLedger(ledger);
  const t0 = Date.now();
  runner.start();

  await acknowledgedSince(0, 20, 'deliveries acknowledged before the faults');
  platform.supervisor.services['worker']!.kill();
  const workerKilledAt = Date.now();
  await eventually(
    async () => (platform.supervisor.services['worker']!.starts >= 2 ? true : undefined),
    60_000,
    'worker restart',
  );
  await acknowledgedSince(workerKilledAt, 20, 'deliveries acknowledged after the worker kill');

  platform.supervisor.services['gateway']!.kill();
  const gatewayKilledAt = Date.now();
  await eventually(
    async () => (platform.supervisor.services['gateway']!.starts >= 2 ? true : undefined),
    60_000,
    'gateway restart',
  );
  await waitForReady(`${platform.publicUrl}/readyz`, 60_000);
  await acknowledgedSince(gatewayKilledAt, 20, 'deliveries acknowledged after the gateway restart');

  platform.pg.crash();
  const crashedAt = Date.now();
  await eventually(
    async () => (answered(crashedAt + 500, Infinity).length >= 10 ? true : undefined),
    90_000,
    'deliveries answered while the database is down',
  );
  platform.pg.start();
  const restartedAt = Date.now();
  await acknowledgedSince(restartedAt + 5_000, 21, 'acknowledgements resuming after the database restart');
  // Resends of deliveries refused during the outage still go out: a delivery whose commit landed
  // just before the crash, answered 503, is acknowledged on its resend like a provider would see.
  await runner.finish();

  // While the database was down nothing was acknowledged: the shim answered "retry later",
  // 503 or the provider's own status for it (500 to Delivery Hero's brands, whose middleware knows no 503),
  // so the provider sends it again.
  const duringOutage = answered(crashedAt + 500, restartedAt);
  expect(duringOutage.length).toBeGreaterThan(0);
  expect(duringOutage.filter(isOk)).toEqual([]);
  const notUnavailable = duringOutage.filter((e) => e.status !== answerStatusFor(e.provider as Provider, 503));
  expect(
    notUnavailable.map((e) => ({ status: e.status, kind: e.kind, provider: e.provider, body: e.responseBody })),
  ).toEqual([]);
  // And acknowledgements resumed by themselves once it was back.
  expect(answered(restartedAt + 5_000, Date.now()).filter(isOk).length).toBeGreaterThan(20);
  expect(runner.problems).toEqual([]);

  const summary = await expectEveryAcknowledgedOnce(
    platform,
    ledger,
    (e) => `${e.status} at ${e.sentAt.getTime() - crashedAt} ms from the crash`,
  );

  // The services recovered on their own: the ones killed were restarted, none died of the database crash.
  expect(platform.unexpectedExits()).toEqual({});
  expect(platform.supervisor.services['worker']!.starts).toBe(2);
  expect(platform.supervisor.services['gateway']!.starts).toBe(2);
  process.stdout.write(
    `[faults] ${ledger.length} deliveries in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${summary.acknowledged} keys acknowledged, ` +
      `${summary.refused} refused, ${summary.unanswered} without answer; ${summary.orders} orders\n`,
  );
});
