import type { Provider } from '@nexara/providers/display';
import { ArgsType, Field, Float, GraphQLISODateTime, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MoneyType, ProviderEnum } from '../orders/order.types';

export const METRICS_BUCKETS = ['HOUR', 'DAY'] as const;
export type MetricsBucket = (typeof METRICS_BUCKETS)[number];
export const MetricsBucketEnum = { HOUR: 'HOUR', DAY: 'DAY' } as const satisfies { [K in MetricsBucket]: K };

registerEnumType(MetricsBucketEnum, {
  name: 'MetricsBucket',
  description: 'How order metrics are grouped in time.',
  valuesConfig: {
    HOUR: { description: 'Clock hours of the time zone the metrics are read in.' },
    DAY: { description: 'Calendar days (local midnight to midnight) of the time zone the metrics are read in.' },
  },
});

const TIME_ZONE_DESCRIPTION =
  'IANA time zone whose hours and days the buckets follow, e.g. "Asia/Dubai"; defaults to your tenant\'s time zone.';

@ArgsType()
export class OrderMetricsArgs {
  @Field(() => GraphQLISODateTime, { description: 'Orders placed at or after this instant.' })
  from: Date;

  @Field(() => GraphQLISODateTime, {
    description: 'Orders placed before this instant. At most 31 days after `from` by HOUR, 400 by DAY.',
  })
  to: Date;

  @Field(() => MetricsBucketEnum)
  bucket: MetricsBucket;

  @Field(() => String, { nullable: true, description: TIME_ZONE_DESCRIPTION })
  timeZone?: string | null;
}

@ArgsType()
export class TodayMetricsArgs {
  @Field(() => String, { nullable: true, description: TIME_ZONE_DESCRIPTION })
  timeZone?: string | null;
}

@ObjectType('OrderMetricsBucket', {
  description:
    'What happened to the orders of one provider placed in one time bucket. Only buckets with at least one order ' +
    'appear. Amounts of different currencies are never added up: `revenue` holds one Money per currency.',
  // A week by hour is 672 of these: plain properties, so graphql's default resolver rather than type-graphql's
  // middleware wrapper per field (docs/architecture.md, "Order metrics").
  simpleResolvers: true,
})
export class OrderMetricsBucketType {
  @Field(() => GraphQLISODateTime, {
    description: 'The instant the bucket starts (local midnight or the start of a local hour).',
  })
  bucketStart: Date;

  @Field(() => ProviderEnum)
  provider: Provider;

  @Field(() => Int, { description: 'Orders placed in the bucket, whatever became of them.' })
  orders: number;

  @Field(() => [MoneyType], {
    description:
      'Sum of the totals of the orders that were accepted and not cancelled afterwards, one entry per currency ' +
      '(sorted by code); empty when there are none.',
  })
  revenue: MoneyType[];

  @Field(() => Int, {
    description:
      'Orders that ever reached ACCEPTED (the numerator of acceptanceRate). With decidedOrders, rates of several ' +
      'buckets or providers combine exactly.',
  })
  acceptedOrders: number;

  @Field(() => Int, { description: 'Orders accepted or REJECTED (the denominator of acceptanceRate).' })
  decidedOrders: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Accepted orders (those that ever reached ACCEPTED, including ones that moved past it or were cancelled later) ' +
      'divided by decided orders (accepted or REJECTED), from 0 to 1; null when no order was decided yet.',
  })
  acceptanceRate: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean seconds from placedAt to acceptedAt over the accepted orders; null when none was accepted.',
  })
  avgAcceptSeconds: number | null;
}

@ObjectType('TodayMetrics', { description: "Today's totals in a time zone: what the dashboard's KPI tiles show." })
export class TodayMetricsType {
  @Field(() => String, { description: 'The time zone "today" is read in.' })
  timeZone: string;

  @Field(() => GraphQLISODateTime, { description: 'Local midnight that starts today.' })
  dayStart: Date;

  @Field(() => Int, { description: 'Orders open right now (RECEIVED up to PICKED_UP), whenever they were placed.' })
  openOrders: number;

  @Field(() => [OrderMetricsBucketType], { description: 'Orders placed today, one entry per provider that had any.' })
  providers: OrderMetricsBucketType[];
}
