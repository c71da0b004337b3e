import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../paths';
import { DATABASE_ROLES, generateRolePasswords, type RolePasswords } from '@nexara/kit';

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
  const rolesFile = path.join(path.dirname(file), 'local-role-passwords.json');
  const rolePasswords = withEveryRole(rolesFile, createdOnce(rolesFile, generateRolePasswords));
  return { ...secrets, rolePasswords };
}

/**
 * A clone whose passwords predate a role (a new subgraph's) gains one for it:
 * the file is rewritten (atomically) with the missing roles added, and the
 * passwords it already had are kept.
 */
function withEveryRole(file: string, passwords: Partial<RolePasswords>): RolePasswords {
  const missing = DATABASE_ROLES.filter((role) => !passwords[role]);
  if (!missing.length) return passwords as RolePasswords;
  const fresh = generateRolePasswords();
  const complete = { ...passwords, ...Object.fromEntries(missing.map((role) => [role, fresh[role]])) } as RolePasswords;
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(complete, null, 2), { mode: 0o600 });
  fs.renameSync(temporary, file);
  return complete;
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
