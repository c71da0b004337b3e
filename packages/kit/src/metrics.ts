import Fastify, { type FastifyInstance } from 'fastify';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One Prometheus registry per service (several services share a process in
 * the end-to-end tests, each with its own `/metrics`). Every series carries
 * `service`; Node's own (event-loop lag `nodejs_eventloop_lag_seconds`, heap,
 * GC, CPU) come with it.
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** OpenTelemetry's recommended buckets for `http.server.request.duration`, in seconds. */
const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/**
 * `http_server_request_duration_seconds` (OpenTelemetry semantic conventions:
 * `http.server.request.duration` with `http.request.method`, `http.route`,
 * `http.response.status_code`, dots as underscores) for every request the
 * app answers, and `GET /metrics` serving the registry (plus `extra` text).
 */
export function instrumentHttpServer(
  app: FastifyInstance,
  registry: Registry,
  options: { extra?: () => string } = {},
): void {
  const duration = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Duration of HTTP server requests.',
    labelNames: ['http_request_method', 'http_route', 'http_response_status_code'],
    buckets: HTTP_DURATION_BUCKETS,
    registers: [registry],
  });
  app.addHook('onResponse', (request, reply, done) => {
    duration.observe(
      {
        http_request_method: request.method,
        // The route template, never the raw URL (webhook keys and ids would explode the series).
        http_route: request.routeOptions.url ?? 'unmatched',
        http_response_status_code: reply.statusCode,
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
  app.get('/metrics', async (_request, reply) => {
    const text = (options.extra?.() ?? '') + (await registry.metrics());
    return reply.type(registry.contentType).send(text);
  });
}

/** The counters a `pg` pool keeps (TypeORM's driver pool and graphile-worker's are both `pg.Pool`). */
export type PoolCounters = { totalCount: number; idleCount: number; waitingCount: number; options?: { max?: number } };

/**
 * Pool usage as OpenTelemetry names it: `db_client_connection_count` by
 * state (idle, used), `db_client_connection_max` and
 * `db_client_connection_pending_requests`, per pool name. Read at scrape time.
 */
export function observeConnectionPools(registry: Registry, pools: Record<string, () => PoolCounters | null>): void {
  const readings = (): [string, PoolCounters][] =>
    Object.entries(pools).flatMap(([name, read]) => {
      const counters = read();
      return counters ? [[name, counters] as [string, PoolCounters]] : [];
    });
  const pool = 'db_client_connection_pool_name';
  new Gauge({
    name: 'db_client_connection_count',
    help: 'Connections in the pool, by state.',
    labelNames: [pool, 'db_client_connection_state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [name, p] of readings()) {
        this.set({ [pool]: name, db_client_connection_state: 'idle' }, p.idleCount);
        this.set({ [pool]: name, db_client_connection_state: 'used' }, p.totalCount - p.idleCount);
      }
    },
  });
  new Gauge({
    name: 'db_client_connection_max',
    help: 'Most connections the pool opens.',
    labelNames: [pool],
    registers: [registry],
    collect() {
      for (const [name, p] of readings()) this.set({ [pool]: name }, p.options?.max ?? 10);
    },
  });
  new Gauge({
    name: 'db_client_connection_pending_requests',
    help: 'Requests waiting for a connection.',
    labelNames: [pool],
    registers: [registry],
    collect() {
      for (const [name, p] of readings()) this.set({ [pool]: name }, p.waitingCount);
    },
  });
}

/** The `pg` pool under a TypeORM data source (null before it is initialised or after it is destroyed). */
export function dataSourcePool(dataSource: { driver: unknown }): () => PoolCounters | null {
  return () => ((dataSource.driver as { master?: PoolCounters }).master as PoolCounters | undefined) ?? null;
}

/**
 * A process without an HTTP API of its own (the webhook worker) still answers
 * `/healthz`, `/readyz` (`checkReady` throws when it cannot work) and
 * `/metrics` for its orchestrator and Prometheus.
 */
export async function startOpsServer(options: {
  service: string;
  registry: Registry;
  port: number;
  host?: string;
  checkReady: () => Promise<void>;
}): Promise<{ url: string; close: () => Promise<void> }> {
  const app = Fastify({ logger: false });
  instrumentHttpServer(app, options.registry);
  app.get('/healthz', async () => ({ status: 'ok', service: options.service }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await options.checkReady();
      return { status: 'ready', service: options.service };
    } catch {
      return reply.code(503).send({ status: 'unavailable', service: options.service });
    }
  });
  const url = await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  return { url, close: () => app.close() };
}
