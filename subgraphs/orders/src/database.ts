import { CreateOrderTables1795920000000 } from './migrations/1795920000000-CreateOrderTables';
import { OrderTablesRowLevelSecurity1795920000001 } from './migrations/1795920000001-OrderTablesRowLevelSecurity';
import { CreateOrderCallbacks1795920000002 } from './migrations/1795920000002-CreateOrderCallbacks';
import { OrderMetricsIndex1795920000003 } from './migrations/1795920000003-OrderMetricsIndex';
import { OrderSortIndexes1795920000004 } from './migrations/1795920000004-OrderSortIndexes';
import { OrderVersions1795920000005 } from './migrations/1795920000005-OrderVersions';
import { TestOrders1795920000006 } from './migrations/1795920000006-TestOrders';
import { OrderMetricsRollup1795920000007 } from './migrations/1795920000007-OrderMetricsRollup';
import { OrderMetricsFoldOnce1795920000008 } from './migrations/1795920000008-OrderMetricsFoldOnce';
import { ProviderCodesFromRegistry1795920000009 } from './migrations/1795920000009-ProviderCodesFromRegistry';
import { OrderMenuWarnings1795920000010 } from './migrations/1795920000010-OrderMenuWarnings';
import { OrderCallbackEntity } from './callbacks/order-callback.entity';
import { OrderEventEntity } from './orders/order-event.entity';
import { OrderEntity } from './orders/order.entity';
import { ProviderEventEntity } from './orders/provider-event.entity';

/** What the platform migrates (as the owner) and what the service maps (as `nexara_orders`). */
export const ordersDatabase = {
  schema: 'orders',
  entities: [OrderEntity, OrderEventEntity, ProviderEventEntity, OrderCallbackEntity] as Function[],
  migrations: [
    CreateOrderTables1795920000000,
    OrderTablesRowLevelSecurity1795920000001,
    CreateOrderCallbacks1795920000002,
    OrderMetricsIndex1795920000003,
    OrderSortIndexes1795920000004,
    OrderVersions1795920000005,
    TestOrders1795920000006,
    OrderMetricsRollup1795920000007,
    OrderMetricsFoldOnce1795920000008,
    ProviderCodesFromRegistry1795920000009,
    OrderMenuWarnings1795920000010,
  ] as Function[],
};
