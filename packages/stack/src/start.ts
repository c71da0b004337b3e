import 'reflect-metadata';
import path from 'node:path';
import { startDatabaseServer } from './database/database-server';
import { localSecrets } from './database/local-secrets';
import { migrateAll } from './database/migrate-all';
import { createDatabase, ensureRoles } from './database/provision';
import { DEMO_CONNECTIONS_FILE, demoConnections } from './demo/demo-connections';
import { DEMO_PASSWORD, DEMO_TENANTS, PLATFORM_ADMIN } from './demo/demo-data';
import { assertNotProduction, seedDemo } from './demo/seed';
import { DATA_DIR, REPO_ROOT } from './paths';
import { DEFAULT_PORTS, SERVICE_ENTRY_POINTS, serviceEnvironments, type ServiceName } from './platform/environments';
import { startProcess, waitForReady, type ManagedProcess } from './platform/processes';

/** The demo's embedded PostgreSQL port: not 5432, so a local server keeps its port. */
const DEMO_DATABASE_PORT = 54329;
const DEMO_DATABASE = 'nexara';
const WEB_PORT = 3000;

/** Where the provider simulator serves the providers' callback APIs (the demo connections' apiBaseUrl). */
const SIMULATOR_API_PORT = 4010;
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
    `database   │ ${server.embedded ? `embedded PostgreSQL on 127.0.0.1:${DEMO_DATABASE_PORT} (data in .data/pg)` : 'DATABASE_URL'}`,
  );
  await ensureRoles(server.adminUrl, secrets.databasePassword);
  const database = await createDatabase(server.adminUrl, DEMO_DATABASE, secrets.databasePassword);
  const applied = await migrateAll(database);
  console.log(`database   │ ${applied.length ? `applied ${applied.length} migrations` : 'schema up to date'}`);

  const publicUrl = process.env['PUBLIC_URL'] ?? `http://localhost:${DEFAULT_PORTS.gateway}`;
  const envs = serviceEnvironments({
    database,
    secrets,
    ports: DEFAULT_PORTS,
    publicUrl,
    // Provider callbacks may reach the simulator's provider APIs and no other internal address.
    egressAllow: `127.0.0.1:${SIMULATOR_API_PORT}`,
    nodeEnv: 'development',
    logLevel: process.env['LOG_LEVEL'] ?? 'warn',
  });

  const processes: ManagedProcess[] = [];
  let shuttingDown = false;
  const shutdown = async (code: number): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log('\nstopping   │ services…');
    await Promise.all(processes.map((p) => p.stop()));
    await server.stop();
    console.log('stopped    │ all processes and the database');
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

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
  const gatewayUrl = `http://localhost:${DEFAULT_PORTS.gateway}`;
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
    tenants: `http://127.0.0.1:${DEFAULT_PORTS.tenants}/graphql`,
    orders: `http://127.0.0.1:${DEFAULT_PORTS.orders}/graphql`,
    integrations: `http://127.0.0.1:${DEFAULT_PORTS.integrations}/graphql`,
  };
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

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
