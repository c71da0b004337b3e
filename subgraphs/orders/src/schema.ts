import { buildFederatedSchema } from '@nexara/kit';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { noOrderChanges, type OrderChanges } from './orders/order-changes';
import { ProviderCallbackResolver } from './callbacks/provider-callback.resolver';
import { ProviderCallbackService } from './callbacks/provider-callback.service';
import { OrderSubscriptionResolver } from './events/order-subscription.resolver';
import { OrderMetricsResolver } from './metrics/order-metrics.resolver';
import { OrderMetricsService } from './metrics/order-metrics.service';
import type { TenantTimeZones } from './metrics/tenant-time-zones';
import { orderReferenceResolver } from './orders/order.reference';
import { OrderResolver } from './orders/order.resolver';
import { OrderService } from './orders/order.service';
import { ProviderOrderEventResolver } from './orders/provider-order-event.resolver';
import { ProviderOrderEventService } from './orders/provider-order-event.service';

export type OrdersServices = {
  orders: OrderService;
  providerEvents: ProviderOrderEventService;
  callbacks: ProviderCallbackService;
  metrics: OrderMetricsService;
};

/** For printing the schema only: no metric is ever read there. */
const noTenantTimeZones: TenantTimeZones = () => Promise.reject(new Error('no tenants service to ask for time zones'));

/** The services over one DataSource (which need not be initialized just to print the schema). */
export function createOrdersServices(
  dataSource: DataSource,
  changes: OrderChanges = noOrderChanges,
  tenantTimeZones: TenantTimeZones = noTenantTimeZones,
): OrdersServices {
  return {
    metrics: new OrderMetricsService(dataSource, tenantTimeZones),
    orders: new OrderService(dataSource, changes),
    providerEvents: new ProviderOrderEventService(dataSource, changes),
    callbacks: new ProviderCallbackService(dataSource, changes),
  };
}

export async function buildOrdersSchema(services: OrdersServices): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const resolvers = new Map<Function, object>([
    [OrderResolver, new OrderResolver(services.orders)],
    [ProviderOrderEventResolver, new ProviderOrderEventResolver(services.providerEvents)],
    [ProviderCallbackResolver, new ProviderCallbackResolver(services.callbacks)],
    [OrderSubscriptionResolver, new OrderSubscriptionResolver()],
    [OrderMetricsResolver, new OrderMetricsResolver(services.metrics)],
  ]);
  return buildFederatedSchema(
    {
      resolvers: [
        OrderResolver,
        ProviderOrderEventResolver,
        ProviderCallbackResolver,
        OrderSubscriptionResolver,
        OrderMetricsResolver,
      ],
      container: { get: (resolverClass: Function) => resolvers.get(resolverClass) },
    },
    { Order: orderReferenceResolver(services.orders) },
  );
}

/** The subgraph SDL alone (composition, checks): resolvers are never called, so no database is needed. */
export async function ordersSdl(): Promise<string> {
  const unused = {} as DataSource;
  return (await buildOrdersSchema(createOrdersServices(unused))).sdl;
}
