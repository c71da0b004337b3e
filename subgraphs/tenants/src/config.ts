import { env } from '@nexara/kit';
import { z } from 'zod';

/** Environment variables of the tenants subgraph, validated once at start. */
export const tenantsConfigShape = {
  /** Connects as the service role `nexara_tenants` (owns nothing, no BYPASSRLS). */
  DATABASE_URL: env.postgresUrl(),
  /** Verifies the context token the gateway (or another service) signs. */
  INTERNAL_TOKEN_SECRET: env.secret(),
  PORT: env.port(4001),
  HOST: z.string().min(1).default('127.0.0.1'),
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  /** The event bus over Redis pub/sub when set (as the gateways use it); PostgreSQL LISTEN/NOTIFY otherwise. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  /** Signs the user tokens `login` returns; the gateway verifies them with the same secret. */
  AUTH_TOKEN_SECRET: env.secret(),
  /** How long a login lasts (default 8 hours: one shift). */
  AUTH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 24 * 3600)
    .default(28800),
  /**
   * Sign-in throttling (docs/security.md): attempts per account per window (a success
   * starts the account over), and failed attempts per source address per window.
   */
  LOGIN_ACCOUNT_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  LOGIN_ACCOUNT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  LOGIN_ADDRESS_ATTEMPTS: z.coerce.number().int().min(1).default(30),
  LOGIN_ADDRESS_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
};

export type TenantsConfig = z.infer<z.ZodObject<typeof tenantsConfigShape>>;
