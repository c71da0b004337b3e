import { buildFederatedSchema } from '@nexara/kit';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { ProviderCallbackResolver } from './callbacks/provider-callback.resolver';
import { ProviderCallbackService } from './callbacks/provider-callback.service';
import { orderReferenceResolver } from './orders/order.reference';
import { OrderResolver } from './orders/order.resolver';
import { OrderService } from './orders/order.service';
import { ProviderOrderEventResolver } from './orders/provider-order-event.resolver';
import { ProviderOrderEventService } from './orders/provider-order-event.service';

export type OrdersServices = {
  orders: OrderService;
  providerEvents: ProviderOrderEventService;
  callbacks: ProviderCallbackService;
};

/** The services over one DataSource (which need not be initialized just to print the schema). */
export function createOrdersServices(dataSource: DataSource): OrdersServices {
  return {
    orders: new OrderService(dataSource),
    providerEvents: new ProviderOrderEventService(dataSource),
    callbacks: new ProviderCallbackService(dataSource),
  };
}

export async function buildOrdersSchema(services: OrdersServices): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const resolvers = new Map<Function, object>([
    [OrderResolver, new OrderResolver(services.orders)],
    [ProviderOrderEventResolver, new ProviderOrderEventResolver(services.providerEvents)],
    [ProviderCallbackResolver, new ProviderCallbackResolver(services.callbacks)],
  ]);
  return buildFederatedSchema(
    {
      resolvers: [OrderResolver, ProviderOrderEventResolver, ProviderCallbackResolver],
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
