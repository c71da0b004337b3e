import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

export type ManagedProcess = { name: string; child: ChildProcess; stop: () => Promise<void> };

const COLORS = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m', '\x1b[34m', '\x1b[31m'];
let nextColor = 0;

/** Starts a child process whose output is prefixed with its name; `stop()` sends SIGTERM, then SIGKILL after 5 s. */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string | undefined>; onExit?: (code: number | null) => void },
): ManagedProcess {
  const color = COLORS[nextColor++ % COLORS.length];
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `${color}${name.padEnd(12)}\x1b[0m│ `;
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix}${line}\n`));
  }
  let stopping = false;
  child.on('exit', (code) => {
    if (!stopping) options.onExit?.(code);
  });
  return {
    name,
    child,
    stop: () => {
      stopping = true;
      return stopChild(child);
    },
  };
}

/** SIGTERM, then SIGKILL if the process is still there after 5 s; resolves once it has exited. */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Polls `url` until it answers 2xx or `timeoutMs` passes. */
export async function waitForReady(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      last = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} was not ready after ${timeoutMs} ms (${last})`);
}
