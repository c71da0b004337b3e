import {
  createDataSource,
  createEgress,
  createEventBus,
  createLogger,
  createMetricsRegistry,
  dataSourcePool,
  observeConnectionPools,
  startOpsServer,
  type EgressResolver,
  type Logger,
} from '@nexara/kit';
import { run, type Runner, type TaskList } from 'graphile-worker';
import { Pool } from 'pg';
import { startAlertMonitor, type AlertMonitor } from '../alerts/alert-monitor';
import { AuditService } from '../audit/audit.service';
import { callbackSender } from '../callbacks/callback-sender';
import { runProviderCallback } from '../callbacks/provider-callback.task';
import { CATALOG_SYNC_TASK, PROVIDER_CALLBACK_TASK } from '@nexara/contracts';
import { integrationsDatabase } from '../database';
import { integrationEventsOn } from '../events/integration-events';
import { integrationsMetrics, observeJobQueue } from '../metrics';
import { secretBoxFromConfig } from '../secrets/secret-box';
import { ConnectionDirectory, openConnections } from '../webhooks/connection-directory';
import { PROCESS_WEBHOOK_EVENT_TASK } from '../webhooks/webhook-jobs';
import type { WebhookWorkerConfig } from './config';
import { graphileLogger } from './graphile-logger';
import { batchedCallbackRecords, batchedOutcomeKeeper } from './callback-recorder';
import { createOrdersClient } from '../orders-client/orders-client';
import { processWebhookEvents } from './process-webhook-event.task';
import { createBatcher } from './webhook-batcher';
import { sweepStaleWebhookEvents } from './stale-event-sweeper';
import { createCatalogClient } from '../control/catalog-client';
import { createMenuCheck, MENU_CHECK_TIMEOUT_MS } from './menu-check';
import { ControlTokens, runCatalogSync } from '../control/catalog-sync.task';

export type WebhookWorker = {
  /** Finishes the jobs in hand, then closes every connection. */
  stop: () => Promise<void>;
  /** One sweep for events abandoned by a dead worker now (it also runs on a timer); answers how many were queued again. */
  sweepStaleEvents: () => Promise<number>;
  /** Evaluates every tenant's alert rules now (it also runs on a timer and after health events). */
  evaluateAlerts: () => Promise<void>;
  /** Where /healthz, /readyz and /metrics answer (METRICS_PORT set), else null. */
  opsUrl: string | null;
};

export type WebhookWorkerOptions = {
  logger?: Logger;
  /** Source of the retry jitter (tests pass a seeded one). */
  random?: () => number;
  /** How provider API names become addresses (DNS unless given): tests map a name to loopback. */
  egressResolver?: EgressResolver;
};

/**
 * The webhook worker: graphile-worker running `process_webhook_event` and
 * `provider_callback` as the integrations service role, plus the sweeper
 * that rescues events a killed worker left behind. Its own process in
 * production (`dist/worker/main.js`); tests start it in-process.
 */
