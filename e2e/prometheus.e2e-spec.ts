import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePorts } from '@nexara/kit';
import { stopChild } from '@nexara/stack';
import { buildWebhook, sendWebhook, type SimulatedConnection } from '@nexara/simulator';
import { eventually } from '@nexara/test-support';
import { seededConnection, signIn, startTestPlatform, type TestPlatform } from './support/platform';

/**
 * Every service's `/metrics` after real traffic: one webhook accepted,
 * processed and accepted by staff (a provider callback), one forged, one
 * dashboard query. Each series named in docs/operations.md must be there and
 * must have moved.
 */
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 0, worker: true, providerApi: true });
});

afterAll(async () => {
  await platform?.stop();
});

const careem = (): SimulatedConnection => seededConnection(platform, 'demo-bistro', 'CAREEM');

/** Prometheus text as `series{labels} -> value`, for the lines whose name starts with `prefix`. */
async function scrape(baseUrl: string): Promise<Map<string, number>> {
  const response = await fetch(`${baseUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  const series = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    series.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return series;
}

/** The sum of every series named `name` whose labels include all of `labels`. */
function total(series: Map<string, number>, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  let found = false;
  for (const [key, value] of series) {
    const brace = key.indexOf('{');
    if ((brace < 0 ? key : key.slice(0, brace)) !== name) continue;
    if (Object.entries(labels).every(([label, wanted]) => key.includes(`${label}="${wanted}"`))) {
      sum += value;
      found = true;
    }
  }
  return found ? sum : Number.NaN;
}

it('every service serves the named series, and they move with traffic', async () => {
  const before = await scrape(platform.urls.integrations);
  const placed = await buildWebhook(careem(), 'new_order', { seed: 301 });
  expect((await sendWebhook(placed)).status).toBeLessThan(300);
  const forged = await buildWebhook(careem(), 'new_order', { seed: 302, fault: 'bad_signature' });
  expect((await sendWebhook(forged)).status).toBe(401);

  const owner = await signIn(platform, 'owner@demo-bistro.test');
  const order = await eventually(
    async () => {
      const { orders } = await owner.query<{ orders: { edges: { node: { id: string; externalId: string } }[] } }>(
        `query($search: String!) { orders(first: 5, filter: { search: $search }) { edges { node { id externalId } } } }`,
        { search: placed.externalId },
      );
      return orders.edges.find((e) => e.node.externalId === placed.externalId)?.node;
    },
    20_000,
    'the webhook order',
  );
  await owner.query(`mutation($id: ID!) { acceptOrder(id: $id, prepMinutes: 15) { status } }`, { id: order.id });
  // The catalog answers only what asks it: one dashboard read, so its request series exist.
  await owner.query('{ menus { id } }');

  const worker = platform.urls.worker!;
  const workerSeries = await eventually(
    async () => {
      const series = await scrape(worker);
      return total(series, 'nexara_provider_callbacks_total', { provider: 'CAREEM' }) >= 1 ? series : undefined;
    },
    30_000,
    'a provider callback counted by the worker',
  );
  expect(total(workerSeries, 'nexara_webhook_processing_total', { provider: 'CAREEM', outcome: 'processed' })).toBe(1);
  expect(total(workerSeries, 'nexara_webhook_processing_lag_seconds_count', { provider: 'CAREEM' })).toBe(1);
  expect(total(workerSeries, 'nexara_queue_jobs', { task: 'process_webhook_event' })).toBeGreaterThanOrEqual(0);
  expect(
    total(workerSeries, 'nexara_queue_oldest_job_age_seconds', { task: 'provider_callback' }),
  ).toBeGreaterThanOrEqual(0);
  expect(total(workerSeries, 'db_client_connection_max', { db_client_connection_pool_name: 'queue' })).toBeGreaterThan(
    0,
  );

  const integrations = await scrape(platform.urls.integrations);
  const moved = (name: string, labels: Record<string, string>): number =>
    total(integrations, name, labels) - (total(before, name, labels) || 0);
  expect(moved('nexara_webhook_deliveries_total', { provider: 'CAREEM', outcome: 'accepted' })).toBe(1);
  expect(moved('nexara_webhook_deliveries_total', { provider: 'CAREEM', outcome: 'rejected' })).toBe(1);
  expect(moved('nexara_webhook_forged_deliveries_total', { provider: 'CAREEM', reason: 'BAD_SIGNATURE' })).toBe(1);

  const gateway = await scrape(platform.urls.gateway);
  expect(
    total(gateway, 'http_server_request_duration_seconds_count', {
      http_route: '/webhooks/:provider/:connectionKey',
      http_response_status_code: '401',
    }),
  ).toBeGreaterThanOrEqual(1);
  expect(total(gateway, 'nexara_subscriptions_active', { path: '/graphql' })).toBe(0);
  expect(total(gateway, 'nexara_websocket_connections', { path: '/graphql' })).toBe(0);
  expect(total(gateway, 'nexara_subscription_deliveries_total', { path: '/graphql', outcome: 'failed' })).toBe(0);
  expect(total(gateway, 'nexara_gateway_query_plan_cache_misses_total')).toBeGreaterThanOrEqual(1);

  const missing: string[] = [];
  for (const [name, url] of Object.entries(platform.urls)) {
    const series = name === 'integrations' ? integrations : name === 'gateway' ? gateway : await scrape(url);
    const expected = ['nodejs_eventloop_lag_seconds', 'http_server_request_duration_seconds_count'];
    if (name !== 'gateway') expected.push('db_client_connection_count', 'db_client_connection_pending_requests');
    for (const metric of expected) if (Number.isNaN(total(series, metric))) missing.push(`${name}: ${metric}`);
  }
  expect(missing).toEqual([]);

  // The alert rules and the Grafana dashboard in deploy/ name only series some service serves.
  const served = new Set<string>();
  for (const url of Object.values(platform.urls)) {
    for (const key of (await scrape(url)).keys()) {
      served.add(key.replace(/\{.*$/, ''));
      // Label names (db_client_connection_state, ...) may be named too.
      for (const [, label] of key.matchAll(/[{,]([a-z_]+)=/g)) served.add(label!);
    }
  }
  const deploy = path.join(__dirname, '..', 'deploy');
  const named = new Set<string>();
  for (const file of ['prometheus/alerts.yml', 'grafana/dashboards/nexara-operations.json']) {
    const text = fs.readFileSync(path.join(deploy, file), 'utf8');
    for (const [name] of text.matchAll(/\b(?:nexara|http_server|db_client|nodejs)_[a-z0-9_]+/g)) named.add(name);
  }
  expect(named.size).toBeGreaterThan(10);
  expect([...named].filter((name) => !served.has(name))).toEqual([]);
  // Subgraphs answered the gateway's federated queries.
  const orders = await scrape(platform.urls.orders);
  expect(
    total(orders, 'http_server_request_duration_seconds_count', {
      http_route: '/graphql',
      http_response_status_code: '200',
    }),
  ).toBeGreaterThanOrEqual(2);
});

/**
 * The files in deploy/ run by the real thing (Debian's prometheus and promtool; .ci/run installs them):
 * the alert rules pass promtool's checks and their unit tests (deploy/prometheus/alerts.test.yml); a
 * Prometheus scraping every service of this platform loads them and evaluates each without error; and
 * every query of the Grafana dashboard answers with series. Runs after the traffic of the test above.
 */
describe('deploy/ with a real Prometheus', () => {
  const deploy = path.join(__dirname, '..', 'deploy');
  const run = promisify(execFile);
  let prometheus: ChildProcess | undefined;
  let dataDir: string;
  let prometheusUrl: string;

  beforeAll(async () => {
    const [port] = await freePorts(1);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexara-prometheus-'));
    const targets = Object.values(platform.urls).map((url) => new URL(url).host);
    // JSON is YAML: the same settings as deploy/prometheus/prometheus.yml, against this platform's ports, every second.
    const config = {
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: [path.join(deploy, 'prometheus/alerts.yml')],
      scrape_configs: [{ job_name: 'nexara', static_configs: [{ targets }] }],
    };
    fs.writeFileSync(path.join(dataDir, 'prometheus.yml'), JSON.stringify(config));
    prometheus = spawn(
      'prometheus',
      [
        `--config.file=${path.join(dataDir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dataDir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: 'ignore' },
    );
    prometheusUrl = `http://127.0.0.1:${port}`;
    await eventually(
      async () => ((await fetch(`${prometheusUrl}/-/ready`).catch(() => null))?.ok ? true : undefined),
      30_000,
      "Prometheus ready (is Debian's prometheus installed? .ci/run installs it)",
    );
  });

  afterAll(async () => {
    if (prometheus) await stopChild(prometheus);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
    const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await response.json()) as { status: string; error?: string; data: { result: never[] } };
    if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
    return body.data.result;
  }

  it('checks the alert rules and passes their unit tests with promtool', async () => {
    await run('promtool', ['check', 'rules', 'alerts.yml'], { cwd: path.join(deploy, 'prometheus') });
    const { stdout } = await run('promtool', ['test', 'rules', 'alerts.test.yml'], {
      cwd: path.join(deploy, 'prometheus'),
    });
    expect(stdout).toContain('SUCCESS');
  });

  it('scrapes every service, evaluates every alert rule, and answers every dashboard query', async () => {
    const targets = Object.keys(platform.urls).length;
    await eventually(
      async () => ((await query('up{job="nexara"} == 1')).length === targets ? true : undefined),
      30_000,
      `all ${targets} services up in Prometheus`,
    );

    const rules = await eventually(
      async () => {
        const response = await fetch(`${prometheusUrl}/api/v1/rules`);
        const body = (await response.json()) as {
          data: { groups: { rules: { name: string; health: string; lastError?: string }[] }[] };
        };
        const all = body.data.groups.flatMap((group) => group.rules);
        return all.length > 0 && all.every((rule) => rule.health !== 'unknown') ? all : undefined;
      },
      30_000,
      'every alert rule evaluated once',
    );
    expect(rules.length).toBe(10);
    expect(rules.filter((rule) => rule.health !== 'ok').map((rule) => `${rule.name}: ${rule.lastError}`)).toEqual([]);

    const dashboard = JSON.parse(
      fs.readFileSync(path.join(deploy, 'grafana/dashboards/nexara-operations.json'), 'utf8'),
    ) as { panels: { title: string; targets?: { expr: string }[] }[] };
    const panels = dashboard.panels.flatMap((panel) =>
      (panel.targets ?? []).map((target) => ({ title: panel.title, expr: target.expr })),
    );
    expect(panels.length).toBeGreaterThan(10);
    // Without a 5xx there is nothing to divide: that panel alone may be empty on a healthy platform.
    const mayBeEmpty = (expr: string): boolean => expr.includes('http_response_status_code=~"5.."');
    let stillEmpty: string[] = [];
    await eventually(
      async () => {
        const answers = await Promise.all(
          panels.map(async (panel) => ({ ...panel, series: (await query(panel.expr)).length })),
        );
        stillEmpty = answers.filter((p) => p.series === 0 && !mayBeEmpty(p.expr)).map((p) => `${p.title}: ${p.expr}`);
        return stillEmpty.length === 0 ? true : undefined;
      },
      30_000,
      'every dashboard query answering with series (rates need two scrapes)',
    ).catch((error: Error) => {
      throw new Error(`${error.message}; still empty: ${stillEmpty.join('; ')}`);
    });
  });
});
