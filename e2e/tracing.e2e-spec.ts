import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePorts } from '@nexara/kit';
import { buildWebhook, sendWebhook } from '@nexara/simulator';
import {
  REPO_ROOT,
  SERVICE_ENTRY_POINTS,
  postGraphQL,
  seedDemo,
  serviceEnvironments,
  waitForReady,
  type SeedResult,
} from '@nexara/stack';
import { createTestDatabase, eventually, testSecrets, type TestDatabase } from '@nexara/test-support';
import { supervise, tail, type Supervisor } from './faults/support/supervisor';

/**
 * OpenTelemetry traces across the real services: every service its own
 * process (the instrumentations hook `http` and `pg` as Node loads them,
 * which an in-process platform under jest would bypass), exporting OTLP/HTTP
 * JSON to a collector this test runs on loopback. One trace follows a signed
 * webhook from the shim through the inbox, the job and the worker into the
 * orders subgraph and PostgreSQL, and over the event bus back to the
 * gateway's subscriptions; a GraphQL request continues the caller's
 * `traceparent`; a masked error quotes its trace id (docs/operations.md, "Traces").
 */
jest.setTimeout(180_000);

type AnyValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean };
type ExportedSpan = {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  attributes: Record<string, string | number | boolean | undefined>;
};
type ExportRequest = {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: AnyValue }[] };
    scopeSpans?: {
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        attributes?: { key: string; value: AnyValue }[];
      }[];
    }[];
  }[];
};

const valueOf = (value: AnyValue): string | number | boolean | undefined =>
  value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : value.boolValue);
const attributesOf = (list: { key: string; value: AnyValue }[] = []) =>
  Object.fromEntries(list.map(({ key, value }) => [key, valueOf(value)]));

