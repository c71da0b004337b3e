import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from './paths';

/**
 * Layers point one way (docs/architecture.md, "Workspaces and which way they
 * point"). Reads every import of the repository's TypeScript and fails, naming
 * the import, when:
 *   - a workspace imports one of ours its layer may not (a subgraph another
 *     subgraph or the gateway; kit anything; contracts anything but kit...);
 *   - a workspace imports one of ours it does not declare in its package.json;
 *   - two folders inside one workspace's src/ import each other both ways;
 *   - a folder the others share is called anything but `common`.
 */

type Workspace = { name: string; dir: string; declared: Set<string> };

/** Which of our workspaces each may import (besides itself). `*` is any. */
const MAY_IMPORT: Record<string, readonly string[] | '*'> = {
  '@nexara/kit': [],
  // The provider registry sits on kit and under everything that enumerates providers.
  '@nexara/providers': ['@nexara/kit'],
  '@nexara/contracts': ['@nexara/kit', '@nexara/providers'],
  '@nexara/test-support': ['@nexara/kit', '@nexara/providers', '@nexara/contracts'],
  // The simulator plays the registry's providers through their folders' simulator parts.
  '@nexara/simulator': ['@nexara/kit', '@nexara/providers'],
  '@nexara/tenants': ['@nexara/kit', '@nexara/contracts', '@nexara/test-support'],
  '@nexara/orders': ['@nexara/kit', '@nexara/providers', '@nexara/contracts', '@nexara/test-support'],
  '@nexara/integrations': [
    '@nexara/kit',
    '@nexara/providers',
    '@nexara/contracts',
    '@nexara/test-support',
    '@nexara/simulator',
  ],
  '@nexara/catalog': ['@nexara/kit', '@nexara/providers', '@nexara/contracts', '@nexara/test-support'],
  '@nexara/gateway': ['@nexara/kit', '@nexara/providers', '@nexara/contracts', '@nexara/test-support'],
  // The dashboard's badges, filters and colours come from the registry's browser entry
  // (@nexara/providers/display: data only, compiled with the app); nothing else of ours.
  '@nexara/web': ['@nexara/providers'],
  '@nexara/stack': '*',
  '@nexara/e2e': '*',
  '@nexara/bench': '*',
};

/** Folders that only group others: their children are the units whose imports must not go both ways. */
const GROUPING_FOLDERS = new Set(['features']);

/** Tests and test support may import any folder of their service: they are not part of the layering. */
const TEST_FILE = /\.(spec|int-spec|test|bench)\.tsx?$/;
const TEST_FOLDER = 'testing';

