import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The schema each subgraph owns, and the login role it runs as (named after it). */
export const SERVICE_SCHEMAS = ['tenants', 'orders', 'integrations', 'catalog'] as const;
export type ServiceSchema = (typeof SERVICE_SCHEMAS)[number];

/** Owns every schema and runs migrations; never used by a running service. */
export const OWNER_ROLE = 'nexara_owner';
/** The gateway reads no table: it connects only to LISTEN on the event bus channel. */
export const GATEWAY_ROLE = 'nexara_gateway';
export const serviceRole = (schema: ServiceSchema): string => `nexara_${schema}`;

/** Every login role, by what it is for. */
export const DATABASE_ROLES = ['owner', 'gateway', ...SERVICE_SCHEMAS] as const;
export type DatabaseRole = (typeof DATABASE_ROLES)[number];
export const roleName = (role: DatabaseRole): string =>
  role === 'owner' ? OWNER_ROLE : role === 'gateway' ? GATEWAY_ROLE : serviceRole(role);

/**
 * One password per role, each generated on its own: whoever reads one
 * service's environment can log in as that service's role and no other
 * (the owner's, which bypasses nothing but owns every table, only the
 * migration step ever holds).
 */
export type RolePasswords = Record<DatabaseRole, string>;

export function generateRolePasswords(): RolePasswords {
  return Object.fromEntries(
    DATABASE_ROLES.map((role) => [role, randomBytes(24).toString('base64url')]),
  ) as RolePasswords;
}

export type ProvisionedDatabase = {
  name: string;
  /** Connects as the owner role: migrations, test fixtures that must see every tenant. */
  ownerUrl: string;
  /** Connects as each service's application role: no ownership, no superuser, no BYPASSRLS. */
  serviceUrls: Record<ServiceSchema, string>;
  /** The gateway's role: may connect (event bus), may read nothing. */
  gatewayUrl: string;
};

export function urlFor(adminUrl: string, role: string, password: string, database: string): string {
  const url = new URL(adminUrl);
  url.username = role;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs `work` on one fresh session of `url` (no pool, no settings left over from anyone), then closes it. */
export async function withSession<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** Creates (or updates) the owner and service roles, each with its own password. Roles are cluster-wide, so this is idempotent. */
export async function ensureRoles(adminUrl: string, passwords: RolePasswords): Promise<void> {
  await withSession(adminUrl, async (client) => {
    for (const kind of DATABASE_ROLES) {
      const role = roleName(kind);
      const exists = await client.query('select 1 from pg_roles where rolname = $1', [role]);
      if (exists.rowCount === 0) {
        try {
          await client.query(`create role ${quoteIdent(role)} login`);
        } catch (error) {
          // Another process created it between our check and our create.
          if ((error as { code?: string }).code !== '42710') throw error;
        }
      }
      await client.query(
        `alter role ${quoteIdent(role)} login nosuperuser nobypassrls nocreatedb nocreaterole password ${quoteLiteral(passwords[kind])}`,
      );
    }
  });
}

/**
 * Creates database `name` owned by the owner role with one schema per
 * service, each service role limited to its own schema's rows (RLS does the
 * rest), then the caller runs migrations as the owner.
 */
export async function createDatabase(
  adminUrl: string,
  name: string,
  passwords: RolePasswords,
  options: { template?: string; dropExisting?: boolean } = {},
): Promise<ProvisionedDatabase> {
  await withSession(adminUrl, async (client) => {
    if (options.dropExisting) await client.query(`drop database if exists ${quoteIdent(name)} with (force)`);
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      const template = options.template ? ` template ${quoteIdent(options.template)}` : '';
      await client.query(`create database ${quoteIdent(name)} owner ${OWNER_ROLE}${template}`);
    }
  });
  if (!options.template) {
    await withSession(
      urlFor(adminUrl, new URL(adminUrl).username, decodeURIComponent(new URL(adminUrl).password), name),
      async (client) => {
        await client.query('create extension if not exists pgcrypto');
        await client.query(`revoke all on database ${quoteIdent(name)} from public`);
        await client.query('revoke create on schema public from public');
        await client.query(`grant connect on database ${quoteIdent(name)} to ${GATEWAY_ROLE}`);
        for (const schema of SERVICE_SCHEMAS) {
          const role = quoteIdent(serviceRole(schema));
          await client.query(`grant connect on database ${quoteIdent(name)} to ${role}`);
          await client.query(`create schema if not exists ${quoteIdent(schema)} authorization ${OWNER_ROLE}`);
          await client.query(`grant usage on schema ${quoteIdent(schema)} to ${role}`);
          await client.query(
            `alter default privileges for role ${OWNER_ROLE} in schema ${quoteIdent(schema)} grant select, insert, update, delete on tables to ${role}`,
          );
          await client.query(
            `alter default privileges for role ${OWNER_ROLE} in schema ${quoteIdent(schema)} grant usage, select on sequences to ${role}`,
          );
        }
      },
    );
  }
  return describeDatabase(adminUrl, name, passwords);
}

export function describeDatabase(adminUrl: string, name: string, passwords: RolePasswords): ProvisionedDatabase {
  const serviceUrls = Object.fromEntries(
    SERVICE_SCHEMAS.map((schema) => [schema, urlFor(adminUrl, serviceRole(schema), passwords[schema], name)]),
  ) as Record<ServiceSchema, string>;
  return {
    name,
    ownerUrl: urlFor(adminUrl, OWNER_ROLE, passwords.owner, name),
    serviceUrls,
    gatewayUrl: urlFor(adminUrl, GATEWAY_ROLE, passwords.gateway, name),
  };
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withSession(adminUrl, (client) => client.query(`drop database if exists ${quoteIdent(name)} with (force)`));
}

export async function listDatabases(adminUrl: string, prefix: string): Promise<string[]> {
  return withSession(adminUrl, async (client) => {
    const result = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [
      `${prefix}%`,
    ]);
    return result.rows.map((row) => row.datname);
  });
}
