import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { embeddedPostgresBinary } from './database-server';

/**
 * A PostgreSQL server of its own for fault tests: it gets stopped hard and
 * started again while the platform runs, which must never touch the server
 * other test files share. Same binaries as the embedded server (from npm),
 * its own temporary data directory and port, loopback only, removed by
 * `destroy()`. Trust authentication, unless `superuserPassword` is given:
 * then every role logs in with its password (scram-sha-256), for tests of
 * who can log in as whom.
 */
export type ThrowawayPostgres = {
  adminUrl: string;
  port: number;
  /** `pg_ctl stop -m immediate`: the server dies as in a crash (no checkpoint, clients cut). */
  crash: () => void;
  start: () => void;
  destroy: () => void;
};

export function createThrowawayPostgres(port: number, options: { superuserPassword?: string } = {}): ThrowawayPostgres {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexara-faults-pg-'));
  const logFile = path.join(dataDir, '..', `${path.basename(dataDir)}.log`);
  // PostgreSQL refuses to run as root: run its tools as the `postgres` system user, which then owns the directory.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    fs.chownSync(dataDir, uid, gid);
    fs.writeFileSync(logFile, '');
    fs.chownSync(logFile, uid, gid);
  }
  const run = (binary: string, args: string[]): void => {
    const command = [embeddedPostgresBinary(binary), ...args];
    if (asRoot) execFileSync('su', ['postgres', '-c', command.map(shellQuote).join(' ')], { stdio: 'pipe' });
    else execFileSync(command[0]!, command.slice(1), { stdio: 'pipe' });
  };
  const pgCtl = (args: string[]): void => run('pg_ctl', ['-D', dataDir, ...args]);

  const password = options.superuserPassword;
  const passwordFile = password === undefined ? null : `${dataDir}.pw`;
  if (passwordFile) {
    fs.writeFileSync(passwordFile, password!, { mode: 0o600 });
    if (asRoot) fs.chownSync(passwordFile, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), 0);
  }
  const auth = passwordFile ? ['-A', 'scram-sha-256', `--pwfile=${passwordFile}`] : ['-A', 'trust'];
  try {
    run('initdb', ['-D', dataDir, '-U', 'postgres', ...auth, '--no-sync', '-E', 'UTF8']);
  } finally {
    if (passwordFile) fs.rmSync(passwordFile, { force: true });
  }
  const credentials = password === undefined ? '' : `:${encodeURIComponent(password)}`;
  const server: ThrowawayPostgres = {
    adminUrl: `postgres://postgres${credentials}@127.0.0.1:${port}/postgres`,
    port,
    crash: () => pgCtl(['stop', '-m', 'immediate', '-w']),
    start: () =>
      pgCtl(['start', '-w', '-l', logFile, '-o', `-p ${port} -c listen_addresses=127.0.0.1 -c max_connections=200`]),
    destroy: () => {
      try {
        pgCtl(['stop', '-m', 'immediate', '-w']);
      } catch {
        // already stopped
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(logFile, { force: true });
    },
  };
  server.start();
  return server;
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
