import 'reflect-metadata';
import { createLogger, loadConfigOrExit } from '@nexara/kit';
import { tenantsConfigShape } from './config';
import { createTenantsServer } from './server';

async function main(): Promise<void> {
  const config = loadConfigOrExit(tenantsConfigShape, 'tenants');
  const logger = createLogger('tenants', config.LOG_LEVEL);
  const server = await createTenantsServer(config, { logger });
  const url = await server.listen(config.PORT, config.HOST);
  logger.info({ url: `${url}/graphql` }, 'tenants subgraph listening');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`[tenants] failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
