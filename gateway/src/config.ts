import path from 'node:path';
import { env } from '@nexara/kit';
import { z } from 'zod';

export const gatewayConfigShape = {
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  PORT: env.port(4000),
  HOST: z.string().default('127.0.0.1'),
  /**
   * Behind a reverse proxy: which hops to trust for the client's address (X-Forwarded-For),
   * as Fastify's trustProxy: "true" (any), or the proxies' addresses/CIDRs separated by commas.
   * Unset: the socket's peer address (a proxy in front would make every client look the same).
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value) =>
      value === undefined || value === '' || value === 'false'
        ? false
        : value === 'true'
          ? true
          : value.split(',').map((part) => part.trim()),
    ),
  /** Verifies users' access tokens (the tenants subgraph signs them with the same secret). */
  AUTH_TOKEN_SECRET: env.secret(),
  /** Signs the short-lived context token subgraphs require on every request. */
  INTERNAL_TOKEN_SECRET: env.secret(),
  TENANTS_URL: env.url().default('http://127.0.0.1:4001/graphql'),
  ORDERS_URL: env.url().default('http://127.0.0.1:4002/graphql'),
  INTEGRATIONS_URL: env.url().default('http://127.0.0.1:4003/graphql'),
  CATALOG_URL: env.url().default('http://127.0.0.1:4005/graphql'),
  /** Per provider connection: sustained webhooks per second, and the burst allowed above it. */
  WEBHOOK_RATE_PER_SECOND: z.coerce.number().int().min(1).default(50),
  WEBHOOK_RATE_BURST: z.coerce.number().int().min(1).default(100),
  /**
   * Per source address, before the body is read: webhooks per second and the burst above it.
   * Generous, as one provider may send for many connections from few addresses.
   */
  WEBHOOK_ADDRESS_RATE_PER_SECOND: z.coerce.number().int().min(1).default(200),
  WEBHOOK_ADDRESS_RATE_BURST: z.coerce.number().int().min(1).default(400),
  /** How long a connection key the inbox called unknown is answered 404 from memory (0: never). */
  WEBHOOK_UNKNOWN_KEY_CACHE_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  /** Deliveries the shim passes to the inbox in one request at most (1: each alone, as for an integrations that takes no batches). */
  WEBHOOK_INBOX_BATCH_MAX: z.coerce.number().int().min(1).max(1_000).default(100),
  /** The event bus: PostgreSQL LISTEN/NOTIFY through this URL (role nexara_gateway, which reads no table)... */
  EVENT_BUS_DATABASE_URL: env.postgresUrl().optional(),
  /** ...or Redis pub/sub when set, so several gateway instances share one stream. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  /**
   * How long the gateway trusts a session check (ms). An ended session is refused at once on
   * the gateways that hear the bus event, and within this time on any that missed it.
   */
  SESSION_CACHE_MS: z.coerce.number().int().min(0).max(4_000).default(2_000),
  /** graphql-ws: the largest message a client may send (a bigger one closes the socket with 1009). */
  WS_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(1024 * 1024),
  /** graphql-ws: open subscriptions per socket, and per user (or API key) over all its sockets on one gateway. */
  MAX_SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().min(1).default(100),
  MAX_SUBSCRIPTIONS_PER_USER: z.coerce.number().int().min(1).default(500),
  /** The API schema (what clients see) that WebSocket operations are validated against. */
  API_SCHEMA_PATH: z.string().default(path.join(__dirname, '..', 'schema', 'api.graphql')),
  /** The composed, checked-in supergraph (`npm run compose` writes it). */
  SUPERGRAPH_PATH: z.string().default(path.join(__dirname, '..', 'schema', 'supergraph.graphql')),
  /** The partner contract: the supergraph with everything not tagged `public` made @inaccessible (`npm run compose`). */
  PARTNER_SUPERGRAPH_PATH: z.string().default(path.join(__dirname, '..', 'schema', 'public-supergraph.graphql')),
  /** The dashboard's persisted documents; production `/graphql` runs only these for browsers. */
  PERSISTED_DOCUMENTS_PATH: z.string().default(path.join(__dirname, '..', '..', 'web', 'persisted-documents.json')),
  /** A GraphQL request's whole budget: subgraph fetches are aborted when it runs out. */
  GRAPHQL_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /** Per partner API key: requests allowed per window, and the window. */
  PARTNER_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  PARTNER_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  /**
   * How long a verified API key is trusted without asking the tenants subgraph again.
   * 0 (the default): every request checks, so a revoked or expired key fails on its next
   * request. At most 5000: a revoked key keeps working at most that long.
   */
  PARTNER_KEY_CACHE_MS: z.coerce.number().int().min(0).max(5_000).default(0),
};

export type GatewayConfig = z.infer<z.ZodObject<typeof gatewayConfigShape>>;
