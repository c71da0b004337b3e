import { env } from '@nexara/kit';
import { z } from 'zod';

export const ordersConfigShape = {
  /** The orders service role (`nexara_orders`): no ownership, no BYPASSRLS. */
  DATABASE_URL: env.postgresUrl(),
  /** Verifies the context tokens the gateway and other services sign. */
  INTERNAL_TOKEN_SECRET: env.secret(),
  /** The tenants subgraph, asked for a tenant's time zone (metrics follow the tenant's days). */
  TENANTS_URL: env.url().default('http://127.0.0.1:4001/graphql'),
  PORT: env.port(4002),
  HOST: z.string().min(1).default('127.0.0.1'),
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  /** Order changes are announced on Redis pub/sub when set, else with PostgreSQL NOTIFY over DATABASE_URL. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
};

export type OrdersConfig = z.infer<z.ZodObject<typeof ordersConfigShape>>;
