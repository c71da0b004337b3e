import { createLogger, loadConfigOrExit } from '@nexara/kit';
import { gatewayConfigShape } from './config';
import { createGatewayServer } from './server';

async function main(): Promise<void> {
  const config = loadConfigOrExit(gatewayConfigShape, 'gateway');
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const server = await createGatewayServer(config, { logger });
  const url = await server.listen(config.PORT, config.HOST);
  logger.info({ url: `${url}/graphql` }, 'gateway listening');
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway failed to start: ${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
