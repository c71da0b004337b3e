import fs from 'node:fs';
import { round } from '../stats';
import type { BenchStack } from './bench-stack';

/**
 * VmHWM (peak resident set since the process started) of each running
 * service process, of PostgreSQL's postmaster and of the bench itself (the
 * load generator), in MiB.
 */
export function peakRss(stack: BenchStack): Record<string, number> {
  const peaks: Record<string, number> = {};
  const read = (name: string, pid: number | null): void => {
    if (!pid) return;
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
      if (kb) peaks[name] = round(kb / 1024, 1);
    } catch {
      // not on Linux, or gone
    }
  };
  for (const name of ['gateway', 'tenants', 'orders', 'integrations', 'catalog', 'worker'] as const)
    read(name, stack.pidOf(name));
  read('postgres', stack.postgresPid);
  read('loadGenerator', process.pid);
  return peaks;
}
