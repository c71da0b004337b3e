import 'reflect-metadata';
import { createLogger, loadConfigOrExit } from '@nexara/kit';
import { integrationsConfigShape } from './config';
import { createIntegrationsServer } from './server';

async function main(): Promise<void> {
  const config = loadConfigOrExit(integrationsConfigShape, 'integrations');
  const logger = createLogger('integrations', config.LOG_LEVEL);
  const server = await createIntegrationsServer(config, { logger });
  const url = await server.listen(config.PORT, config.HOST);
  logger.info({ url: `${url}/graphql` }, 'integrations subgraph listening');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    server.close().then(
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
  process.stderr.write(`[integrations] failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
