import './tracing';
import 'reflect-metadata';
import { createLogger, loadConfigOrExit, runService } from '@nexara/kit';
import { tenantsConfigShape } from './config';
import { createTenantsServer } from './server';

runService('tenants', async () => {
  const config = loadConfigOrExit(tenantsConfigShape, 'tenants');
  const logger = createLogger('tenants', config.LOG_LEVEL);
  const server = await createTenantsServer(config, { logger });
  const url = await server.listen(config.PORT, config.HOST);
  logger.info({ url: `${url}/graphql` }, 'tenants subgraph listening');
  return { logger, stop: () => server.close() };
});
