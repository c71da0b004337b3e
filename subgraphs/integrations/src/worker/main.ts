import 'reflect-metadata';
import { createLogger, loadConfigOrExit } from '@nexara/kit';
import { webhookWorkerConfigShape } from './config';
import { createWebhookWorker } from './webhook-worker';

async function main(): Promise<void> {
  const config = loadConfigOrExit(webhookWorkerConfigShape, 'integrations-worker');
  const logger = createLogger('integrations-worker', config.LOG_LEVEL);
  const worker = await createWebhookWorker(config, { logger });
  logger.info({ concurrency: config.WORKER_CONCURRENCY, orders: config.ORDERS_URL }, 'webhook worker running');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
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
