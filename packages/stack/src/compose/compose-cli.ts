import 'reflect-metadata';
import { composeSupergraph, staleFiles, writeComposition } from './compose';

/** `npm run compose` writes the generated schemas; `npm run compose -- --check` fails if they are stale. */
async function main(): Promise<void> {
  const composition = await composeSupergraph();
  const stale = staleFiles(composition);
  if (process.argv.includes('--check')) {
    if (stale.length) {
      console.error(`Stale generated schema files (run \`npm run compose\`):\n  ${stale.join('\n  ')}`);
      process.exit(1);
    }
    console.log('Generated schemas are up to date.');
    return;
  }
  writeComposition(composition);
  console.log(stale.length ? `Wrote ${stale.join(', ')}` : 'Generated schemas were already up to date.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
