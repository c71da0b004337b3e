import 'reflect-metadata';
import { createLogger, loadConfigOrExit } from '@nexara/kit';
import { ordersConfigShape } from './config';
import { createOrdersServer } from './server';

async function main(): Promise<void> {
  const config = loadConfigOrExit(ordersConfigShape, 'orders');
  const logger = createLogger('orders', config.LOG_LEVEL);
  const server = await createOrdersServer(config, { logger });
  const url = await server.listen(config.PORT, config.HOST);
  logger.info({ url: `${url}/graphql` }, 'orders subgraph listening');

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    try {
      await server.close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error while stopping');
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`[orders] failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
