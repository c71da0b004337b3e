import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  DATA_DIR,
  seededDemoConnections,
  REPO_ROOT,
  SERVICE_ENTRY_POINTS,
  localSecrets,
  migrateAll,
  otelVariables,
  persistedDocumentsFile,
  seedDemo,
  serviceEnvironments,
  startDatabaseServer,
  stopChild,
  waitForReady,
  type LocalSecrets,
  type SeedResult,
  type ServiceName,
} from '@nexara/stack';
import { createDatabase, ensureRoles, freePorts, type ProvisionedDatabase } from '@nexara/kit';
import { startProviderApi, type ProviderApi, type SimulatedConnection } from '@nexara/simulator';
import { Client } from 'pg';
import { parentPid } from './cpu-usage';
import type { OrdersInUse } from '../load/new-orders';

/**
 * Not the demo's (54329) nor the tests' (54339): a benchmark never shares a server with them.
 * BENCH_DATABASE_PORT moves it, for two benches at once on one machine (each checkout its own `.data/pg-bench`).
 */
const BENCH_DATABASE_PORT = benchDatabasePort(process.env['BENCH_DATABASE_PORT']);

export function benchDatabasePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 54349;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1024 || port > 65535)
    throw new Error(`BENCH_DATABASE_PORT must be a port number from 1024 to 65535, not "${raw}"`);
  return port;
}
const BENCH_DATABASE = 'nexara_bench';
/** How long the simulator takes to send a provider's asynchronous result (a menu upload's outcome) after the call. */
export const SIMULATED_RESULT_DELAY_MS = 1_000;
export const BENCH_DIR = path.join(DATA_DIR, 'bench');

export type BenchStackOptions = {
  /** An admin URL of an existing PostgreSQL; an embedded one is started otherwise. */
  databaseUrl?: string;
  /** Orders the demo seed places per tenant (the dashboard query reads the newest 25 of them). */
  ordersPerTenant: number;
  /** Write a CPU profile of these services to this directory when they stop (`node --cpu-prof`). */
  profile?: { dir: string; services: (ServiceName | 'worker')[] };
  log: (line: string) => void;
};