/** What a folder shared by a service's other folders is called (one name everywhere); these names are not. */
const SHARED_FOLDER = 'common';
const OTHER_SHARED_NAMES = new Set(['shared', 'lib', 'libs', 'utils', 'util', 'helpers', 'misc', 'core']);

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function workspaces(): Workspace[] {
  const globs = readJson(path.join(REPO_ROOT, 'package.json'))['workspaces'] as string[];
  const dirs = globs.flatMap((glob) =>
    glob.endsWith('/*')
      ? fs
          .readdirSync(path.join(REPO_ROOT, glob.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => path.join(REPO_ROOT, glob.slice(0, -2), entry.name))
      : [path.join(REPO_ROOT, glob)],
  );
  return dirs
    .filter((dir) => fs.existsSync(path.join(dir, 'package.json')))
    .map((dir) => {
      const manifest = readJson(path.join(dir, 'package.json'));
      const declared = new Set(
        ['dependencies', 'devDependencies', 'peerDependencies'].flatMap((field) =>
          Object.keys((manifest[field] as Record<string, string> | undefined) ?? {}),
        ),
      );
      return { name: manifest['name'] as string, dir, declared };
    });
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

type Import = { file: string; specifier: string };

function importsOf(file: string): Import[] {
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((imported) => ({ file, specifier: imported.fileName }));
}

const relative = (file: string): string => path.relative(REPO_ROOT, file);

const all = workspaces();
const byName = new Map(all.map((workspace) => [workspace.name, workspace]));
const workspaceOf = (file: string): Workspace | undefined =>
  all.find((workspace) => file === workspace.dir || file.startsWith(workspace.dir + path.sep));
const ours = (specifier: string): string | undefined => {
  const match = /^(@nexara\/[^/]+)/.exec(specifier);
  return match && byName.has(match[1]!) ? match[1] : undefined;
};

/** An import of our code: into which workspace, and (for a relative one) which file. */
type Edge = { from: Workspace; file: string; specifier: string; into: Workspace; target: string | undefined };

const edges: Edge[] = all.flatMap((workspace) =>
  sourceFiles(workspace.dir).flatMap((file) =>
    importsOf(file).flatMap(({ specifier }): Edge[] => {
      if (specifier.startsWith('.')) {
        const target = path.resolve(path.dirname(file), specifier);
        const into = workspaceOf(target);
        return into ? [{ from: workspace, file, specifier, into, target }] : [];
      }
      const name = ours(specifier);
      return name ? [{ from: workspace, file, specifier, into: byName.get(name)!, target: undefined }] : [];
    }),
  ),
);

/** The unit of a file for the both-ways rule: its top folder under src/ (a grouping folder's child), or null. */
function unitOf(workspace: Workspace, file: string): string | null {
  const parts = path.relative(path.join(workspace.dir, 'src'), file).split(path.sep);
  if (parts[0] === '..' || parts.length < 2 || parts[0] === TEST_FOLDER || TEST_FILE.test(file)) return null;
  if (GROUPING_FOLDERS.has(parts[0]!) && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return parts[0]!;
}

describe('layering', () => {
  it('finds the workspaces and their imports', () => {
    expect(all.map((workspace) => workspace.name)).toEqual(expect.arrayContaining(Object.keys(MAY_IMPORT)));
    expect(all.every((workspace) => workspace.name in MAY_IMPORT)).toBe(true);
    expect(edges.length).toBeGreaterThan(1000);
  });

  it('imports only the workspaces its layer may', () => {
    const offending = edges
      .filter(({ from, into }) => from !== into)
      .filter(({ from, into }) => {
        const allowed = MAY_IMPORT[from.name];
        return allowed !== '*' && !allowed?.includes(into.name);
      })
      .map(({ file, specifier, into }) => `${relative(file)} imports ${specifier} (${into.name})`);
    // Tests that run two services side by side live in e2e/.
    expect(offending).toEqual([]);
  });

  it('imports other workspaces by package name, never by relative path', () => {
    const offending = edges
      .filter(({ from, into, specifier }) => from !== into && specifier.startsWith('.'))
      .map(({ file, specifier }) => `${relative(file)} imports ${specifier}`);
    expect(offending).toEqual([]);
  });

  it('declares every workspace it imports in its package.json', () => {
    const offending = edges
      .filter(({ from, into }) => from !== into && !from.declared.has(into.name))
      .map(({ file, specifier, from }) => `${relative(file)} imports ${specifier}, undeclared in ${from.name}`);
    expect([...new Set(offending)]).toEqual([]);
  });

  it('has no two folders inside one workspace importing each other', () => {
    const arrows = new Map<string, string>();
    for (const { from, into, file, specifier, target } of edges) {
      if (from !== into || !target) continue;
      const source = unitOf(from, file);
      const destination = unitOf(from, target);
      if (source && destination && source !== destination) {
        arrows.set(`${from.name} ${source} ${destination}`, `${relative(file)} imports ${specifier}`);
      }
    }
    const pairs = new Map<string, string>();
    for (const [arrow, example] of arrows) {
      const [name, source, destination] = arrow.split(' ') as [string, string, string];
      const back = arrows.get(`${name} ${destination} ${source}`);
      if (back && source < destination) pairs.set(`${name} ${source} <-> ${destination}`, `${example} and ${back}`);
    }
    // The piece both need moves to the lower folder, or to the service's `common` folder.
    expect([...pairs].map(([pair, example]) => `${pair}: ${example}`)).toEqual([]);
  });

  it(`calls a shared folder \`${SHARED_FOLDER}\``, () => {
    const folders = new Set(
      edges
        .filter(({ from, into, target }) => from === into && target)
        .map(({ from, target }) => unitOf(from, target!))
        .filter((unit): unit is string => unit !== null)
        .map((unit) => unit.split('/').at(-1)!),
    );
    expect([...folders].filter((folder) => OTHER_SHARED_NAMES.has(folder))).toEqual([]);
    expect(folders).toContain(SHARED_FOLDER);
  });
});
