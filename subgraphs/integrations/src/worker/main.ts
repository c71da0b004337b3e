import 'reflect-metadata';
import { createLogger, loadConfigOrExit } from '@nexara/kit';
import { webhookWorkerConfigShape } from './config';
import { createWebhookWorker } from './webhook-worker';

async function main(): Promise<void> {
  const config = loadConfigOrExit(webhookWorkerConfigShape, 'integrations-worker');
  const logger = createLogger('integrations-worker', config.LOG_LEVEL);
  const worker = await createWebhookWorker(config, { logger });
  logger.info({ concurrency: config.WORKER_CONCURRENCY, orders: config.ORDERS_URL }, 'webhook worker running');

  // While the database is away the worker holds no socket and every timer of its own is
  // unref'd (so tests can run it in-process): without this, Node would see nothing left to
  // do and exit with 0 in the middle of an outage instead of waiting to reconnect.
  const keepAlive = setInterval(() => undefined, 60_000);
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    clearInterval(keepAlive);
    logger.info({ signal }, 'stopping: finishing the jobs in hand');
    worker.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`[integrations-worker] failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