export type BenchStack = {
  /** Base URLs (`http://127.0.0.1:port`). */
  urls: Record<ServiceName, string>;
  database: ProvisionedDatabase;
  /** The bench database as the server's admin (a superuser: sees every tenant's rows, RLS or not). */
  adminDatabaseUrl: string;
  embedded: boolean;
  secrets: LocalSecrets;
  seed: SeedResult;
  /** Every seeded provider connection, as a provider sees it (webhook URL, secret). */
  connections: SimulatedConnection[];
  /** The orders the scenarios sent as new (see `newOrderWebhook`): each connection's external ids are unique over the run. */
  ordersInUse: OrdersInUse;
  /** The simulator's provider APIs (callbacks and control calls), with every call it received. */
  providerApi: ProviderApi;
  /** Runs `work` with a connection to the bench database as the admin. */
  withDatabase: <T>(work: (client: Client) => Promise<T>) => Promise<T>;
  /** The process id of a running service, for CPU accounting. */
  pidOf: (name: ServiceName | 'worker') => number | null;
  /** The PostgreSQL server's main process (its backends are its children); null when it is not on this machine. */
  postgresPid: number | null;
  startWorker: () => Promise<void>;
  stopWorker: () => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * The whole platform as `npm start` runs it: every service its own Node.js
 * process (a load test against one shared event loop would measure the
 * wrong thing), NODE_ENV=production, on a fresh database, demo-seeded. The
 * webhook worker is started and stopped on demand. Service output goes to
 * `.data/bench/logs/`.
 */
export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const secrets = localSecrets();
  const server = await startDatabaseServer({
    databaseUrl: options.databaseUrl,
    dataDir: path.join(DATA_DIR, 'pg-bench'),
    port: BENCH_DATABASE_PORT,
    superuserPassword: secrets.databasePassword,
    settings: {
      // Per-statement totals (pg_stat_statements): which statements the database's CPU goes to during a scenario.
      shared_preload_libraries: 'pg_stat_statements',
      // As a production server would be sized, not PostgreSQL's 128 MB default: a full endToEnd run stores 131,000
      // deliveries (bodies included) and orders, and with 128 MB the 500/s step spent its time copying pages in from
      // the OS cache. The same full run (2026-12-05, quiet machine), 128 MB -> 1 GB: 500/s for 60 s processed
      // 445/s -> 498/s, lag p99 9.2 s -> 0.79 s (docs/operations.md, "PostgreSQL").
      shared_buffers: '1GB',
      // WAL sized to the write rate (docs/operations.md, "PostgreSQL"). At the 1 GB default, webhook accept and endToEnd
      // wrote enough WAL to start a checkpoint about every minute (12 in an 11-minute run), and after each start the first
      // change to a page logs the whole page: endToEnd from its 500/s step on wrote about 27 KB of WAL an event. At 8 GB
      // checkpoints come by time (every 5 minutes): about 15 KB an event.
      max_wal_size: '8GB',
    },
  });
  options.log(
    server.embedded ? `embedded PostgreSQL on 127.0.0.1:${BENCH_DATABASE_PORT}` : 'PostgreSQL from DATABASE_URL',
  );
  await ensureRoles(server.adminUrl, secrets.rolePasswords);
  const database = await createDatabase(server.adminUrl, BENCH_DATABASE, secrets.rolePasswords, {
    dropExisting: true,
  });
  await migrateAll(database);
  const adminDatabaseUrl = new URL(server.adminUrl);
  adminDatabaseUrl.pathname = `/${database.name}`;
  const withDatabase = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: adminDatabaseUrl.toString() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  await withDatabase((client) => client.query('create extension if not exists pg_stat_statements'));

  const [tenants, orders, integrations, catalog, gateway, simulator] = (await freePorts(6)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ports = { tenants, orders, integrations, catalog, gateway };
  const base = (port: number): string => `http://127.0.0.1:${port}`;
  const urls = {
    tenants: base(tenants),
    orders: base(orders),
    integrations: base(integrations),
    catalog: base(catalog),
    gateway: base(gateway),
  };
  const envs = serviceEnvironments({
    database,
    secrets,
    ports,
    publicUrl: urls.gateway,
    // Provider callbacks may reach the simulator's provider APIs, started below on this port.
    egressAllow: `127.0.0.1:${simulator}`,
    nodeEnv: 'production',
    logLevel: 'warn',
    // Set, the services export traces there: how much tracing costs (docs/operations.md, "Traces").
    otel: otelVariables(process.env),
  });
  fs.rmSync(path.join(BENCH_DIR, 'logs'), { recursive: true, force: true });
  fs.mkdirSync(path.join(BENCH_DIR, 'logs'), { recursive: true });
  // Production refuses to start without the dashboard's persisted documents; they are generated, not checked in.
  const persisted = path.join(BENCH_DIR, 'persisted-documents.json');
  fs.writeFileSync(persisted, persistedDocumentsFile().contents);
  // The per-connection limit (50/s by default) guards one provider's misbehaviour, and the per-address one (200/s)
  // a flooding host (docs/security.md); neither is what is measured here. Every bench delivery comes from one
  // address (the load generator's), so with the address limit at its default the shim answered most of them 429.
  const gatewayEnv = {
    ...envs.gateway,
    PERSISTED_DOCUMENTS_PATH: persisted,
    WEBHOOK_RATE_PER_SECOND: '1000000',
    WEBHOOK_RATE_BURST: '1000000',
    WEBHOOK_ADDRESS_RATE_PER_SECOND: '1000000',
    WEBHOOK_ADDRESS_RATE_BURST: '1000000',
    // The live-stream scenario's 1,000 subscriptions are one user's (the fan-out is measured, not the per-user cap
    // of 500 that guards a gateway against one runaway client).
    MAX_SUBSCRIPTIONS_PER_USER: '1000',
    // To compare the shim's batching with one request per delivery (WEBHOOK_INBOX_BATCH_MAX=1), in one build.
    ...(process.env['WEBHOOK_INBOX_BATCH_MAX']
      ? { WEBHOOK_INBOX_BATCH_MAX: process.env['WEBHOOK_INBOX_BATCH_MAX'] }
      : {}),
  };

  const running = new Map<string, ChildProcess>();
  const starts = new Map<string, number>();
  const start = (name: ServiceName | 'worker', env: Record<string, string>): void => {
    const profiled = options.profile?.services.includes(name);
    // The worker is started again for the drain: each run its own profile (worker.cpuprofile, worker-2.cpuprofile).
    const run = (starts.get(name) ?? 0) + 1;
    starts.set(name, run);
    const profileName = run === 1 ? `${name}.cpuprofile` : `${name}-${run}.cpuprofile`;
    const flags = profiled
      ? ['--cpu-prof', `--cpu-prof-dir=${options.profile!.dir}`, `--cpu-prof-name=${profileName}`]
      : [];
    running.set(name, spawnService(name, [...flags, SERVICE_ENTRY_POINTS[name]], env));
  };
  const stopAll = async (): Promise<void> => {
    await Promise.all([...running.values()].map(stopChild));
    running.clear();
  };

  let providerApi: ProviderApi | null = null;
  try {
    start('tenants', envs.tenants);
    start('orders', envs.orders);
    start('integrations', envs.integrations);
    start('catalog', envs.catalog);
    start('gateway', gatewayEnv);
    await waitForReady(`${urls.gateway}/readyz`);
    providerApi = await startProviderApi({ port: simulator, results: { delayMs: SIMULATED_RESULT_DELAY_MS } });
    const seed = await seedDemo({
      urls: {
        tenants: `${urls.tenants}/graphql`,
        orders: `${urls.orders}/graphql`,
        integrations: `${urls.integrations}/graphql`,
      },
      internalTokenSecret: secrets.internalTokenSecret,
      providerApiBaseUrl: providerApi.url,
      ordersPerTenant: options.ordersPerTenant,
    });
    // The providers' asynchronous results (menu uploads) go to the seeded connections' webhooks, as `npm start`'s do.
    providerApi.deliverResultsTo(seededDemoConnections(seed));
    const api = providerApi;
    const postgresPid = await withDatabase(async (client) => {
      const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      return parentPid(rows[0]!.pid);
    });
    return {
      urls,
      database,
      adminDatabaseUrl: adminDatabaseUrl.toString(),
      embedded: server.embedded,
      secrets,
      seed,
      connections: seededDemoConnections(seed),
      ordersInUse: new Set(),
      providerApi: api,
      withDatabase,
      pidOf: (name) => running.get(name)?.pid ?? null,
      postgresPid,
      startWorker: async () => {
        if (!running.has('worker')) start('worker', envs.worker);
      },
      stopWorker: async () => {
        const worker = running.get('worker');
        running.delete('worker');
        if (worker) await stopChild(worker);
      },
      stop: async () => {
        await stopAll();
        await api.close();
        await server.stop();
      },
    };
  } catch (error) {
    await stopAll();
    await providerApi?.close();
    await server.stop();
    throw error;
  }
}

export type StatementStatistics = {
  statement: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  rows: number;
  /** Called from inside another statement (a function body), counted with `pg_stat_statements.track = all` only. */
  nested: boolean;
};

/** The bench database's statements since `resetStatementStatistics`, by total execution time, biggest first. */
export async function statementStatistics(stack: BenchStack, top = 30): Promise<StatementStatistics[]> {
  return stack.withDatabase(async (client) => {
    const { rows } = await client.query<StatementStatistics>(
      `select regexp_replace(s.query, '\\s+', ' ', 'g') as statement, s.calls::float8 as calls,
              s.total_exec_time as "totalMs", s.mean_exec_time as "meanMs", s.rows::float8 as rows,
              not s.toplevel as nested
         from pg_stat_statements s join pg_database d on d.oid = s.dbid
        where d.datname = current_database()
        order by s.total_exec_time desc
        limit $1`,
      [top],
    );
    return rows;
  });
}

/** Starts the statement counts afresh (after the stack's migrations and seed, before the scenarios). */
export async function resetStatementStatistics(stack: BenchStack): Promise<boolean> {
  return stack.withDatabase(async (client) => {
    try {
      await client.query('select pg_stat_statements_reset()');
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Every child process the bench started that has not exited yet. However the
 * bench ends (a scenario throws, `process.exit`, SIGINT or SIGTERM: see
 * main.ts), the ones still running are told to stop as it exits, so no
 * service is left behind holding its port and the database. (The embedded
 * PostgreSQL has its own exit hook: `startDatabaseServer`.)
 */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGTERM');
});

/** A Node.js program as a child process whose output goes to `.data/bench/logs/<name>.log`. */
export function spawnService(name: string, args: string[], env: Record<string, string>): ChildProcess {
  const logFile = path.join(BENCH_DIR, 'logs', `${name}.log`);
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (code !== 0 && signal !== 'SIGTERM' && code !== null) {
      process.stderr.write(`bench: ${name} exited with code ${code}; see ${logFile}\n`);
    }
  });
  return child;
}
