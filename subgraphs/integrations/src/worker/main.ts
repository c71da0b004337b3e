import './tracing';
import 'reflect-metadata';
import { createLogger, loadConfigOrExit, runService } from '@nexara/kit';
import { webhookWorkerConfigShape } from './config';
import { createWebhookWorker } from './webhook-worker';

runService('integrations-worker', async () => {
  const config = loadConfigOrExit(webhookWorkerConfigShape, 'integrations-worker');
  const logger = createLogger('integrations-worker', config.LOG_LEVEL);
  const worker = await createWebhookWorker(config, { logger });
  logger.info({ concurrency: config.WORKER_CONCURRENCY, orders: config.ORDERS_URL }, 'webhook worker running');
  // While the database is away the worker holds no socket and every timer of its own is
  // unref'd (so tests can run it in-process): without this, Node would see nothing left to
  // do and exit with 0 in the middle of an outage instead of waiting to reconnect.
  const keepAlive = setInterval(() => undefined, 60_000);
  return {
    logger,
    stop: async () => {
      clearInterval(keepAlive);
      await worker.stop();
    },
  };
});
