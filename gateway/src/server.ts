import { BUS_EVENTS } from '@nexara/contracts';
import {
  ConfigError,
  Counter,
  Gauge,
  SESSION_ENDED_EVENT,
  createEventBus,
  createLogger,
  createMetricsRegistry,
  instrumentHttpServer,
  type Logger,
  type RunningServer,
} from '@nexara/kit';
import Fastify from 'fastify';
import { createSessionChecker } from './auth/sessions';
import type { GatewayConfig } from './config';
import { EntityCache } from './graphql/entity-cache';
import { mountGateway, subgraphUrls } from './graphql/gateway-server';
import { QueryPlanCacheStats, queryPlanMetrics } from './graphql/query-plan-stats';
import { mountPartnerGateway } from './partner/partner-gateway';
import { memoryLimiterStore, redisLimiterStore } from './rate-limit-store';
import { mountSubscriptions } from './subscriptions/mount-subscriptions';
import { createReceiveWebhookClient } from './webhooks/receive-webhook-client';
import { createAddressRateLimit, createWebhookRateLimit, unknownKeyCache } from './webhooks/webhook-rate-limit';
import { answerFrameworkError, registerWebhookRoutes } from './webhooks/webhook-routes';

export type GatewayServer = RunningServer & {
  /** Subscription re-read queries run so far on a WebSocket path (`/graphql`, `/partner/graphql`): one per event and shared key. */
  subscriptionReReads: (path: string) => number;
  /** Subscriptions open now on a WebSocket path: lets a test know its subscribers are listening before it acts. */
  activeSubscriptions: (path: string) => number;
};

/**
 * The edge: `/graphql` (Apollo Gateway), `/partner/graphql` (the partner API),
 * both also over graphql-ws, `/webhooks/...` (the shim), `/healthz`, `/readyz`,
 * `/metrics` (Prometheus: HTTP durations, sockets and subscriptions, query plan cache, Node's own).
 */
export async function createGatewayServer(
  config: GatewayConfig,
  options: { logger?: Logger } = {},
): Promise<GatewayServer> {
  const logger = options.logger ?? createLogger('gateway', config.LOG_LEVEL);
  if (!config.REDIS_URL && !config.EVENT_BUS_DATABASE_URL) {
    throw new ConfigError(['EVENT_BUS_DATABASE_URL or REDIS_URL must be set (the event bus that feeds subscriptions)']);
  }
  const bus = createEventBus({ redisUrl: config.REDIS_URL, databaseUrl: config.EVENT_BUS_DATABASE_URL ?? '', logger });
  // The same REDIS_URL that carries the bus holds the rate limit counters, so replicas share one budget.
  const limiters = config.REDIS_URL
    ? await redisLimiterStore({ redisUrl: config.REDIS_URL, logger: logger.child({ component: 'rate-limit' }) })
    : memoryLimiterStore();
  const sessions = createSessionChecker({
    tenantsUrl: config.TENANTS_URL,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    cacheMs: config.SESSION_CACHE_MS,
    timeoutMs: 5_000,
  });
  const entityCache = new EntityCache();
  const stopSessionEvents = bus.subscribe((event) => {
    if (event.kind === SESSION_ENDED_EVENT) sessions.ended(event.id);
    // A change made elsewhere (another gateway, a service): this gateway's copies of that tenant's names go.
    if (event.kind === BUS_EVENTS.connectionChanged) entityCache.drop('integrations', event.tenantId);
  });
  const app = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    trustProxy: config.TRUST_PROXY,
    // A client gets this long to send its whole request (slow senders cannot hold sockets open),
    // and an idle connection is closed a little after the GraphQL request budget runs out.
    requestTimeout: config.GRAPHQL_REQUEST_TIMEOUT_MS,
    connectionTimeout: config.GRAPHQL_REQUEST_TIMEOUT_MS + 5_000,
    frameworkErrors: answerFrameworkError,
  });
  const metrics = createMetricsRegistry('gateway');

  app.get('/healthz', async () => ({ status: 'ok', service: 'gateway' }));
  app.get('/readyz', async (_request, reply) => {
    const checks = await Promise.all(
      Object.entries(subgraphUrls(config)).map(async ([name, url]) => {
        const readyUrl = new URL('/readyz', url);
        try {
          const response = await fetch(readyUrl, { signal: AbortSignal.timeout(2_000) });
          return [name, response.ok ? 'ready' : `unavailable (${response.status})`] as const;
        } catch {
          return [name, 'unreachable'] as const;
        }
      }),
    );
    const ready = checks.every(([, state]) => state === 'ready');
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'unavailable', subgraphs: Object.fromEntries(checks) });
  });

  await registerWebhookRoutes(app, {
    receive: createReceiveWebhookClient({
      integrationsUrl: config.INTEGRATIONS_URL,
      internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
      maxBatch: config.WEBHOOK_INBOX_BATCH_MAX,
    }),
    rateLimit: createWebhookRateLimit({
      perSecond: config.WEBHOOK_RATE_PER_SECOND,
      burst: config.WEBHOOK_RATE_BURST,
      store: limiters,
    }),
    addressLimit: createAddressRateLimit({
      perSecond: config.WEBHOOK_ADDRESS_RATE_PER_SECOND,
      burst: config.WEBHOOK_ADDRESS_RATE_BURST,
      store: limiters,
    }),
    unknownKeys: unknownKeyCache({ ttlMs: config.WEBHOOK_UNKNOWN_KEY_CACHE_MS }),
    logger: logger.child({ component: 'webhooks' }),
  });
  const planStats = { dashboard: new QueryPlanCacheStats(), partner: new QueryPlanCacheStats() };
  instrumentHttpServer(app, metrics, { extra: () => queryPlanMetrics(planStats) });
  const apollo = await mountGateway(app, config, logger, sessions, planStats.dashboard, entityCache);
  const partner = await mountPartnerGateway(app, config, logger, { planStats: planStats.partner, limiters });
  const subscriptions = mountSubscriptions(app, apollo, partner, config, logger, { bus, sessions });
  new Gauge({
    name: 'nexara_websocket_connections',
    help: 'graphql-ws sockets open now, by path.',
    labelNames: ['path'],
    registers: [metrics],
    collect() {
      for (const path of subscriptions.paths) this.set({ path }, subscriptions.openSockets(path));
    },
  });
  new Counter({
    name: 'nexara_subscription_deliveries_total',
    help: 'Changes heard by a subscription, by what became of them: sent, filtered, not_visible (the re-read found nothing), failed, skipped (already handled).',
    labelNames: ['path', 'outcome'],
    registers: [metrics],
    collect() {
      this.reset();
      for (const path of subscriptions.paths)
        for (const [outcome, count] of Object.entries(subscriptions.deliveries(path) ?? {}))
          this.inc({ path, outcome }, count);
    },
  });
  new Gauge({
    name: 'nexara_subscriptions_active',
    help: 'GraphQL subscriptions open now, by path.',
    labelNames: ['path'],
    registers: [metrics],
    collect() {
      for (const path of subscriptions.paths) this.set({ path }, subscriptions.activeSubscriptions(path));
    },
  });

  return {
    app,
    metrics,
    listen: async (port, host = config.HOST) => app.listen({ port, host }),
    subscriptionReReads: subscriptions.reReads,
    activeSubscriptions: subscriptions.activeSubscriptions,
    close: async () => {
      try {
        await subscriptions.close();
        await app.close();
      } finally {
        stopSessionEvents();
        await bus.close();
        await limiters.close();
      }
    },
  };
}
