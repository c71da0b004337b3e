import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePorts } from '@nexara/kit';
import { REPO_ROOT } from '../paths';
import { eventually } from '@nexara/test-support';

/**
 * The embedded server in a process of its own, as `npm start` and jest's
 * global setup use it (from the build, as they run it): a process that
 * stops it and then ends on its own exits 0, and one that ends without
 * stopping it leaves no PostgreSQL running. (The package's own exit hook
 * once turned every clean end into exit code 1, which made CI red with
 * every test passing.)
 */
const serverModule = path.join(REPO_ROOT, 'packages/stack/dist/database/database-server.js');

function runScript(body: string): { status: number | null; stderr: string } {
  const script = `const { startDatabaseServer } = require(${JSON.stringify(serverModule)});\n(async () => {\n${body}\n})();`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stderr: result.stderr };
}

function postmasterPid(dataDir: string): number | null {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  return fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]) : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded PostgreSQL in a process of its own', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexara-embedded-pg-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('exits 0 after stopping it, with nothing on stderr', async () => {
    const [port] = await freePorts(1);
    const options = JSON.stringify({ dataDir, port, superuserPassword: 'local-only' });
    const result = runScript(`const server = await startDatabaseServer(${options});\nawait server.stop();`);
    expect(result).toEqual({ status: 0, stderr: '' });
  });

  it('shuts PostgreSQL down when the process ends without stopping it', async () => {
    const [port] = await freePorts(1);
    const options = JSON.stringify({ dataDir, port, superuserPassword: 'local-only' });
    const result = runScript(`await startDatabaseServer(${options});\nprocess.exit(0);`);
    expect(result.status).toBe(0);
    const pid = postmasterPid(dataDir);
    // Fast shutdown is asynchronous: the postmaster is gone once it removed its pid file.
    await eventuallyGone(dataDir, pid);
  });

  it("fails with the server's own reason when it exits before it is ready, and leaves nothing running", async () => {
    const [port] = await freePorts(1);
    const options = JSON.stringify({
      dataDir,
      port,
      superuserPassword: 'local-only',
      settings: { wal_compression: 'no-such-method' },
    });
    const result = runScript(
      `try {\n  await startDatabaseServer(${options});\n} catch (error) {\n  process.stderr.write(String(error?.message));\n  process.exit(3);\n}`,
    );
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('exited before it was ready');
    expect(result.stderr).toContain('invalid value for parameter "wal_compression"');
    expect(postmasterPid(dataDir)).toBeNull();
  });
});

async function eventuallyGone(dataDir: string, pid: number | null): Promise<void> {
  await eventually(
    async () => ((pid === null || !alive(pid)) && postmasterPid(dataDir) === null ? true : undefined),
    20_000,
    'the postmaster to shut down',
  );
}
