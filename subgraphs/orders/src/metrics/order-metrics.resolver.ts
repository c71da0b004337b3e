import type { RequestContext } from '@nexara/kit';
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { OrderMetricsService } from './order-metrics.service';
import { OrderMetricsArgs, OrderMetricsBucketType, TodayMetricsArgs, TodayMetricsType } from './order-metrics.types';

/**
 * Internal to the dashboard (no public tag): partners get orders, not our
 * aggregates. Readable by every user role, like the orders themselves.
 */
@Resolver()
export class OrderMetricsResolver {
  constructor(private readonly metrics: OrderMetricsService) {}

  @Query(() => [OrderMetricsBucketType], {
    description:
      'Order metrics of your tenant per time bucket and provider, for orders placed in [from, to), oldest bucket first. ' +
      'HOUR ranges span at most 31 days, DAY ranges at most 400.',
  })
  async orderMetrics(
    @Ctx() context: RequestContext,
    @Args(() => OrderMetricsArgs) args: OrderMetricsArgs,
  ): Promise<OrderMetricsBucketType[]> {
    return this.metrics.orderMetrics(context.identity, args);
  }

  @Query(() => TodayMetricsType, {
    description: "Today's totals of your tenant per provider, and the orders open now.",
  })
  async todayMetrics(
    @Ctx() context: RequestContext,
    @Args(() => TodayMetricsArgs) args: TodayMetricsArgs,
  ): Promise<TodayMetricsType> {
    return this.metrics.todayMetrics(context.identity, args);
  }
}
