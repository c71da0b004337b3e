import 'reflect-metadata';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startDatabaseServer } from './database/database-server';
import { localSecrets } from './database/local-secrets';
import { migrateAll } from './database/migrate-all';
import { createDatabase, ensureRoles } from '@nexara/kit';
import { DEMO_CONNECTIONS_FILE, demoConnections } from './demo/demo-connections';
import { seedDemoMenus } from './demo/demo-menu-seed';
import { DEMO_PASSWORD, DEMO_TENANTS, PLATFORM_ADMIN } from './demo/demo-data';
import { assertNotProduction, seedDemo } from './demo/seed';
import { DATA_DIR, REPO_ROOT } from './paths';
import {
  DEFAULT_PORTS,
  SERVICE_ENTRY_POINTS,
  otelVariables,
  serviceEnvironments,
  type ServiceName,
} from './platform/environments';
import { startProcess, waitForReady, type ManagedProcess } from './platform/processes';

/**
 * `NEXARA_PORTS=gateway=4100,web=3100,...` moves any of the ports below, to run
 * a second platform beside the first (the shutdown test does).
 */
type PortName = keyof typeof DEFAULT_PORTS | 'database' | 'web' | 'simulator';
const PORTS: Record<PortName, number> = {
  ...DEFAULT_PORTS,
  /** The demo's embedded PostgreSQL: not 5432, so a local server keeps its port. */
  database: 54329,
  web: 3000,
  /** Where the provider simulator serves the providers' callback APIs (the demo connections' apiBaseUrl). */
  simulator: 4010,
  ...portOverrides(process.env['NEXARA_PORTS']),
};
const DEMO_DATABASE_PORT = PORTS.database;
const DEMO_DATABASE = process.env['NEXARA_DATABASE'] || 'nexara';
const WEB_PORT = PORTS.web;
const SIMULATOR_API_PORT = PORTS.simulator;

function portOverrides(spec: string | undefined): Partial<Record<PortName, number>> {
  if (!spec) return {};
  return Object.fromEntries(
    spec.split(',').map((pair) => {
      const [name, port] = pair.split('=');
      if (!name || !Number.isInteger(Number(port))) throw new Error(`NEXARA_PORTS: "${pair}" is not name=port`);
      return [name.trim(), Number(port)];
    }),
  );
}

/** What the launcher sends the platform process on Ctrl-C / SIGTERM. */
const STOP_MESSAGE = 'nexara:stop';

/**
 * The order processes stop in: what feeds the platform first (demo traffic,
 * the dashboard), then the gateway and the worker (they drain: answers in
 * flight, jobs being run), then the subgraphs they call; the database last.
 */
const STOP_ORDER: string[][] = [
  ['traffic', 'web'],
  ['gateway', 'worker'],
  ['catalog'],
  ['tenants', 'orders', 'integrations'],
];
/** Demo traffic: new orders per second across all demo connections (status updates follow some of them). */
const DEMO_RATE = process.env['DEMO_RATE'] ?? '0.5';

/**
 * `npm start`: the whole platform on one machine. Embedded PostgreSQL (or
 * DATABASE_URL), migrations, every service as its own process, the demo seed,
 * and the dashboard on :3000. Ctrl-C stops everything.
 */
async function main(): Promise<void> {
  assertNotProduction();
  const startedAt = Date.now();
  const secrets = localSecrets();
  const databaseUrl = process.env['DATABASE_URL'];
  const server = await startDatabaseServer({
    databaseUrl,
    dataDir: path.join(DATA_DIR, 'pg'),
    port: DEMO_DATABASE_PORT,
    superuserPassword: secrets.databasePassword,
  });
  console.log(
    `database   │ ${server.embedded ? `embedded PostgreSQL on 127.0.0.1:${DEMO_DATABASE_PORT} (data in ${path.join(DATA_DIR, 'pg')})` : 'DATABASE_URL'}`,
  );
  await ensureRoles(server.adminUrl, secrets.rolePasswords);
  const database = await createDatabase(server.adminUrl, DEMO_DATABASE, secrets.rolePasswords);
  const applied = await migrateAll(database);
  console.log(`database   │ ${applied.length ? `applied ${applied.length} migrations` : 'schema up to date'}`);

  const publicUrl = process.env['PUBLIC_URL'] ?? `http://localhost:${PORTS.gateway}`;
  const envs = serviceEnvironments({
    database,
    secrets,
    publicUrl,
    // Provider callbacks may reach the simulator's provider APIs and no other internal address.
    egressAllow: `127.0.0.1:${SIMULATOR_API_PORT}`,
    nodeEnv: 'development',
    ports: {
      gateway: PORTS.gateway,
      tenants: PORTS.tenants,
      orders: PORTS.orders,
      integrations: PORTS.integrations,
      catalog: PORTS.catalog,
      worker: PORTS.worker,
    },
    logLevel: process.env['LOG_LEVEL'] ?? 'warn',
    // Traces to an OTLP collector (Jaeger's :4318 under compose's observability profile) when named.
    otel: otelVariables(process.env),
  });

  const processes: ManagedProcess[] = [];
  let shuttingDown = false;
  const shutdown = async (code: number): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log('\nstopping   │ services…');
    for (const group of STOP_ORDER) {
      await Promise.all(processes.filter((p) => group.includes(p.name)).map((p) => p.stop()));
    }
    await Promise.all(processes.map((p) => p.stop()));
    await server.stop();
    console.log('stopped    │ all processes and the database');
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  // The launcher asks for a shutdown over IPC, and its end (killed outright) is one too.
  process.on('message', (message) => {
    if (message === STOP_MESSAGE) void shutdown(0);
  });
  process.once('disconnect', () => void shutdown(0));

  const baseEnv = { PATH: process.env['PATH'], HOME: process.env['HOME'] };
  for (const name of Object.keys(SERVICE_ENTRY_POINTS) as (ServiceName | 'worker')[]) {
    processes.push(
      startProcess(name, process.execPath, [path.join(REPO_ROOT, SERVICE_ENTRY_POINTS[name])], {
        cwd: REPO_ROOT,
        env: { ...baseEnv, ...envs[name] },
        onExit: (code) => {
          console.error(`${name} exited unexpectedly (code ${code}); stopping the platform`);
          void shutdown(1);
        },
      }),
    );
  }
  const gatewayUrl = `http://localhost:${PORTS.gateway}`;
  try {
    await startDemo(gatewayUrl, secrets.internalTokenSecret, processes, shutdown, baseEnv, startedAt);
  } catch (error) {
    console.error(error instanceof Error ? error.stack : error);
    await shutdown(1);
  }
}

