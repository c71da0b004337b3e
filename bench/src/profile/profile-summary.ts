import fs from 'node:fs';
import path from 'node:path';

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) a summary needs. */
type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
};

export type ProfileLine = { name: string; selfMs: number; selfShare: number };
export type ProfileSummary = { file: string; sampledMs: number; topFunctions: ProfileLine[]; byPackage: ProfileLine[] };

/** Where a function lives: its npm package, `node:` for Node.js itself, or the repository file. */
function locationOf(url: string): string {
  if (!url) return '(native/V8)';
  if (url.startsWith('node:')) return 'node:internal';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const repo = url.indexOf('/dist/');
  return repo >= 0 ? url.slice(url.lastIndexOf('/', url.lastIndexOf('/', repo - 1) - 1) + 1) : url;
}

/**
 * Self time per function and per package of a CPU profile, biggest first:
 * where the process spent its CPU, not who called what. Idle time and the
 * garbage collector are listed as V8 reports them (`(idle)`, `(garbage collector)`).
 */
export function summarizeProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByFunction = new Map<string, number>();
  const selfByPackage = new Map<string, number>();
  let sampledMs = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') return;
    sampledMs += ms;
    const where = locationOf(frame.url);
    const name = `${frame.functionName || '(anonymous)'} ${frame.url ? `${where}:${frame.lineNumber + 1}` : ''}`.trim();
    selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + ms);
    selfByPackage.set(where, (selfByPackage.get(where) ?? 0) + ms);
  });
  const lines = (totals: Map<string, number>): ProfileLine[] =>
    [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, selfMs: Math.round(ms), selfShare: Number((ms / sampledMs).toFixed(3)) }));
  return {
    file: path.basename(file),
    sampledMs: Math.round(sampledMs),
    topFunctions: lines(selfByFunction),
    byPackage: lines(selfByPackage),
  };
}

export function formatProfileSummary(summary: ProfileSummary): string {
  const table = (title: string, lines: ProfileLine[]): string =>
    [
      `  ${title}`,
      ...lines.map(
        (l) => `    ${(l.selfShare * 100).toFixed(1).padStart(5)} %  ${String(l.selfMs).padStart(6)} ms  ${l.name}`,
      ),
    ].join('\n');
  return [
    `${summary.file}: ${summary.sampledMs} ms on CPU`,
    table('by package', summary.byPackage),
    table('by function', summary.topFunctions),
  ].join('\n');
}

if (require.main === module) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: node bench/dist/profile/profile-summary.js <file.cpuprofile>...');
    process.exit(2);
  }
  for (const file of files) console.log(formatProfileSummary(summarizeProfile(file)));
}
