import os from 'node:os';

/** What a benchmark ran on: results are only comparable on the same machine and versions. */
export type MachineInfo = { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string };

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}
