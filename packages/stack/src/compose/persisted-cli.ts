import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../paths';
import { persistedDocumentsFile, persistedDocumentsStale } from './persisted-documents';

/**
 * Writes the dashboard's persisted documents (`web/persisted-documents.json`)
 * from the codegen output; `--check` fails when the file is stale. Run it
 * after `npm run codegen`.
 */
function main(): void {
  const expected = persistedDocumentsFile();
  const stale = persistedDocumentsStale(expected);
  if (process.argv.includes('--check')) {
    if (stale) {
      console.error(`${expected.file} is stale: run the persisted-documents script after \`npm run codegen\`.`);
      process.exit(1);
    }
    console.log(`${expected.file} is up to date.`);
    return;
  }
  fs.writeFileSync(path.join(REPO_ROOT, expected.file), expected.contents);
  console.log(stale ? `Wrote ${expected.file}` : `${expected.file} was already up to date.`);
}

main();
