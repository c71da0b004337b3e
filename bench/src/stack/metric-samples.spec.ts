import { metricSamples } from './metric-samples';

const PAGE = [
  '# HELP http_server_request_duration_seconds Time to answer.',
  '# TYPE http_server_request_duration_seconds histogram',
  'http_server_request_duration_seconds_bucket{le="0.1",http_route="/graphql"} 7',
  'http_server_request_duration_seconds_count{http_route="/graphql",method="POST"} 12',
  'http_server_request_duration_seconds_count{http_route="/metrics",method="GET"} 3',
  'http_server_request_duration_seconds_count_extra{http_route="/graphql"} 99',
  'nexara_subscription_deliveries_total{path="/graphql",outcome="sent",note="a \\"quoted\\" \\\\ value"} 1.5e3',
  'process_uptime_seconds 42',
].join('\n');

describe('metricSamples', () => {
  it("answers each sample of the metric with its labels and value, and only that metric's", () => {
    expect(metricSamples(PAGE, 'http_server_request_duration_seconds_count')).toEqual([
      { labels: { http_route: '/graphql', method: 'POST' }, value: 12 },
      { labels: { http_route: '/metrics', method: 'GET' }, value: 3 },
    ]);
  });

  it('unescapes label values and reads exponent notation', () => {
    expect(metricSamples(PAGE, 'nexara_subscription_deliveries_total')).toEqual([
      { labels: { path: '/graphql', outcome: 'sent', note: 'a "quoted" \\ value' }, value: 1500 },
    ]);
  });

  it('reads a metric without labels, and answers none for a metric the page lacks', () => {
    expect(metricSamples(PAGE, 'process_uptime_seconds')).toEqual([{ labels: {}, value: 42 }]);
    expect(metricSamples(PAGE, 'absent_total')).toEqual([]);
  });
});
