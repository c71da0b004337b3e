import {
  createDataSource,
  createEventBus,
  createLogger,
  dataSourcePool,
  createSubgraphServer,
  type Logger,
  type RunningServer,
} from '@nexara/kit';
import type { DataSource } from 'typeorm';
import type { OrdersConfig } from './config';
import { ordersDatabase } from './database';
import { metricsChangesOn } from './events/metrics-changes';
import { orderChangesOn, type OrderChanges } from './orders/order-changes';
import { tenantTimeZonesFrom } from './metrics/tenant-time-zones';
import { buildOrdersSchema, createOrdersServices } from './schema';

export type OrdersServer = RunningServer & { dataSource: DataSource };

export async function createOrdersServer(
  config: OrdersConfig,
  options: { logger?: Logger } = {},
): Promise<OrdersServer> {
  const logger = options.logger ?? createLogger('orders', config.LOG_LEVEL);
  const dataSource = createDataSource({ url: config.DATABASE_URL, ...ordersDatabase, poolSize: 10 });
  await dataSource.initialize();
  const bus = createEventBus({ redisUrl: config.REDIS_URL, databaseUrl: config.DATABASE_URL, logger });
  const metricsChanges = metricsChangesOn(bus, logger);
  const orderChanges = orderChangesOn(bus, logger);
  // Every committed order change is announced at once (order.changed) and folded into the tenant's next metrics.changed.
  const changes: OrderChanges = (tenantId, orderId, version) => {
    orderChanges(tenantId, orderId, version);
    metricsChanges.changed(tenantId);
  };
  const tenantTimeZones = tenantTimeZonesFrom({
    url: config.TENANTS_URL,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
  });
  try {
    const { schema } = await buildOrdersSchema(createOrdersServices(dataSource, changes, tenantTimeZones));
    const server = await createSubgraphServer({
      name: 'orders',
      schema,
      pools: { orders: dataSourcePool(dataSource) },
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
          metricsChanges.close();
          await bus.close();
          await dataSource.destroy();
        }
      },
    };
  } catch (error) {
    metricsChanges.close();
    await bus.close();
    await dataSource.destroy();
    throw error;
  }
}
