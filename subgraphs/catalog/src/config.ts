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
  /** How often the `until` scheduler looks for ended snoozes, pauses and busy modes (0: never). */
  UNTIL_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(15_000),
  /**
   * `HH:MM` in each branch's own time zone of the daily reset of items sold
   * out without an end time (docs/control-plane.md, "The until scheduler").
   */
  SOLD_OUT_RESET_LOCAL: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM')
    .default('04:00'),
  /** Catalog changes are announced on Redis pub/sub when set, else with PostgreSQL NOTIFY over DATABASE_URL. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
};

export type CatalogConfig = z.infer<z.ZodObject<typeof catalogConfigShape>>;
