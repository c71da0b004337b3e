import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  REPO_ROOT,
  SERVICE_ENTRY_POINTS,
  createThrowawayPostgres,
  migrateAll,
  seedDemo,
  seededDemoConnections,
  serviceEnvironments,
  waitForReady,
  type SeedResult,
  type ServiceName,
  type ThrowawayPostgres,
} from '@nexara/stack';
import {
  createDatabase,
  ensureRoles,
  freePorts,
  generateRolePasswords,
  withSession,
  type ProvisionedDatabase,
} from '@nexara/kit';
import { testSecrets } from '@nexara/test-support';
import { startProviderApi, type ProviderApi, type SimulatedConnection } from '@nexara/simulator';
import type { Client } from 'pg';
import { startBalancer, type Balancer } from './balancer';
import { supervise, tail, type Supervisor } from './supervisor';

/**
 * The platform as production runs it, for fault tests: every service its own
 * process under a supervisor that restarts what dies, on a PostgreSQL of the
 * test's own (so it can be crashed), with the provider simulator's APIs.
 * With more than one gateway, a loopback balancer stands in front of them and
 * the connections' webhook URLs point at it.
 */
export type FaultPlatform = {
  pg: ThrowawayPostgres;
  database: ProvisionedDatabase;
  supervisor: Supervisor;
  providerApi: ProviderApi;
  seed: SeedResult;
  connections: SimulatedConnection[];
  /** Each gateway's own base URL, in the order of their supervisor names (`gateway`, or `gateway-1`, `gateway-2`...). */
  gatewayUrls: string[];
  /** Where webhooks are sent: the only gateway, or the balancer in front of them. */
  publicUrl: string;
  balancer: Balancer | null;
  /** Runs `work` on a superuser session of the platform's database. */
  withDatabase: <T>(work: (client: Client) => Promise<T>) => Promise<T>;
  /** The last lines of every service's log, for a failing assertion's message. */
  serviceLogs: () => string;
  /** The services that exited without the test killing them, with how. */
  unexpectedExits: () => Record<string, string[]>;
  stop: () => Promise<void>;
};

export type FaultPlatformOptions = {
  gateways?: number;
  workers?: number;
  redisUrl?: string;
};

/** `gateway` alone, or `gateway-1`, `gateway-2`...: one name per replica, as the supervisor knows them. */
export const replicaNames = (service: string, count: number): string[] =>
  count === 1 ? [service] : Array.from({ length: count }, (_, i) => `${service}-${i + 1}`);

export async function startFaultPlatform(options: FaultPlatformOptions = {}): Promise<FaultPlatform> {
  const gatewayCount = options.gateways ?? 1;
  const workerCount = options.workers ?? 1;
  const subgraphs = (Object.keys(SERVICE_ENTRY_POINTS) as (ServiceName | 'worker')[]).filter(
    (name): name is Exclude<ServiceName, 'gateway'> => name !== 'gateway' && name !== 'worker',
  );
  const [pgPort, simulatorPort, balancerPort, ...rest] = await freePorts(3 + subgraphs.length + gatewayCount);
  const subgraphPorts = Object.fromEntries(subgraphs.map((name, i) => [name, rest[i]!]));
  const gatewayPorts = rest.slice(subgraphs.length);
  const gatewayUrls = gatewayPorts.map((port) => `http://127.0.0.1:${port}`);
  const publicUrl = gatewayCount === 1 ? gatewayUrls[0]! : `http://127.0.0.1:${balancerPort}`;

  const pg = createThrowawayPostgres(pgPort!);
  const rolePasswords = generateRolePasswords();
  await ensureRoles(pg.adminUrl, rolePasswords);
  const database = await createDatabase(pg.adminUrl, 'nexara_faults', rolePasswords);
  await migrateAll(database);

  const envs = serviceEnvironments({
    database,
    secrets: testSecrets,
    ports: { ...(subgraphPorts as Record<Exclude<ServiceName, 'gateway'>, number>), gateway: gatewayPorts[0]! },
    publicUrl,
    // Provider callbacks may reach the simulator's provider APIs (started below on this port).
    egressAllow: `127.0.0.1:${simulatorPort}`,
    nodeEnv: 'test',
    logLevel: 'info',
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
  });
  // Retries fast enough to outlast a few seconds of outage within the test; a stale event is rescued after 3 s.
  const worker = {
    ...envs.worker,
    WORKER_STALE_AFTER_MS: '3000',
    RETRY_BASE_MS: '100',
    RETRY_MAX_MS: '1000',
    WEBHOOK_MAX_ATTEMPTS: '40',
  };
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexara-faults-logs-'));
  const supervisor = supervise(
    {
      ...Object.fromEntries(subgraphs.map((name) => [name, { script: SERVICE_ENTRY_POINTS[name], env: envs[name] }])),
      ...Object.fromEntries(
        replicaNames('worker', workerCount).map((name) => [name, { script: SERVICE_ENTRY_POINTS.worker, env: worker }]),
      ),
      ...Object.fromEntries(
        replicaNames('gateway', gatewayCount).map((name, i) => [
          name,
          {
            script: SERVICE_ENTRY_POINTS.gateway,
            // Behind the balancer, the client's address is the X-Forwarded-For it adds.
            env: { ...envs.gateway, PORT: String(gatewayPorts[i]), TRUST_PROXY: '127.0.0.1' },
          },
        ]),
      ),
    },
    { cwd: REPO_ROOT, logDir },
  );
  // Every service starts at once on two cores: give them time (a condition, not a pause).
  await Promise.all(gatewayUrls.map((url) => waitForReady(`${url}/readyz`, 180_000)));
  const balancer = gatewayCount === 1 ? null : await startBalancer(balancerPort!, gatewayUrls);

  const providerApi = await startProviderApi({ port: simulatorPort! });
  const graphqlUrl = (name: string): string => `http://127.0.0.1:${subgraphPorts[name]}/graphql`;
  const seed = await seedDemo({
    urls: { tenants: graphqlUrl('tenants'), orders: graphqlUrl('orders'), integrations: graphqlUrl('integrations') },
    internalTokenSecret: testSecrets.internalTokenSecret,
    providerApiBaseUrl: providerApi.url,
    ordersPerTenant: 0,
  });
  const connections = seededDemoConnections(seed);

  const databaseUrl = new URL(pg.adminUrl);
  databaseUrl.pathname = `/${database.name}`;
  return {
    pg,
    database,
    supervisor,
    providerApi,
    seed,
    connections,
    gatewayUrls,
    publicUrl,
    balancer,
    withDatabase: (work) => withSession(databaseUrl.toString(), work),
    serviceLogs: () =>
      Object.values(supervisor.services)
        .map(
          (s) =>
            `--- ${s.name} (started ${s.starts}x, unexpected exits: ${s.unexpectedExits.join('; ') || 'none'})\n${tail(s.logFile)}`,
        )
        .join('\n'),
    unexpectedExits: () =>
      Object.fromEntries(
        Object.values(supervisor.services)
          .filter((s) => s.unexpectedExits.length > 0)
          .map((s) => [s.name, s.unexpectedExits]),
      ),
    stop: async () => {
      await balancer?.close();
      await supervisor.stop();
      await providerApi.close();
      pg.destroy();
      if (!process.env['KEEP_FAULT_LOGS']) fs.rmSync(logDir, { recursive: true, force: true });
    },
  };
}
