import type { RequestContext } from '@nexara/kit';
import { isUuid } from './order-cursor';
import { orderLoaders } from './order.loaders';
import { toOrderType } from './order.mapper';
import type { OrderService } from './order.service';
import type { OrderType } from './order.types';

/**
 * `Order` as an entity other subgraphs point at. Resolved in the caller's
 * tenant only: another tenant's id resolves to null, exactly like an unknown one.
 */
export function orderReferenceResolver(orders: OrderService) {
  return {
    __resolveReference: async (reference: { id: string }, context: RequestContext): Promise<OrderType | null> => {
      if (typeof reference.id !== 'string' || !isUuid(reference.id)) return null;
      const order = await orderLoaders(context, orders).orderById.load(reference.id.toLowerCase());
      return order ? toOrderType(order) : null;
    },
  };
}
