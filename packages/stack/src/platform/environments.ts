import type { LocalSecrets } from '../database/local-secrets';
import type { ProvisionedDatabase } from '@nexara/kit';

export type ServiceName = 'tenants' | 'orders' | 'integrations' | 'catalog' | 'gateway';
/** `worker`: where the webhook worker answers /healthz, /readyz and /metrics (0: any free port). */
export type Ports = Record<ServiceName, number> & { worker?: number };

/** Each service's program, relative to the repository root (built by `turbo run build`). */
export const SERVICE_ENTRY_POINTS: Record<ServiceName | 'worker', string> = {
  tenants: 'subgraphs/tenants/dist/main.js',
  orders: 'subgraphs/orders/dist/main.js',
  integrations: 'subgraphs/integrations/dist/main.js',
  catalog: 'subgraphs/catalog/dist/main.js',
  worker: 'subgraphs/integrations/dist/worker/main.js',
  gateway: 'gateway/dist/main.js',
};

export const DEFAULT_PORTS = {
  tenants: 4001,
  orders: 4002,
  integrations: 4003,
  catalog: 4005,
  gateway: 4000,
  worker: 4004,
};

export type PlatformSettings = {
  database: ProvisionedDatabase;
  secrets: Pick<LocalSecrets, 'authTokenSecret' | 'internalTokenSecret' | 'secretsEncryptionKey'>;
  ports: Ports;
  /** Where the gateway is reachable from outside (webhook URLs are built from it). */
  publicUrl: string;
  nodeEnv: 'development' | 'test' | 'production';
  logLevel: string;
  /**
   * EGRESS_ALLOW of the integrations service and worker: the `host:port` entries provider calls may
   * reach on internal addresses (the simulator's provider APIs; empty in production).
   */
  egressAllow: string;
  /** Set: the event bus runs over Redis pub/sub instead of PostgreSQL LISTEN/NOTIFY. */
  redisUrl?: string;
  /**
   * OpenTelemetry's standard variables (`OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_TRACES_SAMPLER`, ...),
   * given to every service: with an endpoint, each exports traces there (docs/operations.md, "Traces").
   */
  otel?: Record<string, string>;
};

/** The `OTEL_*` variables of `env`: what a launcher passes on to the services it starts. */
export function otelVariables(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[0].startsWith('OTEL_') && !!entry[1]),
  );
}

/**
 * The environment each service is started with: the single place that knows
 * which variable each one reads, shared by `npm start` (child processes) and
 * the tests (in-process), so both run the same configuration.
 */
export function serviceEnvironments(
  settings: PlatformSettings,
): Record<ServiceName | 'worker', Record<string, string>> {
  const bus: Record<string, string> = settings.redisUrl ? { REDIS_URL: settings.redisUrl } : {};
  const common = {
    NODE_ENV: settings.nodeEnv,
    LOG_LEVEL: settings.logLevel,
    HOST: '127.0.0.1',
    INTERNAL_TOKEN_SECRET: settings.secrets.internalTokenSecret,
    ...settings.otel,
  };
  const { ports } = settings;
  const graphqlUrl = (port: number): string => `http://127.0.0.1:${port}/graphql`;
  const integrations = {
    ...common,
    ...bus,
    PORT: String(ports.integrations),
    DATABASE_URL: settings.database.serviceUrls.integrations,
    SECRETS_ENCRYPTION_KEYS: settings.secrets.secretsEncryptionKey,
    PUBLIC_URL: settings.publicUrl,
    ORDERS_URL: graphqlUrl(ports.orders),
    WEBHOOK_TARGET_URL: `http://127.0.0.1:${ports.gateway}`,
    EGRESS_ALLOW: settings.egressAllow,
  };
  return {
    tenants: {
      ...common,
      ...bus,
      PORT: String(ports.tenants),
      DATABASE_URL: settings.database.serviceUrls.tenants,
      AUTH_TOKEN_SECRET: settings.secrets.authTokenSecret,
    },
    orders: {
      ...common,
      ...bus,
      PORT: String(ports.orders),
      DATABASE_URL: settings.database.serviceUrls.orders,
      TENANTS_URL: graphqlUrl(ports.tenants),
    },
    integrations,
    catalog: {
      ...common,
      ...bus,
      PORT: String(ports.catalog),
      DATABASE_URL: settings.database.serviceUrls.catalog,
      TENANTS_URL: graphqlUrl(ports.tenants),
      INTEGRATIONS_URL: graphqlUrl(ports.integrations),
    },
    // The webhook worker runs as the integrations service (same role, keys and settings).
    // It also runs the catalog sync jobs, reading and reporting them in the catalog (docs/control-plane.md).
    worker: { ...integrations, CATALOG_URL: graphqlUrl(ports.catalog), METRICS_PORT: String(ports.worker ?? 0) },
    gateway: {
      ...common,
      ...bus,
      PORT: String(ports.gateway),
      EVENT_BUS_DATABASE_URL: settings.database.gatewayUrl,
      AUTH_TOKEN_SECRET: settings.secrets.authTokenSecret,
      TENANTS_URL: graphqlUrl(ports.tenants),
      ORDERS_URL: graphqlUrl(ports.orders),
      INTEGRATIONS_URL: graphqlUrl(ports.integrations),
      CATALOG_URL: graphqlUrl(ports.catalog),
    },
  };
}
