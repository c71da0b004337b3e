import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../paths';

/**
 * Runs every `generates` target of codegen.yml in memory (nothing written)
 * and prints `[{filename, content}]`. In a plain Node process: the CLI loads
 * ES modules that jest's module system cannot.
 */
const GENERATE_IN_MEMORY = `
const { generate, loadCodegenConfig } = require('@graphql-codegen/cli');
(async () => {
  const { config } = await loadCodegenConfig({ configFilePath: 'codegen.yml' });
  const outputs = await generate({ ...config, cwd: process.cwd(), silent: true }, false);
  process.stdout.write(JSON.stringify({ targets: Object.keys(config.generates), outputs }));
})().catch((error) => { console.error(error); process.exit(1); });
`;

/**
 * The dashboard's operations and the integrations worker's calls to the
 * orders subgraph, regenerated and compared with the checked-in files: a
 * failure here means an operation or a schema changed without `npm run codegen`.
 */
describe('GraphQL Code Generator output', () => {
  it('is checked in as `npm run codegen` writes it, for every target', () => {
    const { targets, outputs } = JSON.parse(
      execFileSync(process.execPath, ['-e', GENERATE_IN_MEMORY], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      }),
    ) as { targets: string[]; outputs: { filename: string; content: string }[] };
    const relative = (file: string): string => path.relative(REPO_ROOT, path.resolve(REPO_ROOT, file));

    expect(targets).toEqual(expect.arrayContaining(['web/src/gql/', 'subgraphs/integrations/src/orders-client/gql/']));
    for (const target of targets) {
      expect(outputs.some((output) => relative(output.filename).startsWith(target))).toBe(true);
    }
    const stale = outputs
      .filter((output) => {
        const file = path.resolve(REPO_ROOT, output.filename);
        return !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== output.content;
      })
      .map((output) => relative(output.filename));
    expect(stale).toEqual([]);
  });
});
