import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../paths';
import { generateRolePasswords, type RolePasswords } from '@nexara/kit';

/**
 * Secrets for a local run (demo, tests, benchmarks), generated once per clone
 * and kept in .data/ (git-ignored), so sessions and database passwords survive
 * restarts. Production takes every secret from its environment instead.
 */
export type LocalSecrets = {
  /** The embedded PostgreSQL's superuser. */
  databasePassword: string;
  /** Each database role's own password (`.data/local-role-passwords.json`). */
  rolePasswords: RolePasswords;
  authTokenSecret: string;
  internalTokenSecret: string;
  /** `keyId:base64(32 bytes)`, the format of SECRETS_ENCRYPTION_KEYS. */
  secretsEncryptionKey: string;
};

export function localSecrets(file = path.join(DATA_DIR, 'local-secrets.json')): LocalSecrets {
  const secrets = createdOnce(file, () => ({
    databasePassword: randomBytes(18).toString('base64url'),
    authTokenSecret: randomBytes(32).toString('base64url'),
    internalTokenSecret: randomBytes(32).toString('base64url'),
    secretsEncryptionKey: `local1:${randomBytes(32).toString('base64')}`,
  }));
  // A file of its own, so a clone whose secrets predate per-role passwords gains them without a rewrite race.
  const rolePasswords = createdOnce(path.join(path.dirname(file), 'local-role-passwords.json'), generateRolePasswords);
  return { ...secrets, rolePasswords };
}

/** The JSON in `file`, written first from `make()` if missing. Two processes may race (demo and tests): the first writer wins, both read the winner. */
function createdOnce<T>(file: string, make: () => T): T {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, JSON.stringify(make(), null, 2), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}