/** Once the services run: readiness, demo seed, the dashboard, and the banner. */
async function startDemo(
  gatewayUrl: string,
  internalTokenSecret: string,
  processes: ManagedProcess[],
  shutdown: (code: number) => Promise<void>,
  baseEnv: Record<string, string | undefined>,
  startedAt: number,
): Promise<void> {
  await waitForReady(`${gatewayUrl}/readyz`);

  const urls = {
    tenants: `http://127.0.0.1:${PORTS.tenants}/graphql`,
    orders: `http://127.0.0.1:${PORTS.orders}/graphql`,
    integrations: `http://127.0.0.1:${PORTS.integrations}/graphql`,
  };
  const catalogUrl = `http://127.0.0.1:${PORTS.catalog}/graphql`;
  const seed = await seedDemo({
    urls,
    internalTokenSecret,
    providerApiBaseUrl: `http://127.0.0.1:${SIMULATOR_API_PORT}`,
    ordersPerTenant: 180,
    log: (line) => console.log(`seed       │ ${line}`),
  });
  if (!seed.seeded) console.log('seed       │ demo data already present');
  await demoConnections(seed, { urls, internalTokenSecret });
  if (Number(DEMO_RATE) > 0)
    processes.push(
      startProcess(
        'traffic',
        process.execPath,
        [
          path.join(REPO_ROOT, 'packages/simulator/dist/cli.js'),
          '--provider',
          'all',
          '--rate',
          DEMO_RATE,
          '--connections',
          DEMO_CONNECTIONS_FILE,
          '--api-port',
          String(SIMULATOR_API_PORT),
        ],
        {
          cwd: REPO_ROOT,
          env: baseEnv,
          onExit: (code) => console.error(`demo traffic stopped (code ${code}); the platform keeps running`),
        },
      ),
    );

  // Each tenant's menu in the catalog, published at each start to every provider: the simulator's
  // control APIs, which the traffic process serves (without demo traffic there is nobody to publish to).
  const providerApiUp = Number(DEMO_RATE) > 0;
  if (providerApiUp) await waitForReady(`http://127.0.0.1:${SIMULATOR_API_PORT}/records`);
  await seedDemoMenus({
    urls: { integrations: urls.integrations, catalog: catalogUrl },
    internalTokenSecret,
    tenants: seed.demoTenants,
    publish: providerApiUp,
    log: (line) => console.log(`menu       │ ${line}`),
  });

  processes.push(
    startProcess('web', process.execPath, [viteBin(), 'preview', '--port', String(WEB_PORT), '--strictPort'], {
      cwd: path.join(REPO_ROOT, 'web'),
      env: { ...baseEnv, NEXARA_GATEWAY_URL: gatewayUrl },
      onExit: (code) => {
        console.error(`web exited unexpectedly (code ${code}); stopping the platform`);
        void shutdown(1);
      },
    }),
  );
  await waitForReady(`http://localhost:${WEB_PORT}/`);

  console.log(`
  Nexara is running (ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)

    Dashboard        http://localhost:${WEB_PORT}
    GraphQL API      ${gatewayUrl}/graphql   (Apollo Sandbox in a browser)
    Webhooks         ${gatewayUrl}/webhooks/<provider>/<connectionKey>
    Demo traffic     ${DEMO_RATE} new orders/s from the provider simulator (DEMO_RATE=0 to stop)

  Demo logins (password "${DEMO_PASSWORD}")
    ${PLATFORM_ADMIN.email.padEnd(26)} platform admin
${DEMO_TENANTS.map((t) => `    ${t.ownerEmail.padEnd(26)} owner of ${t.name} (${t.currency})`).join('\n')}

  Ctrl-C stops everything.
`);
}

/** vite's CLI script (its package exports do not expose the bin path). */
function viteBin(): string {
  const viteDir = path.dirname(require.resolve('vite/package.json', { paths: [path.join(REPO_ROOT, 'web')] }));
  return path.join(viteDir, 'bin', 'vite.js');
}

/**
 * `npm start`'s own process only launches the platform in a process group of
 * its own and passes Ctrl-C / SIGTERM on as a request to stop. A terminal's
 * Ctrl-C reaches every process of the foreground group at once: without this,
 * PostgreSQL (and every service) would get it at the same moment as we do and
 * stop before the services that use it, each of them logging lost connections.
 */
function launch(): void {
  const platform = spawn(process.execPath, process.argv.slice(1), {
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, NEXARA_PLATFORM_PROCESS: '1' },
  });
  const requestStop = (): void => {
    if (platform.connected) platform.send(STOP_MESSAGE);
  };
  process.on('SIGINT', requestStop);
  process.on('SIGTERM', requestStop);
  process.on('SIGHUP', requestStop);
  platform.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.env['NEXARA_PLATFORM_PROCESS'] === '1') {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
} else {
  launch();
}
