import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../paths';

/**
 * Secrets for a local run (demo, tests, benchmarks), generated once per clone
 * and kept in .data/ (git-ignored), so sessions and database passwords survive
 * restarts. Production takes every secret from its environment instead.
 */
export type LocalSecrets = {
  databasePassword: string;
  authTokenSecret: string;
  internalTokenSecret: string;
  /** `keyId:base64(32 bytes)`, the format of SECRETS_ENCRYPTION_KEYS. */
  secretsEncryptionKey: string;
};

export function localSecrets(file = path.join(DATA_DIR, 'local-secrets.json')): LocalSecrets {
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as LocalSecrets;
  const secrets: LocalSecrets = {
    databasePassword: randomBytes(18).toString('base64url'),
    authTokenSecret: randomBytes(32).toString('base64url'),
    internalTokenSecret: randomBytes(32).toString('base64url'),
    secretsEncryptionKey: `local1:${randomBytes(32).toString('base64')}`,
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Two processes may race to create it (demo and tests): the first writer wins, both read the winner.
  try {
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as LocalSecrets;
}
