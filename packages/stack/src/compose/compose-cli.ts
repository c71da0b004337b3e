import 'reflect-metadata';
import { composeSupergraph, staleFiles, writeComposition } from './compose';
import { checkPublicSchemaChanges, describeUnlisted, PUBLIC_SCHEMA_FILE } from './public-schema-changes';

/**
 * `npm run compose` writes the generated schemas; `npm run compose -- --check`
 * fails if they are stale or if the public partner schema breaks its last
 * committed version (`--base <git ref>`, default HEAD) without a CHANGES.md entry.
 */
async function main(): Promise<void> {
  const composition = await composeSupergraph();
  const stale = staleFiles(composition);
  const baseIndex = process.argv.indexOf('--base');
  const base = baseIndex >= 0 ? process.argv[baseIndex + 1] : undefined;
  const publicChanges = await checkPublicSchemaChanges(composition.files[PUBLIC_SCHEMA_FILE]!, base);

  if (process.argv.includes('--check')) {
    let failed = false;
    if (stale.length) {
      console.error(`Stale generated schema files (run \`npm run compose\`):\n  ${stale.join('\n  ')}`);
      failed = true;
    }
    if (publicChanges.unlisted.length) {
      console.error(describeUnlisted(publicChanges));
      failed = true;
    }
    if (failed) process.exit(1);
    console.log('Generated schemas are up to date; the public schema has no unlisted breaking change.');
    return;
  }
  writeComposition(composition);
  console.log(stale.length ? `Wrote ${stale.join(', ')}` : 'Generated schemas were already up to date.');
  if (publicChanges.unlisted.length) console.warn(`\nWarning: ${describeUnlisted(publicChanges)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