/** A minimal OTLP/HTTP collector: decodes every JSON export it is sent and keeps the spans. */
async function startCollector(): Promise<{ url: string; spans: ExportedSpan[]; close: () => Promise<void> }> {
  const spans: ExportedSpan[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url !== '/v1/traces' || !/json/.test(request.headers['content-type'] ?? '')) {
        response.writeHead(415).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ExportRequest;
      for (const resourceSpans of body.resourceSpans ?? []) {
        const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
        for (const scope of resourceSpans.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            spans.push({
              service,
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId ?? '',
              name: span.name,
              attributes: attributesOf(span.attributes),
            });
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let collector: Awaited<ReturnType<typeof startCollector>>;
let database: TestDatabase;
let supervisor: Supervisor;
let logDir: string;
let gatewayUrl: string;
let brokenGatewayUrl: string;
let seed: SeedResult;

beforeAll(async () => {
  collector = await startCollector();
  database = await createTestDatabase();
  const [tenants, orders, integrations, gateway, worker, brokenGateway, catalog] = await freePorts(7);
  gatewayUrl = `http://127.0.0.1:${gateway}`;
  brokenGatewayUrl = `http://127.0.0.1:${brokenGateway}`;
  const envs = serviceEnvironments({
    database,
    secrets: testSecrets,
    ports: {
      tenants: tenants!,
      orders: orders!,
      integrations: integrations!,
      catalog: catalog!,
      gateway: gateway!,
      worker: worker!,
    },
    publicUrl: gatewayUrl,
    egressAllow: '127.0.0.1:9',
    nodeEnv: 'test',
    logLevel: 'info',
    // Exports every 100 ms rather than every 5 s, so spans arrive while the test waits for them.
    otel: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: '100' },
  });
  logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexara-tracing-'));
  supervisor = supervise(
    {
      tenants: { script: SERVICE_ENTRY_POINTS.tenants, env: envs.tenants },
      orders: { script: SERVICE_ENTRY_POINTS.orders, env: envs.orders },
      integrations: { script: SERVICE_ENTRY_POINTS.integrations, env: envs.integrations },
      catalog: { script: SERVICE_ENTRY_POINTS.catalog, env: envs.catalog },
      worker: { script: SERVICE_ENTRY_POINTS.worker, env: envs.worker },
      gateway: { script: SERVICE_ENTRY_POINTS.gateway, env: envs.gateway },
      // A production gateway whose integrations subgraph is unreachable: its errors are masked.
      'broken-gateway': {
        script: SERVICE_ENTRY_POINTS.gateway,
        env: {
          ...envs.gateway,
          PORT: String(brokenGateway),
          NODE_ENV: 'production',
          INTEGRATIONS_URL: 'http://127.0.0.1:9/graphql',
        },
      },
    },
    { cwd: REPO_ROOT, logDir },
  );
  // The broken gateway is alive but never ready (a subgraph is unreachable).
  await Promise.all([
    waitForReady(`${gatewayUrl}/readyz`),
    waitForReady(`http://127.0.0.1:${worker}/readyz`),
    waitForReady(`${brokenGatewayUrl}/healthz`),
  ]);
  seed = await seedDemo({
    urls: {
      tenants: `http://127.0.0.1:${tenants}/graphql`,
      orders: `http://127.0.0.1:${orders}/graphql`,
      integrations: `http://127.0.0.1:${integrations}/graphql`,
    },
    internalTokenSecret: testSecrets.internalTokenSecret,
    providerApiBaseUrl: 'http://127.0.0.1:9',
    ordersPerTenant: 0,
  });
});

afterAll(async () => {
  await supervisor?.stop();
  await collector?.close();
  await database?.drop();
  if (logDir) fs.rmSync(logDir, { recursive: true, force: true });
});

function logsOf(): string {
  return Object.values(supervisor.services)
    .map((service) => `--- ${service.name}\n${tail(service.logFile, 15)}`)
    .join('\n');
}

/** Waits until `check` holds for the spans exported so far; says what was missing and what arrived. */
async function spansWhere(check: (spans: ExportedSpan[]) => boolean, what: string): Promise<void> {
  try {
    await eventually(async () => (check(collector.spans) ? true : undefined), 30_000, what);
  } catch (error) {
    const seen = collector.spans.map((s) => `${s.service} ${s.name} ${s.traceId}`).join('\n');
    throw new Error(`${String(error)}\nspans:\n${seen}\nlogs:\n${logsOf()}`);
  }
}

const isPg = (span: ExportedSpan): boolean =>
  span.attributes['db.system'] === 'postgresql' || span.attributes['db.system.name'] === 'postgresql';
const pathOf = (span: ExportedSpan): string =>
  String(span.attributes['url.path'] ?? span.attributes['http.target'] ?? '');

async function signIn(): Promise<string> {
  const { login } = await postGraphQL<{ login: { token: string } }>(
    `${gatewayUrl}/graphql`,
    'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    { email: 'owner@demo-bistro.test', password: 'nexara-demo' },
  );
  return login.token;
}

it('follows one signed webhook in one trace: shim, inbox, job, worker, adapter, orders, PostgreSQL, event bus', async () => {
  const tenant = seed.tenants.find((t) => t.slug === 'demo-bistro')!;
  const connection = tenant.connections.find((c) => c.provider === 'CAREEM')!;
  const webhook = await buildWebhook(
    {
      provider: 'CAREEM',
      webhookUrl: connection.webhookUrl.replace(/^https?:\/\/[^/]+/, gatewayUrl),
      secret: connection.secret,
      externalStoreId: connection.externalStoreId,
      currency: 'SAR',
    },
    'new_order',
    { seed: 7 },
  );
  const answer = await sendWebhook(webhook);
  expect(answer.status).toBe(202);

  const shimSpan = (): ExportedSpan | undefined =>
    collector.spans.find((s) => s.service === 'gateway' && pathOf(s).startsWith(new URL(webhook.url).pathname));
  await spansWhere(() => shimSpan() !== undefined, 'the shim span');
  const traceId = shimSpan()!.traceId;
  const inTrace = (service: string, predicate: (span: ExportedSpan) => boolean = () => true) =>
    collector.spans.find((s) => s.traceId === traceId && s.service === service && predicate(s));

  await spansWhere(
    () =>
      ['integrations', 'integrations-worker', 'orders'].every((service) => inTrace(service)) &&
      inTrace('orders', isPg) !== undefined &&
      ['adapter.parse', 'webhook.events', 'process_webhook_event'].every(
        (name) => inTrace('integrations-worker', (s) => s.name === name) !== undefined,
      ),
    `the inbox, worker, adapter, orders and PostgreSQL spans in trace ${traceId}`,
  );
  // The job hop: the worker's span is a child of a span the inbox recorded as it stored the delivery.
  const job = inTrace('integrations-worker', (s) => s.name === 'process_webhook_event')!;
  const jobParent = collector.spans.find((s) => s.spanId === job.parentSpanId);
  expect(jobParent?.service).toBe('integrations');
  const tenantSpan = inTrace('integrations-worker', (s) => s.name === 'webhook.events')!;
  expect(tenantSpan.attributes['nexara.tenant_id']).toBe(tenant.tenantId);
  // The inbox's own write reached PostgreSQL inside the trace as well.
  expect(inTrace('integrations', isPg)).toBeDefined();
  // The new order's announcement on the event bus reached the gateway's subscriptions in the same trace.
  await spansWhere(
    () => inTrace('gateway', (s) => s.name === 'subscription.fan_out') !== undefined,
    `the gateway's subscription fan-out in trace ${traceId}`,
  );
});

it('continues an incoming traceparent through the gateway to the subgraphs and PostgreSQL', async () => {
  const token = await signIn();
  const traceId = randomBytes(16).toString('hex');
  const response = await fetch(`${gatewayUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
    },
    body: JSON.stringify({ query: '{ orders(first: 1) { totalCount } }' }),
  });
  expect(response.status).toBe(200);
  await spansWhere(
    (spans) =>
      ['gateway', 'orders'].every((service) => spans.some((s) => s.traceId === traceId && s.service === service)) &&
      spans.some((s) => s.traceId === traceId && s.service === 'orders' && isPg(s)),
    `gateway, orders and PostgreSQL spans in the caller's trace ${traceId}`,
  );
});

it('quotes the trace id in a masked error answer and on its log line', async () => {
  const token = await signIn();
  const traceId = randomBytes(16).toString('hex');
  const answer = (await (
    await fetch(`${brokenGatewayUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
      },
      body: JSON.stringify({ query: '{ connections { id } }' }),
    })
  ).json()) as { errors: { extensions: Record<string, unknown> }[] };
  expect(answer.errors[0]!.extensions).toEqual({
    code: 'INTERNAL_SERVER_ERROR',
    correlationId: expect.any(String),
    traceId,
  });
  const logged = (): string | undefined =>
    fs
      .readFileSync(supervisor.services['broken-gateway']!.logFile, 'utf8')
      .split('\n')
      .find((line) => line.includes(String(answer.errors[0]!.extensions['correlationId'])));
  await eventually(async () => logged(), 10_000, 'the masked error on the log');
  expect(JSON.parse(logged()!)).toMatchObject({ level: 'error', traceId });
});

it('loads no tracing SDK and installs no tracer when OTEL_EXPORTER_OTLP_ENDPOINT is unset', () => {
  const probe = `
    const { startTracing } = require('./packages/kit/dist/tracing.js');
    const { trace } = require('@opentelemetry/api');
    const started = startTracing('probe');
    const loaded = Object.keys(require.cache).filter((file) => /@opentelemetry\\/(sdk|exporter|instrumentation)/.test(file));
    const recording = trace.getTracer('probe').startSpan('probe').isRecording();
    process.stdout.write(JSON.stringify({ started, loaded, recording }));`;
  const run = (env: Record<string, string>) =>
    JSON.parse(
      execFileSync(process.execPath, ['-e', probe], {
        cwd: REPO_ROOT,
        env: { PATH: process.env['PATH'] ?? '', ...env },
        encoding: 'utf8',
      }),
    ) as { started: unknown; loaded: string[]; recording: boolean };
  expect(run({})).toEqual({ started: null, loaded: [], recording: false });
  // The same probe with an endpoint does load the SDK (so the check above can fail).
  const traced = run({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
  expect(traced.recording).toBe(true);
  expect(traced.loaded.length).toBeGreaterThan(0);
});
