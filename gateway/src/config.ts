import path from 'node:path';
import { env } from '@nexara/kit';
import { z } from 'zod';

export const gatewayConfigShape = {
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  PORT: env.port(4000),
  HOST: z.string().default('127.0.0.1'),
  /** Verifies users' access tokens (the tenants subgraph signs them with the same secret). */
  AUTH_TOKEN_SECRET: env.secret(),
  /** Signs the short-lived context token subgraphs require on every request. */
  INTERNAL_TOKEN_SECRET: env.secret(),
  TENANTS_URL: env.url().default('http://127.0.0.1:4001/graphql'),
  ORDERS_URL: env.url().default('http://127.0.0.1:4002/graphql'),
  INTEGRATIONS_URL: env.url().default('http://127.0.0.1:4003/graphql'),
  /** Per provider connection: sustained webhooks per second, and the burst allowed above it. */
  WEBHOOK_RATE_PER_SECOND: z.coerce.number().int().min(1).default(50),
  WEBHOOK_RATE_BURST: z.coerce.number().int().min(1).default(100),
  /** The event bus: PostgreSQL LISTEN/NOTIFY through this URL (role nexara_gateway, which reads no table)... */
  EVENT_BUS_DATABASE_URL: env.postgresUrl().optional(),
  /** ...or Redis pub/sub when set, so several gateway instances share one stream. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
  /** The API schema (what clients see) that WebSocket operations are validated against. */
  API_SCHEMA_PATH: z.string().default(path.join(__dirname, '..', 'schema', 'api.graphql')),
  /** The composed, checked-in supergraph (`npm run compose` writes it). */
  SUPERGRAPH_PATH: z.string().default(path.join(__dirname, '..', 'schema', 'supergraph.graphql')),
};

export type GatewayConfig = z.infer<z.ZodObject<typeof gatewayConfigShape>>;
