import { QueryPlanCacheStats, queryPlanMetrics } from './query-plan-stats';

type Observed = Parameters<QueryPlanCacheStats['observe']>[0];
const resolved = (queryPlan: object): Observed => ({ queryPlan }) as unknown as Observed;

describe(QueryPlanCacheStats.name, () => {
  it('counts a plan object seen before as a hit and a new one as a miss', () => {
    const sut = new QueryPlanCacheStats();
    const planA = { kind: 'QueryPlan' };
    const planB = { kind: 'QueryPlan' };
    sut.observe(resolved(planA));
    sut.observe(resolved(planA));
    sut.observe(resolved(planB));
    sut.observe(resolved(planA));
    expect({ hits: sut.hits, misses: sut.misses }).toEqual({ hits: 2, misses: 2 });
  });

  it('serves one series per gateway in Prometheus text format', () => {
    const dashboard = new QueryPlanCacheStats();
    dashboard.hits = 7;
    dashboard.misses = 1;
    const text = queryPlanMetrics({ dashboard, partner: new QueryPlanCacheStats() });
    expect(text).toContain('# TYPE nexara_gateway_query_plan_cache_hits_total counter');
    expect(text).toContain('nexara_gateway_query_plan_cache_hits_total{graph="dashboard"} 7');
    expect(text).toContain('nexara_gateway_query_plan_cache_misses_total{graph="dashboard"} 1');
    expect(text).toContain('nexara_gateway_query_plan_cache_hits_total{graph="partner"} 0');
  });
});
