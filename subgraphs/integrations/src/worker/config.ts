import { z } from 'zod';
import { integrationsConfigShape as shape } from '../config';

/**
 * What the webhook worker process reads: the integrations service's own
 * variables (same role, keys and validation), minus the HTTP server's.
 */
export const webhookWorkerConfigShape = {
  DATABASE_URL: shape.DATABASE_URL,
  INTERNAL_TOKEN_SECRET: shape.INTERNAL_TOKEN_SECRET,
  NODE_ENV: shape.NODE_ENV,
  LOG_LEVEL: shape.LOG_LEVEL,
  SECRETS_ENCRYPTION_KEYS: shape.SECRETS_ENCRYPTION_KEYS,
  // Read by the connection service the worker shares with the subgraph (webhook URLs, rotation grace).
  PUBLIC_URL: shape.PUBLIC_URL,
  SECRET_ROTATION_GRACE_SECONDS: shape.SECRET_ROTATION_GRACE_SECONDS,
  ORDERS_URL: shape.ORDERS_URL,
  /**
   * The catalog subgraph's GraphQL URL: with it the worker runs the catalog sync jobs
   * (docs/control-plane.md, "Execution"); without it they wait in the queue.
   */
  CATALOG_URL: shape.CATALOG_URL,
  CONTROL_RESULT_WAIT_MS: shape.CONTROL_RESULT_WAIT_MS,
  EGRESS_ALLOW: shape.EGRESS_ALLOW,
  WORKER_CONCURRENCY: shape.WORKER_CONCURRENCY,
  WEBHOOK_MAX_ATTEMPTS: shape.WEBHOOK_MAX_ATTEMPTS,
  CALLBACK_MAX_ATTEMPTS: shape.CALLBACK_MAX_ATTEMPTS,
  RETRY_BASE_MS: shape.RETRY_BASE_MS,
  RETRY_MAX_MS: shape.RETRY_MAX_MS,
  WORKER_STALE_AFTER_MS: shape.WORKER_STALE_AFTER_MS,
  WORKER_POLL_INTERVAL_MS: shape.WORKER_POLL_INTERVAL_MS,
  REDIS_URL: shape.REDIS_URL,
  ALERT_EVALUATION_INTERVAL_MS: shape.ALERT_EVALUATION_INTERVAL_MS,
  HOST: shape.HOST,
  /** Serves /healthz, /readyz and /metrics on this port (0: any free port); unset, none. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
};

export type WebhookWorkerConfig = z.infer<z.ZodObject<typeof webhookWorkerConfigShape>>;
