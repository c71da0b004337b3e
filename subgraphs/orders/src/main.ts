import './tracing';
import 'reflect-metadata';
import { createLogger, loadConfigOrExit, runService } from '@nexara/kit';
import { ordersConfigShape } from './config';
import { createOrdersServer } from './server';

runService('orders', async () => {
  const config = loadConfigOrExit(ordersConfigShape, 'orders');
  const logger = createLogger('orders', config.LOG_LEVEL);
  const server = await createOrdersServer(config, { logger });
  const url = await server.listen(config.PORT, config.HOST);
  logger.info({ url: `${url}/graphql` }, 'orders subgraph listening');
  return { logger, stop: () => server.close() };
});