export async function createWebhookWorker(
  config: WebhookWorkerConfig,
  options: WebhookWorkerOptions = {},
): Promise<WebhookWorker> {
  const logger = options.logger ?? createLogger('integrations-worker', config.LOG_LEVEL);
  const secretBox = secretBoxFromConfig(config.SECRETS_ENCRYPTION_KEYS);
  // Connections, not jobs, are what two shared cores run out of: a batch of webhook events needs one connection
  // for its claim and one for its outcome, callbacks and the sweeper one each, and graphile-worker fetches and
  // completes jobs in bulk (localQueue, batched completion). Measured in `npm run bench` (endToEnd): more
  // connections than this only added contention; concurrency comes from batching, not from connections.
  const poolSize = Math.min(config.WORKER_CONCURRENCY + 2, 10);
  const dataSource = createDataSource({
    url: config.DATABASE_URL,
    ...integrationsDatabase,
    poolSize,
    applicationName: 'nexara-integrations-worker',
  });
  await dataSource.initialize();
  const queuePool = new Pool({
    connectionString: config.DATABASE_URL,
    max: poolSize,
    application_name: 'nexara-integrations-queue',
  });
  // An idle client losing its server must be logged, not crash the process (graphile-worker checks for both handlers).
  queuePool.on('error', (error) => logger.warn({ err: error.message }, 'job queue connection error'));
  queuePool.on('connect', (client) => {
    client.on('error', (error) => logger.warn({ err: error.message }, 'job queue connection error'));
  });
  const bus = createEventBus({ redisUrl: config.REDIS_URL, databaseUrl: config.DATABASE_URL, logger });
  const events = integrationEventsOn(bus, logger);
  const registry = createMetricsRegistry('integrations-worker');
  const metrics = integrationsMetrics(registry);
  observeConnectionPools(registry, { integrations: dataSourcePool(dataSource), queue: () => queuePool });
  observeJobQueue(registry, dataSource, [PROCESS_WEBHOOK_EVENT_TASK, PROVIDER_CALLBACK_TASK, CATALOG_SYNC_TASK]);
  let ops: { url: string; close: () => Promise<void> } | null = null;
  const egress = createEgress({
    allow: config.EGRESS_ALLOW,
    production: config.NODE_ENV === 'production',
    resolve: options.egressResolver,
  });
  let directory: ConnectionDirectory | null = null;
  let alertMonitor: AlertMonitor | null = null;
  let runner: Runner | null = null;
  let stopping = false;
  try {
    const audit = new AuditService({ dataSource, logger });
    directory = (await openConnections({ dataSource, secretBox, audit, logger, config })).directory;
    const orders = createOrdersClient({ url: config.ORDERS_URL, internalTokenSecret: config.INTERNAL_TOKEN_SECRET });
    const backoff = { baseMs: config.RETRY_BASE_MS, maxMs: config.RETRY_MAX_MS };
    const catalog = config.CATALOG_URL
      ? createCatalogClient({ url: config.CATALOG_URL, internalTokenSecret: config.INTERNAL_TOKEN_SECRET })
      : null;
    // Its own client: a short timeout, so a slow catalog holds new orders back for at most that long.
    const menuCheck = config.CATALOG_URL
      ? createMenuCheck({
          catalog: createCatalogClient({
            url: config.CATALOG_URL,
            internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
            timeoutMs: MENU_CHECK_TIMEOUT_MS,
          }),
          logger,
          metrics,
        })
      : null;
    const processing = {
      dataSource,
      directory,
      orders,
      catalog,
      menuCheck,
      logger,
      events,
      metrics,
      settings: { maxAttempts: config.WEBHOOK_MAX_ATTEMPTS, backoff, random: options.random },
    };
    const callbacks = {
      dataSource,
      directory,
      orders: batchedCallbackRecords(orders),
      keepOutcome: batchedOutcomeKeeper(dataSource),
      logger,
      events,
      send: callbackSender(egress),
      settings: { maxAttempts: config.CALLBACK_MAX_ATTEMPTS, backoff, random: options.random },
    };
    // Two batches in flight: while one is applied in the orders subgraph the next is claimed and parsed here;
    // more only split the same backlog into smaller batches (measured in `npm run bench`, endToEnd).
    const batcher = createBatcher((payloads: unknown[]) => processWebhookEvents(processing, payloads), {
      maxBatch: Math.max(1, Math.ceil(config.WORKER_CONCURRENCY / 2)),
      maxInFlight: 2,
    });
    const taskList: TaskList = {
      [PROCESS_WEBHOOK_EVENT_TASK]: async (payload) => {
        await batcher.take(payload);
      },
      [PROVIDER_CALLBACK_TASK]: async (payload) => {
        const outcome = await runProviderCallback(callbacks, payload);
        const provider = (payload as { provider?: unknown } | null)?.provider;
        metrics.callbacks.inc({
          provider: typeof provider === 'string' ? provider : 'unknown',
          outcome: outcome.toLowerCase(),
        });
      },
    };
    if (catalog) {
      const control = {
        dataSource,
        directory,
        catalog,
        egress,
        logger,
        tokens: new ControlTokens(),
        lookups: new ControlTokens(),
        publicUrl: config.PUBLIC_URL,
        settings: {
          maxAttempts: config.CALLBACK_MAX_ATTEMPTS,
          backoff,
          random: options.random,
          resultWaitMs: config.CONTROL_RESULT_WAIT_MS,
        },
      };
      taskList[CATALOG_SYNC_TASK] = async (payload) => {
        await runCatalogSync(control, payload);
      };
    }
    const startRunner = async (): Promise<Runner> => {
      const started = await run({
        pgPool: queuePool,
        concurrency: config.WORKER_CONCURRENCY,
        pollInterval: config.WORKER_POLL_INTERVAL_MS,
        noHandleSignals: true,
        logger: graphileLogger(logger),
        taskList,
        // graphile-worker 0.17 records a job's completion or failure without awaiting it
        // unless these are batched: with the database down that write rejects unhandled and
        // takes the process down. Batched (delay 0 = same tick), the write is retried with
        // backoff, and if the database stays away the runner shuts down, which restarts it.
        // localQueue: jobs are fetched (and locked) as many at a time as the worker can hold, one query per take.
        preset: {
          worker: {
            completeJobBatchDelay: 0,
            failJobBatchDelay: 0,
            localQueue: { size: Math.max(2, config.WORKER_CONCURRENCY) },
          },
        },
      });
      // graphile-worker's runner ends when its database goes away (a restart, a failover).
      // Start a new one once the database answers again, so processing resumes by itself.
      started.promise.then(
        () => restartUnlessStopping(),
        (error: unknown) => {
          logger.warn({ err: String(error) }, 'job runner stopped unexpectedly; restarting it');
          restartUnlessStopping();
        },
      );
      return started;
    };
    const restartUnlessStopping = (): void => {
      if (stopping) return;
      setTimeout(() => {
        if (stopping) return;
        startRunner().then(
          (next) => (runner = next),
          (error: unknown) => {
            logger.warn({ err: String(error) }, 'job runner could not start yet; retrying');
            restartUnlessStopping();
          },
        );
      }, 1_000).unref();
    };
    runner = await startRunner();
    if (config.METRICS_PORT !== undefined) {
      ops = await startOpsServer({
        service: 'integrations-worker',
        registry,
        port: config.METRICS_PORT,
        host: config.HOST,
        checkReady: async () => {
          await dataSource.query('select 1');
        },
      });
    }
    alertMonitor = startAlertMonitor({
      dataSource,
      events,
      bus,
      ordersAtRisk: (tenantId) => orders.ordersAtRisk(tenantId),
      logger: logger.child({ component: 'alerts' }),
      intervalMs: config.ALERT_EVALUATION_INTERVAL_MS,
    });
  } catch (error) {
    await ops?.close();
    await runner?.stop().catch(() => undefined);
    await egress.close();
    await bus.close();
    await directory?.stop();
    await queuePool.end().catch(() => undefined);
    await dataSource.destroy();
    throw error;
  }

  const sweep = async (): Promise<number> =>
    sweepStaleWebhookEvents({ dataSource, staleAfterMs: config.WORKER_STALE_AFTER_MS, logger });
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweepTimer = setInterval(
    () => {
      sweeping = sweep().catch((error: unknown) => logger.warn({ err: String(error) }, 'stale event sweep failed'));
    },
    Math.min(30_000, Math.max(1_000, Math.floor(config.WORKER_STALE_AFTER_MS / 2))),
  );
  sweepTimer.unref();
  sweeping = sweep().catch((error: unknown) => logger.warn({ err: String(error) }, 'stale event sweep failed'));

  const startedDirectory = directory;
  const startedMonitor = alertMonitor;
  let stopped: Promise<void> | null = null;
  return {
    sweepStaleEvents: sweep,
    evaluateAlerts: () => startedMonitor.evaluateAll(),
    opsUrl: ops?.url ?? null,
    stop: () => {
      stopped ??= (async () => {
        clearInterval(sweepTimer);
        stopping = true;
        try {
          await ops?.close();
          await runner?.stop();
          await sweeping;
          await startedMonitor.stop();
        } finally {
          await events.flush();
          await egress.close();
          await bus.close();
          await startedDirectory.stop();
          await queuePool.end().catch(() => undefined);
          await dataSource.destroy();
        }
      })();
      return stopped;
    },
  };
}
