import type { RequestContext } from '@nexara/kit';
import { BatchLoader } from '../common/batch-loader';
import type { OrderEventEntity } from './order-event.entity';
import type { OrderEntity } from './order.entity';
import type { OrderService } from './order.service';

export type OrderLoaders = {
  orderById: BatchLoader<string, OrderEntity | null>;
  timelineByOrderId: BatchLoader<string, OrderEventEntity[]>;
};

// Keyed by the request's context object, so loaders live exactly as long as the request.
const loadersByRequest = new WeakMap<RequestContext, OrderLoaders>();

export function orderLoaders(context: RequestContext, orders: OrderService): OrderLoaders {
  let loaders = loadersByRequest.get(context);
  if (!loaders) {
    loaders = {
      orderById: new BatchLoader(
        (ids) => orders.findOrdersByIds(context.identity, ids),
        () => null,
      ),
      timelineByOrderId: new BatchLoader(
        (ids) => orders.timelines(context.identity, ids),
        () => [],
      ),
    };
    loadersByRequest.set(context, loaders);
  }
  return loaders;
}
