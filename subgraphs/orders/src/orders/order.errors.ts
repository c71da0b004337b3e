import { appError, type OrderStatus } from '@nexara/kit';
import type { GraphQLError } from 'graphql';
import { isFinalStatus } from './order-status.machine';

export function orderNotFound(id: string): GraphQLError {
  return appError('NOT_FOUND', `No order with id ${id} exists in your tenant.`, { orderId: id });
}

export function invalidTransition(order: { displayCode: string; status: OrderStatus }, to: OrderStatus): GraphQLError {
  const why = isFinalStatus(order.status)
    ? `${order.status} is final`
    : 'staff move an order one step at a time: RECEIVED -> ACCEPTED -> PREPARING -> READY -> PICKED_UP -> DELIVERED, REJECTED only from RECEIVED, CANCELLED from any open status';
  return appError(
    'INVALID_TRANSITION',
    `Order ${order.displayCode} cannot move from ${order.status} to ${to}: ${why}.`,
    {
      from: order.status,
      to,
    },
  );
}
