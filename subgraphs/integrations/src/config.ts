import { env } from '@nexara/kit';
import { z } from 'zod';
import { parseEncryptionKeys, SecretKeyConfigError } from './secrets/secret-box';

/** Checks SECRETS_ENCRYPTION_KEYS at start; the value stays a string and the server builds its SecretBox from it. */
const encryptionKeys = () =>
  z.string().superRefine((value, context) => {
    try {
      parseEncryptionKeys(value);
    } catch (error) {
      if (!(error instanceof SecretKeyConfigError)) throw error;
      // loadConfig prefixes the variable name itself.
      context.addIssue({ code: 'custom', message: error.message.replace(/^SECRETS_ENCRYPTION_KEYS /, '') });
    }
  });

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const httpUrl = () =>
  z
    .string()
    .refine(isHttpUrl, 'must be an absolute http(s) URL, e.g. https://nexara.example.com')
    .transform((value) => value.replace(/\/+$/, ''));

export const integrationsConfigShape = {
  DATABASE_URL: env.postgresUrl(),
  INTERNAL_TOKEN_SECRET: env.secret(),
  PORT: env.port(4003),
  HOST: z.string().min(1).default('127.0.0.1'),
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  /** `keyId:base64key` entries, comma-separated; each key 32 bytes; the first encrypts, all decrypt. */
  SECRETS_ENCRYPTION_KEYS: encryptionKeys(),
  /** Health changes and alerts are announced on Redis pub/sub when set, else with PostgreSQL NOTIFY over DATABASE_URL. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  /** How often (ms) the worker evaluates every tenant's alert rules (health events also trigger an evaluation at once). */
  ALERT_EVALUATION_INTERVAL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
  /**
   * `host:port,...` that provider calls may reach over http and on internal addresses
   * (the simulator in the demo and the tests); every other target must be a public address.
   */
  EGRESS_ALLOW: env.egressAllow(),
  /** Where the gateway is reachable from outside; webhook URLs are built from it. */
  PUBLIC_URL: httpUrl().default('http://localhost:4000'),
  /** Where this service reaches the gateway's webhook shim for `sendTestWebhook`; PUBLIC_URL when unset. */
  WEBHOOK_TARGET_URL: httpUrl().optional(),
  /** How long a rotated-out connection secret keeps verifying (seconds; default 24 h). */
  SECRET_ROTATION_GRACE_SECONDS: z.coerce.number().int().min(0).max(2_592_000).default(86_400),
  /** The orders subgraph (GraphQL endpoint) the webhook worker applies provider events through. */
  ORDERS_URL: httpUrl().default('http://127.0.0.1:4002/graphql'),
  /** The catalog subgraph, for the worker's catalog sync jobs (docs/control-plane.md); unset, they wait. */
  CATALOG_URL: httpUrl().optional(),
  /**
   * How long a change the provider accepted waits for its result webhook
   * before its job is FAILED (default 30 min, as long as the longest
   * provider retry of a result; docs/control-plane.md, "Asynchronous results").
   */
  CONTROL_RESULT_WAIT_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(1_800_000),
  /**
   * Jobs one webhook worker process holds at once. Webhook jobs in hand are
   * applied in batches (see webhook-batcher.ts), so this also bounds a batch:
   * 200 lets a backlog drain in batches of up to ~100 with two in flight. It
   * is not a connection count: the pools are small and fixed (webhook-worker.ts).
   */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(200),
  /** Processing attempts of a webhook event (counted afresh after a replay) before it is DEAD. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  /** Attempts at a provider callback before it is recorded FAILED. */
  CALLBACK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(6),
  /** Retries wait up to RETRY_BASE_MS * 2^(failures - 1) ms, capped at RETRY_MAX_MS, with full jitter. */
  RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(1_000),
  RETRY_MAX_MS: z.coerce.number().int().min(1).max(86_400_000).default(300_000),
  /** A webhook event PROCESSING this long (ms) is taken as abandoned by a dead worker and queued again. */
  WORKER_STALE_AFTER_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(120_000),
  /** How often (ms) the worker looks for jobs whose retry time has come (new jobs wake it at once). */
  WORKER_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
};

export type IntegrationsConfig = z.infer<z.ZodObject<typeof integrationsConfigShape>>;
