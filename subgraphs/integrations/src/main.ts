import './tracing';
import 'reflect-metadata';
import { createLogger, loadConfigOrExit, runService } from '@nexara/kit';
import { integrationsConfigShape } from './config';
import { createIntegrationsServer } from './server';

runService('integrations', async () => {
  const config = loadConfigOrExit(integrationsConfigShape, 'integrations');
  const logger = createLogger('integrations', config.LOG_LEVEL);
  const server = await createIntegrationsServer(config, { logger });
  const url = await server.listen(config.PORT, config.HOST);
  logger.info({ url: `${url}/graphql` }, 'integrations subgraph listening');
  return { logger, stop: () => server.close() };
});
