/** One sample of a metric in Prometheus' text format: its labels and its value. */
export type MetricSample = { labels: Record<string, string>; value: number };

const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

/**
 * The samples of the metric `name` in a /metrics text (prom-client's text
 * format: `name{label="value",...} number`, one per line), in order. Label
 * values are unescaped (`\"`, `\\`, `\n`). A name matches whole: asking for
 * `x_total` does not answer `x_total_other`.
 */
export function metricSamples(text: string, name: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    const labelled = rest.startsWith('{');
    if (!labelled && !rest.startsWith(' ')) continue;
    const end = labelled ? rest.lastIndexOf('}') : 0;
    const labels: Record<string, string> = {};
    for (const [, key, value] of rest.slice(0, end).matchAll(LABEL)) {
      labels[key!] = value!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    samples.push({
      labels,
      value: Number(
        rest
          .slice(end + (labelled ? 1 : 0))
          .trim()
          .split(' ')[0],
      ),
    });
  }
  return samples;
}

/** The /metrics page of the service at `origin`, as text (read it once to take several metrics from one moment). */
export async function fetchMetricsText(origin: string): Promise<string> {
  const response = await fetch(`${origin}/metrics`);
  if (!response.ok) throw new Error(`${origin}/metrics answered HTTP ${response.status}`);
  return response.text();
}

/** The samples of `name` on the /metrics page of the service at `origin`. */
export async function fetchMetricSamples(origin: string, name: string): Promise<MetricSample[]> {
  return metricSamples(await fetchMetricsText(origin), name);
}
