import './tracing';
import { createLogger, loadConfigOrExit, runService } from '@nexara/kit';
import { gatewayConfigShape } from './config';
import { createGatewayServer } from './server';

runService('gateway', async () => {
  const config = loadConfigOrExit(gatewayConfigShape, 'gateway');
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const server = await createGatewayServer(config, { logger });
  const url = await server.listen(config.PORT, config.HOST);
  logger.info({ url: `${url}/graphql` }, 'gateway listening');
  return { logger, stop: () => server.close() };
});
