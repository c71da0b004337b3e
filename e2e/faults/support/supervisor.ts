import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stopChild } from '@nexara/stack';

/**
 * What a process manager (docker-compose `restart: unless-stopped`, systemd)
 * does for the platform in production: a service process that dies is started
 * again. Fault tests kill services with SIGKILL and expect them back through
 * this, and record every exit so a test can tell the exits it caused from a
 * service that crashed on its own.
 */
export type SupervisedService = {
  name: string;
  /** SIGKILL now (the supervisor restarts it). */
  kill: () => void;
  /** Exits the test did not cause, with their code or signal. */
  unexpectedExits: string[];
  /** How many times the process was started. */
  starts: number;
  logFile: string;
};

export type Supervisor = {
  services: Record<string, SupervisedService>;
  stop: () => Promise<void>;
};

export function supervise(
  entries: Record<string, { script: string; env: Record<string, string> }>,
  options: { cwd: string; logDir: string; restartDelayMs?: number },
): Supervisor {
  const children = new Map<string, ChildProcess>();
  const services: Record<string, SupervisedService> = {};
  let stopping = false;

  for (const [name, entry] of Object.entries(entries)) {
    const logFile = path.join(options.logDir, `${name}.log`);
    const service: SupervisedService = { name, kill: () => undefined, unexpectedExits: [], starts: 0, logFile };
    let killedOnPurpose = false;
    const start = (): void => {
      service.starts += 1;
      const log = fs.openSync(logFile, 'a');
      const child = spawn(process.execPath, [entry.script], {
        cwd: options.cwd,
        env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...entry.env },
        stdio: ['ignore', log, log],
      });
      fs.closeSync(log);
      children.set(name, child);
      child.on('exit', (code, signal) => {
        if (stopping) return;
        if (!killedOnPurpose) service.unexpectedExits.push(`code ${code} signal ${signal}`);
        killedOnPurpose = false;
        setTimeout(() => stopping || start(), options.restartDelayMs ?? 500).unref();
      });
    };
    service.kill = () => {
      killedOnPurpose = true;
      children.get(name)?.kill('SIGKILL');
    };
    services[name] = service;
    start();
  }

  return {
    services,
    stop: async () => {
      stopping = true;
      await Promise.all([...children.values()].map(stopChild));
    },
  };
}

/** The last lines of a service's log, for a failing assertion's message. */
export function tail(file: string, lines = 30): string {
  if (!fs.existsSync(file)) return '(no log)';
  return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
