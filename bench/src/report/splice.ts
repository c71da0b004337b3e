/** A scenario's part of BENCHMARKS.md: its rows in the Summary table (by their first cell) and its `## ` section. */
export type MarkdownPart = { label: string; heading: string };

/**
 * `existing` BENCHMARKS.md with the given scenarios' summary rows and
 * sections taken from `rendered` (the renderer's output for the merged
 * results), everything else kept as it is: BENCHMARKS.md carries hand-written
 * notes beside what the renderer writes, which a merged run must not lose
 * (`npm run bench -- --scenario control --merge`). A section is its `## `
 * heading up to the next `## ` heading; a new one goes before the first of
 * `before` headings that exists, else at the end; new rows go after the last
 * summary row.
 */
export function spliceScenarios(
  existing: string,
  rendered: string,
  parts: readonly MarkdownPart[],
  before: readonly string[] = [],
): string {
  let lines = existing.split('\n');
  const renderedLines = rendered.split('\n');
  for (const part of parts) {
    const isRow = (line: string): boolean => line.startsWith(`| ${part.label} |`);
    const rows = renderedLines.filter(isRow);
    const at = lines.findIndex(isRow);
    const kept = lines.filter((line) => !isRow(line));
    const insertAt = at >= 0 ? at : lastSummaryRow(kept) + 1;
    if (insertAt <= 0 && rows.length) throw new Error('BENCHMARKS.md has no Summary table to put the rows in');
    lines = [...kept.slice(0, insertAt), ...rows, ...kept.slice(insertAt)];

    const section = sectionOf(renderedLines, part.heading);
    const old = sectionRange(lines, part.heading);
    if (old) lines = [...lines.slice(0, old.start), ...(section ?? []), ...lines.slice(old.end)];
    else if (section) {
      const next = before.map((heading) => sectionRange(lines, heading)?.start).find((i) => i !== undefined);
      const place = next ?? lines.length;
      lines = [...lines.slice(0, place), ...section, ...lines.slice(place)];
    }
  }
  return lines.join('\n');
}

function lastSummaryRow(lines: string[]): number {
  const range = sectionRange(lines, 'Summary');
  if (!range) return -1;
  let last = -1;
  for (let i = range.start; i < range.end; i += 1) if (lines[i]!.startsWith('|')) last = i;
  return last;
}

function sectionRange(lines: string[], heading: string): { start: number; end: number } | null {
  const start = lines.indexOf(`## ${heading}`);
  if (start < 0) return null;
  const next = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  return { start, end: next < 0 ? lines.length : next };
}

function sectionOf(lines: string[], heading: string): string[] | null {
  const range = sectionRange(lines, heading);
  return range ? lines.slice(range.start, range.end) : null;
}
