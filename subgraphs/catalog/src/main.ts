import './tracing';
import 'reflect-metadata';
import { createLogger, loadConfigOrExit, runService } from '@nexara/kit';
import { catalogConfigShape } from './config';
import { createCatalogServer } from './server';

runService('catalog', async () => {
  const config = loadConfigOrExit(catalogConfigShape, 'catalog');
  const logger = createLogger('catalog', config.LOG_LEVEL);
  const server = await createCatalogServer(config, { logger });
  const url = await server.listen(config.PORT, config.HOST);
  logger.info({ url: `${url}/graphql` }, 'catalog subgraph listening');
  return { logger, stop: () => server.close() };
});
