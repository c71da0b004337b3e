import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';

type QueryPlan = Parameters<Experimental_DidResolveQueryPlanCallback>[0]['queryPlan'];

/**
 * How often Apollo Gateway found a query plan in its cache. The gateway keeps
 * plans in an in-memory LRU store and says nothing about hits, but it calls
 * `experimental_didResolveQueryPlan` with the plan of every operation it runs:
 * a plan object seen before came from the store (the in-memory store hands out
 * the object it holds), a new object was just planned. Counted per gateway
 * (dashboard, partner) and served on `/metrics`.
 */
export class QueryPlanCacheStats {
  private readonly seen = new WeakSet<QueryPlan>();
  hits = 0;
  misses = 0;

  /** Pass as the gateway's `experimental_didResolveQueryPlan`. */
  readonly observe: Experimental_DidResolveQueryPlanCallback = ({ queryPlan }) => {
    if (this.seen.has(queryPlan)) {
      this.hits += 1;
    } else {
      this.seen.add(queryPlan);
      this.misses += 1;
    }
  };
}

/** The counters in Prometheus' text format, one series per gateway. */
export function queryPlanMetrics(stats: Record<string, QueryPlanCacheStats>): string {
  const series = (name: string, help: string, value: (s: QueryPlanCacheStats) => number): string[] => [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} counter`,
    ...Object.entries(stats).map(([graph, s]) => `${name}{graph="${graph}"} ${value(s)}`),
  ];
  return [
    ...series(
      'nexara_gateway_query_plan_cache_hits_total',
      'Operations whose query plan came from the cache.',
      (s) => s.hits,
    ),
    ...series('nexara_gateway_query_plan_cache_misses_total', 'Operations that had to be planned.', (s) => s.misses),
    '',
  ].join('\n');
}
