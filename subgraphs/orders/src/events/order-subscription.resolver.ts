import { appError, PUBLIC_TAG, type OrderStatus, type Provider } from '@nexara/kit';
import { Arg, Directive, Field, ID, InputType, Resolver, Root, Subscription } from 'type-graphql';
import { OrderStatusEnum, OrderType, ProviderEnum } from '../orders/order.types';

@InputType('OrderChangedFilterInput', { description: 'Only changes of orders matching every given field.' })
export class OrderChangedFilterInput {
  @Field(() => [OrderStatusEnum], { nullable: true, description: 'The order has one of these statuses after the change.' })
  status?: OrderStatus[] | null;

  @Field(() => [ProviderEnum], { nullable: true })
  provider?: Provider[] | null;

  @Field(() => ID, { nullable: true })
  connectionId?: string | null;
}

/**
 * Declared here so the field is part of the composed schema (clients,
 * codegen and Sandbox see it); the gateway serves it over graphql-ws by
 * re-reading `order(id)` for every `order.changed` event on the bus.
 */
@Resolver()
export class OrderSubscriptionResolver {
  @Directive(PUBLIC_TAG)
  @Subscription(() => OrderType, {
    description:
      'An order of your tenant was created or changed. Served by the gateway over graphql-ws on /graphql (partners: /partner/graphql, needs orders:read).',
    subscribe: () => {
      throw appError('BAD_USER_INPUT', 'Subscribe through the gateway over WebSocket (graphql-ws) on /graphql or /partner/graphql.');
    },
  })
  orderChanged(
    @Root() order: OrderType,
    @Arg('filter', () => OrderChangedFilterInput, { nullable: true }) _filter?: OrderChangedFilterInput,
  ): OrderType {
    return order;
  }
}
