import path from 'node:path';

/** The repository root (packages/stack/{src,dist}/ -> ../../..). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/**
 * Local state of the demo and the tests: embedded database files, generated local secrets. Git-ignored.
 * `NEXARA_DATA_DIR` moves it (a second `npm start` beside the first; the shutdown test).
 */
export const DATA_DIR = process.env['NEXARA_DATA_DIR'] || path.join(REPO_ROOT, '.data');
