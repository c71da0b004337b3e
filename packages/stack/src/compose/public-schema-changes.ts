import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { REPO_ROOT } from '../paths';

export const PUBLIC_SCHEMA_FILE = 'gateway/schema/public.graphql';
export const PUBLIC_CHANGES_FILE = 'gateway/schema/CHANGES.md';

export type SchemaChange = { type: string; path: string; message: string };

/** The schema an SDL file describes, or null for a file with no definitions (the empty contract's placeholder). */
export function schemaOf(sdl: string): GraphQLSchema | null {
  return sdl.replace(/^\s*#.*$/gm, '').trim() ? buildSchema(sdl) : null;
}

/** What @graphql-inspector/core rates BREAKING between two versions of the public schema. */
export async function breakingChanges(previousSdl: string, nextSdl: string): Promise<SchemaChange[]> {
  const previous = schemaOf(previousSdl);
  if (!previous) return []; // nothing was published before: nothing to break
  const changes = await diff(previous, schemaOf(nextSdl));
  return changes
    .filter((change) => change.criticality.level === CriticalityLevel.Breaking)
    .map((change) => ({ type: String(change.type), path: change.path ?? '(schema)', message: change.message }));
}

/**
 * The breaking changes `CHANGES.md` acknowledges: top-level bullets naming
 * the change type and path in backticks, e.g.
 * "- `FIELD_REMOVED` `Order.notes`: why, and what to use instead."
 */
export function acknowledgedChanges(changesMarkdown: string): Set<string> {
  const acknowledged = new Set<string>();
  for (const line of changesMarkdown.split('\n')) {
    const match = /^[-*]\s+`([A-Z_]+)`\s+`([^`]+)`/.exec(line);
    if (match) acknowledged.add(`${match[1]} ${match[2]}`);
  }
  return acknowledged;
}

export function unacknowledged(changes: readonly SchemaChange[], changesMarkdown: string): SchemaChange[] {
  const acknowledged = acknowledgedChanges(changesMarkdown);
  return changes.filter((change) => !acknowledged.has(`${change.type} ${change.path}`));
}

/** The public schema as committed at `ref`, or null when that commit has none (or this is not a git checkout). */
export function committedPublicSchema(ref = 'HEAD', repoRoot = REPO_ROOT): string | null {
  try {
    return execFileSync('git', ['show', `${ref}:${PUBLIC_SCHEMA_FILE}`], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return null;
  }
}

export type PublicSchemaCheck = { baseline: 'none' | string; breaking: SchemaChange[]; unlisted: SchemaChange[] };

/**
 * Compares a freshly composed public schema with its last committed version
 * and reports the breaking changes `CHANGES.md` does not list. The baseline
 * is `ref` when given (CI can pass the target branch); otherwise HEAD, or,
 * when HEAD already holds exactly this schema (a clean checkout, as in CI),
 * the commit before it, so the commit that made a change is still checked.
 * Skipped (baseline 'none') when there is nothing committed to compare with.
 */
export async function checkPublicSchemaChanges(
  nextSdl: string,
  ref?: string,
  repoRoot = REPO_ROOT,
): Promise<PublicSchemaCheck> {
  let baseline = ref ?? 'HEAD';
  let previous = committedPublicSchema(baseline, repoRoot);
  if (ref === undefined && previous === nextSdl) {
    baseline = 'HEAD~1';
    previous = committedPublicSchema(baseline, repoRoot);
  }
  if (previous === null) return { baseline: 'none', breaking: [], unlisted: [] };
  const changesFile = path.join(repoRoot, PUBLIC_CHANGES_FILE);
  const markdown = fs.existsSync(changesFile) ? fs.readFileSync(changesFile, 'utf8') : '';
  const breaking = await breakingChanges(previous, nextSdl);
  return { baseline, breaking, unlisted: unacknowledged(breaking, markdown) };
}

export function describeUnlisted(check: PublicSchemaCheck): string {
  return [
    `Breaking changes to the public partner schema since ${check.baseline} are not listed in ${PUBLIC_CHANGES_FILE}:`,
    ...check.unlisted.map((change) => `  - \`${change.type}\` \`${change.path}\`: ${change.message}`),
    `List each one there (see the format at the top of the file), or undo it.`,
  ].join('\n');
}
