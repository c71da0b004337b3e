import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { stopChild } from '@nexara/stack';
import { eventually } from '@nexara/test-support';

export type ThrowawayRedis = {
  url: string;
  /** Starts redis-server (again) and resolves once it accepts connections. */
  start: () => Promise<void>;
  /** SIGKILL: Redis vanishes as in a crash (it keeps nothing on disk). */
  crash: () => Promise<void>;
  stop: () => Promise<void>;
};

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/**
 * A Redis of the test's own (Debian's redis-server on a free port, nothing
 * saved), so a fault test can kill it without touching the machine's Redis
 * that other tests share.
 */
export function throwawayRedis(port: number): ThrowawayRedis {
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await eventually(async () => ((await accepts(port)) ? true : undefined), 20_000, `redis-server on port ${port}`);
  };
  const crash = async (): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    crash,
    stop: async () => {
      if (child) await stopChild(child);
      child = null;
    },
  };
}
