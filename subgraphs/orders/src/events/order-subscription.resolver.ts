import { appError, PUBLIC_TAG, type OrderStatus } from '@nexara/kit';
import { type Provider } from '@nexara/providers/display';
import { Arg, Directive, Field, ID, InputType, Resolver, Root, Subscription } from 'type-graphql';
import { TodayMetricsType } from '../metrics/order-metrics.types';
import { OrderStatusEnum, OrderType, ProviderEnum } from '../orders/order.types';

@InputType('OrderChangedFilterInput', { description: 'Only changes of orders matching every given field.' })
export class OrderChangedFilterInput {
  @Field(() => [OrderStatusEnum], {
    nullable: true,
    description: 'The order has one of these statuses after the change.',
  })
  status?: OrderStatus[] | null;

  @Field(() => [ProviderEnum], { nullable: true })
  provider?: Provider[] | null;

  @Field(() => ID, { nullable: true })
  connectionId?: string | null;
}

const SERVED_BY_THE_GATEWAY = (): never => {
  throw appError(
    'BAD_USER_INPUT',
    'Subscribe through the gateway over WebSocket (graphql-ws) on /graphql or /partner/graphql.',
  );
};

/**
 * Declared here so the fields are part of the composed schema (clients,
 * codegen and Sandbox see them); the gateway serves them over graphql-ws by
 * re-reading `order(id)` for every `order.changed` event on the bus, and
 * `todayMetrics` for every `metrics.changed`.
 */
@Resolver()
export class OrderSubscriptionResolver {
  @Directive(PUBLIC_TAG)
  @Subscription(() => OrderType, {
    description:
      'An order of your tenant was created or changed. The promise: each change of an order is delivered once, in the order ' +
      'the changes happened, with the state that change produced (the order read at its version: Order.version is 1 on ' +
      'arrival and one more per change), however fast changes follow each other. A version is never sent twice and never ' +
      'after a later one; a gap left by a lost announcement is filled when the order next changes. Changes from before you ' +
      'subscribed are not replayed: read the order for its state now. Served by the gateway over graphql-ws on /graphql ' +
      '(partners: /partner/graphql, needs orders:read).',
    subscribe: SERVED_BY_THE_GATEWAY,
  })
  orderChanged(
    @Root() order: OrderType,
    @Arg('filter', () => OrderChangedFilterInput, { nullable: true }) _filter?: OrderChangedFilterInput,
  ): OrderType {
    return order;
  }

  @Subscription(() => TodayMetricsType, {
    description:
      "Today's totals of your tenant (as todayMetrics answers, in your tenant's time zone), sent after orders change: " +
      'at most about once a second, always including the latest change. Served by the gateway over graphql-ws on /graphql.',
    subscribe: SERVED_BY_THE_GATEWAY,
  })
  metricsChanged(@Root() metrics: TodayMetricsType): TodayMetricsType {
    return metrics;
  }
}
