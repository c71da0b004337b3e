import 'reflect-metadata';
import { z } from 'zod';
import { loadConfigOrExit, env } from '@nexara/kit';
import { migrateAll } from './database/migrate-all';
import { createDatabase, DATABASE_ROLES, ensureRoles, type RolePasswords } from '@nexara/kit';

/** `DATABASE_OWNER_PASSWORD`, `DATABASE_TENANTS_PASSWORD`, ...: one variable per role. */
const rolePasswordVariable = (role: (typeof DATABASE_ROLES)[number]): string =>
  `DATABASE_${role.toUpperCase()}_PASSWORD`;

/**
 * Deployment step (docker-compose's `migrate` service): with an admin URL,
 * create the roles (each with its own password) and the database if missing,
 * then run every subgraph's migrations as the owner role. Services start
 * after it succeeds, each given only its own role's password; this step is
 * the only one that holds the owner's.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit(
    {
      DATABASE_URL: env.postgresUrl(),
      DATABASE_NAME: z
        .string()
        .regex(/^[a-z_][a-z0-9_]*$/)
        .default('nexara'),
      ...Object.fromEntries(DATABASE_ROLES.map((role) => [rolePasswordVariable(role), env.secret(16)])),
    },
    'migrate',
  );
  const values = config as unknown as Record<string, string>;
  const passwords = Object.fromEntries(
    DATABASE_ROLES.map((role) => [role, values[rolePasswordVariable(role)]!]),
  ) as RolePasswords;
  const shared = DATABASE_ROLES.filter((role, index) =>
    DATABASE_ROLES.some((other, j) => j < index && passwords[other] === passwords[role]),
  );
  if (shared.length > 0) {
    process.stderr.write(
      `[migrate] ${shared.map(rolePasswordVariable).join(', ')} repeat another role's password: give each role its own.\n`,
    );
    process.exit(78);
  }
  await ensureRoles(config.DATABASE_URL, passwords);
  const database = await createDatabase(config.DATABASE_URL, config.DATABASE_NAME, passwords);
  const applied = await migrateAll(database);
  console.log(applied.length ? `Applied ${applied.join(', ')}` : 'Database schema is up to date.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
