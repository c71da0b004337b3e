import { createDataSource, createEventBus, createLogger, createSubgraphServer, type Logger, type RunningServer } from '@nexara/kit';
import type { DataSource } from 'typeorm';
import type { OrdersConfig } from './config';
import { ordersDatabase } from './database';
import { orderChangesOn } from './events/order-changes';
import { buildOrdersSchema, createOrdersServices } from './schema';

export type OrdersServer = RunningServer & { dataSource: DataSource };

export async function createOrdersServer(config: OrdersConfig, options: { logger?: Logger } = {}): Promise<OrdersServer> {
  const logger = options.logger ?? createLogger('orders', config.LOG_LEVEL);
  const dataSource = createDataSource({ url: config.DATABASE_URL, ...ordersDatabase, poolSize: 10 });
  await dataSource.initialize();
  const bus = createEventBus({ redisUrl: config.REDIS_URL, databaseUrl: config.DATABASE_URL, logger });
  try {
    const { schema } = await buildOrdersSchema(createOrdersServices(dataSource, orderChangesOn(bus, logger)));
    const server = await createSubgraphServer({
      name: 'orders',
      schema,
      contextTokenSecret: config.INTERNAL_TOKEN_SECRET,
      logger,
      production: config.NODE_ENV === 'production',
      checkReady: async () => {
        await dataSource.query('select 1');
      },
    });
    return {
      ...server,
      dataSource,
      close: async () => {
        try {
          await server.close();
        } finally {
          await bus.close();
          await dataSource.destroy();
        }
      },
    };
  } catch (error) {
    await bus.close();
    await dataSource.destroy();
    throw error;
  }
}
