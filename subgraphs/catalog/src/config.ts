import { env } from '@nexara/kit';
import { z } from 'zod';

export const catalogConfigShape = {
  /** The catalog service role (`nexara_catalog`): no ownership, no BYPASSRLS. */
  DATABASE_URL: env.postgresUrl(),
  /** Verifies the context tokens the gateway and other services sign, and signs the catalog's own calls. */
  INTERNAL_TOKEN_SECRET: env.secret(),
  /** The tenants subgraph: which branches the acting tenant has. */
  TENANTS_URL: env.url().default('http://127.0.0.1:4001/graphql'),
  /** The integrations subgraph: which provider connections serve a branch. */
  INTEGRATIONS_URL: env.url().default('http://127.0.0.1:4003/graphql'),
  PORT: env.port(4005),
  HOST: z.string().min(1).default('127.0.0.1'),
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  /** Catalog changes are announced on Redis pub/sub when set, else with PostgreSQL NOTIFY over DATABASE_URL. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
};

export type CatalogConfig = z.infer<z.ZodObject<typeof catalogConfigShape>>;
