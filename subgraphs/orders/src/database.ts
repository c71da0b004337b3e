import { CreateOrderTables1795920000000 } from './migrations/1795920000000-CreateOrderTables';
import { OrderTablesRowLevelSecurity1795920000001 } from './migrations/1795920000001-OrderTablesRowLevelSecurity';
import { OrderEventEntity } from './orders/order-event.entity';
import { OrderEntity } from './orders/order.entity';
import { ProviderEventEntity } from './orders/provider-event.entity';

/** What the platform migrates (as the owner) and what the service maps (as `nexara_orders`). */
export const ordersDatabase = {
  schema: 'orders',
  entities: [OrderEntity, OrderEventEntity, ProviderEventEntity] as Function[],
  migrations: [CreateOrderTables1795920000000, OrderTablesRowLevelSecurity1795920000001] as Function[],
};
