import { graphql } from '../../gql';

graphql(`
  fragment MetricsBucketFields on OrderMetricsBucket {
    bucketStart
    provider
    orders
    acceptedOrders
    decidedOrders
    acceptanceRate
    avgAcceptSeconds
    revenue {
      amount
      currency
    }
  }
`);

graphql(`
  fragment TodayFields on TodayMetrics {
    timeZone
    dayStart
    openOrders
    providers {
      ...MetricsBucketFields
    }
  }
`);

export const TODAY_METRICS = graphql(`
  query TodayMetrics {
    todayMetrics {
      ...TodayFields
    }
  }
`);

export const TODAY_METRICS_CHANGED = graphql(`
  subscription TodayMetricsChanged {
    metricsChanged {
      ...TodayFields
    }
  }
`);

export const ORDER_METRICS = graphql(`
  query RevenueByProvider($from: DateTimeISO!, $to: DateTimeISO!, $bucket: MetricsBucket!) {
    orderMetrics(from: $from, to: $to, bucket: $bucket) {
      ...MetricsBucketFields
    }
  }
`);

export const LATEST_ORDERS = graphql(`
  query LatestOrders($first: Int!) {
    orders(first: $first) {
      edges {
        node {
          ...OrderRow
        }
      }
    }
  }
`);

export const STREAM_ORDER_CHANGED = graphql(`
  subscription StreamOrderChanged {
    orderChanged {
      ...OrderRow
    }
  }
`);
