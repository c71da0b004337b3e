import fs from 'node:fs';

/** Linux reports CPU time in clock ticks; 100 per second on every common kernel configuration. */
const TICKS_PER_SECOND = 100;

type Stat = { ppid: number; cpuMs: number; reapedChildrenMs: number };

function readStat(pid: number): Stat | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (2nd field) may hold spaces and parentheses: count fields from the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ms = (field: number): number => (Number(fields[field]) * 1000) / TICKS_PER_SECOND;
    // utime + stime; cutime + cstime: children that have exited and been waited for.
    return { ppid: Number(fields[1]), cpuMs: ms(11) + ms(12), reapedChildrenMs: ms(13) + ms(14) };
  } catch {
    return null; // gone, or not Linux
  }
}

/** CPU time (user + system) a process has used so far, in ms; null where /proc is not available. */
export function processCpuMs(pid: number): number | null {
  return readStat(pid)?.cpuMs ?? null;
}

/** The parent of a process (for a PostgreSQL backend: the postmaster). */
export function parentPid(pid: number): number | null {
  return readStat(pid)?.ppid ?? null;
}

/**
 * CPU ms of a process and its children, living or exited: for PostgreSQL,
 * the postmaster and every backend and helper it forked.
 */
export function processTreeCpuMs(root: number): number | null {
  const own = readStat(root);
  if (own === null) return null;
  let total = own.cpuMs + own.reapedChildrenMs;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.ppid === root) total += stat.cpuMs;
  }
  return total;
}

/** CPU ms each named process has used so far (null: not running, or no /proc). */
export function readCpu(processes: Record<string, () => number | null>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(processes).map(([name, read]) => [name, read()]));
}

/** CPU ms each process used between two readings (processes missing from either are left out). */
export function cpuBetween(
  before: Record<string, number | null>,
  after: Record<string, number | null>,
): Record<string, number> {
  const cpuMs: Record<string, number> = {};
  for (const [name, end] of Object.entries(after)) {
    const start = before[name];
    if (start !== null && start !== undefined && end !== null) cpuMs[name] = end - start;
  }
  return cpuMs;
}

/** CPU ms used by each named process over `work`, alongside its result. */
export async function measureCpu<T>(
  processes: Record<string, () => number | null>,
  work: () => Promise<T>,
): Promise<{ result: T; cpuMs: Record<string, number> }> {
  const before = readCpu(processes);
  const result = await work();
  return { result, cpuMs: cpuBetween(before, readCpu(processes)) };
}
