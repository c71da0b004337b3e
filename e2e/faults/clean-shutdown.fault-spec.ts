import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePorts } from '@nexara/kit';
import { REPO_ROOT } from '@nexara/stack';

/**
 * `npm start` as a person runs it, stopped as a person stops it: the test
 * starts `packages/stack/dist/start.js` in a process group of its own (a
 * terminal's foreground group) on free ports with its own embedded
 * PostgreSQL and demo traffic, and sends SIGINT to the whole group, which is
 * what Ctrl-C does. The platform must stop in reverse start order (traffic
 * and dashboard, then gateway and worker, then subgraphs, then the database)
 * and so write no warning or error on the way out, and exit 0.
 */
jest.setTimeout(300_000);

let dataDir: string;
let platform: ChildProcess | undefined;
const output: string[] = [];

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexara-shutdown-'));
  // The embedded PostgreSQL runs as the `postgres` system user when we are root: it must reach the folder.
  fs.chmodSync(dataDir, 0o755);
});

afterAll(() => {
  if (platform?.pid && platform.exitCode === null) process.kill(-platform.pid, 'SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function waitForLine(pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no line matched ${pattern} in ${timeoutMs} ms:\n${output.join('\n')}`)),
      timeoutMs,
    );
    const check = (): void => {
      if (output.some((line) => pattern.test(line))) {
        clearTimeout(timer);
        platform!.stdout!.off('data', check);
        resolve();
      }
    };
    platform!.stdout!.on('data', check);
    check();
  });
}

it('stops on Ctrl-C in reverse start order, exiting 0 without a warning or an error line', async () => {
  const [gateway, tenants, orders, integrations, worker, database, web, simulator] = await freePorts(8);
  const env: Record<string, string | undefined> = {
    ...process.env,
    NEXARA_DATA_DIR: dataDir,
    NEXARA_PORTS: Object.entries({ gateway, tenants, orders, integrations, worker, database, web, simulator })
      .map(([name, port]) => `${name}=${port}`)
      .join(','),
    DEMO_RATE: '2',
    LOG_LEVEL: 'info',
  };
  // Its own embedded PostgreSQL, which the platform must stop last (a shared server would never stop).
  delete env['DATABASE_URL'];
  platform = spawn(process.execPath, [path.join(REPO_ROOT, 'packages/stack/dist/start.js')], {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let pending = '';
  const collect = (chunk: Buffer): void => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    output.push(...lines);
  };
  platform.stdout!.on('data', collect);
  platform.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => platform!.once('exit', (code) => resolve(code)));

  await waitForLine(/Ctrl-C stops everything/, 240_000);
  // Demo traffic flows through the whole platform (webhooks answered 2xx) when the stop comes.
  await waitForLine(/\[simulate [^\]]+\] sent \d+ \| 2xx [1-9]/, 60_000);

  const stopRequestedAt = output.length;
  process.kill(-platform.pid!, 'SIGINT');
  expect(await exited).toBe(0);

  const shutdownLines = output.slice(stopRequestedAt);
  expect(shutdownLines.some((line) => /stopped\s+│ all processes and the database/.test(line))).toBe(true);
  const complaints = shutdownLines.filter(
    (line) => /"level":"(warn|error|fatal)"/.test(line) || /exited unexpectedly|Error:|ECONNREFUSED/.test(line),
  );
  expect(complaints).toEqual([]);
});
