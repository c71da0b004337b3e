import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { type CatalogSyncRequest, type CatalogSyncKind } from '@nexara/contracts';
import { createEgress, createLogger, type Egress } from '@nexara/kit';
import {
  capabilityFor,
  PROVIDER_DEFINITIONS,
  providerDefinition,
  type ControlConnection,
  type ControlRequest,
  type Provider,
  type ProviderControl,
} from '@nexara/providers';
import { EVERY_CONTROL_ID } from '@nexara/providers/testing';
import { startWebhookPipeline, type WebhookPipeline } from '../testing/webhook-pipeline';
import { FakeCatalog, requeuedSync } from '../testing/catalog-double';
import { ControlTokens, runCatalogSync, type CatalogSyncDependencies } from './catalog-sync.task';

type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };
type Scripted = { status: number; body?: unknown; headers?: Record<string, string> };

/** A provider API that answers from a script per path (default 200 {}), and keeps what it received. */
async function fakeProvider() {
  const seen: Seen[] = [];
  const script = new Map<string, Scripted[]>();
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const path = (request.url ?? '').replace(/^\/api/, '');
      seen.push({ method: request.method ?? '', url: path, headers: request.headers, body });
      const next = script.get(`${request.method} ${path}`)?.shift() ?? { status: 200, body: {} };
      response.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      response.end(next.body === undefined ? '' : JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}/api`,
    seen,
    answer: (route: string, ...answers: Scripted[]) => script.set(route, answers),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('catalog_sync (real PostgreSQL queue, real HTTP through the egress policy)', () => {
  let pipeline: WebhookPipeline;
  let provider: Awaited<ReturnType<typeof fakeProvider>>;
  let egress: Egress;
  const catalog = new FakeCatalog();
  const tenantId = randomUUID();
  const connections = new Map<string, ControlConnection>();
  let deps: CatalogSyncDependencies;

  beforeAll(async () => {
    pipeline = await startWebhookPipeline();
    provider = await fakeProvider();
    egress = createEgress({ allow: `127.0.0.1:${provider.port}`, production: false });
    deps = {
      dataSource: pipeline.integrations.server.dataSource,
      directory: { findById: async (_tenant, id) => (connections.get(id) as never) ?? null },
      catalog,
      egress,
      logger: createLogger('catalog-sync-test', 'silent'),
      tokens: new ControlTokens(),
      lookups: new ControlTokens(),
      settings: { maxAttempts: 3, backoff: { baseMs: 20, maxMs: 100 }, random: () => 0.5 },
    };
  });
  afterAll(async () => {
    await egress?.close();
    await provider?.close();
    await pipeline?.close();
  });

  async function aConnection(name: Provider, overrides: Partial<ControlConnection> = {}): Promise<ControlConnection> {
    const made = await pipeline.connect(tenantId, name);
    const connection: ControlConnection = {
      id: made.id,
      tenantId,
      provider: name,
      currency: 'SAR',
      externalStoreId: 'B1',
      apiBaseUrl: provider.baseUrl,
      secrets: [made.secret],
      controlIds: {},
      ...overrides,
    };
    connections.set(made.id, connection);
    return connection;
  }

  function aJob(connection: ControlConnection, request: CatalogSyncRequest) {
    const jobId = randomUUID();
    catalog.jobs.set(jobId, { request, status: 'PENDING' });
    return {
      tenantId,
      jobId,
      connectionId: connection.id,
      provider: connection.provider,
      branchId: randomUUID(),
      kind: request.kind as CatalogSyncKind,
    };
  }

  /** The job queued again for `jobId`, as the worker would take it, with when it may run. */
  async function requeued(jobId: string): Promise<{ payload: Record<string, unknown>; inMs: number }> {
    return requeuedSync(pipeline.db, jobId);
  }

  /** As if the time a requeued run waits for had passed: the providers' intervals since the last send are over. */
  const sendSlotsPass = () =>
    pipeline.db.queryAsAdmin(`update integrations.control_sends set last_sent_at = last_sent_at - interval '1 hour'`);

  /** A provider offering `kind` (and whatever else `also` asks of its control), from the registry. */
  function offering(kind: CatalogSyncKind, also: (control: ProviderControl) => boolean = () => true): Provider {
    const found = PROVIDER_DEFINITIONS.find(
      (definition) => capabilityFor(definition.control, kind) && also(definition.control!),
    );
    if (!found) throw new Error(`no provider offers ${kind}`);
    return found.adapter.provider;
  }

  /** The calls the provider's capability makes for `request`, as `METHOD /path` routes of the fake. */
  function routesOf(connection: ControlConnection, request: ControlRequest): string[] {
    const capability = capabilityFor(providerDefinition(connection.provider).control, request.kind)!;
    const context = { token: 'tok-9', jobId: 'routes', now: new Date() };
    return capability
      .build(request as never, connection, context)
      .map((call) => `${call.method} ${call.url.slice(provider.baseUrl.length)}`);
  }

  const closed = { kind: 'STORE_STATUS', status: 'CLOSED', until: null, reason: null } as const;

  it('sends a store status through the egress policy, and records APPLIED with the call and its answer', async () => {
    const connection = await aConnection(offering('STORE_STATUS', (control) => !control.token));
    const [route] = routesOf(connection, closed);
    provider.answer(route!, { status: 200, body: { ok: true } });
    const job = aJob(connection, closed);
    expect(await runCatalogSync(deps, job)).toBe('APPLIED');
    const call = provider.seen.at(-1)!;
    expect(`${call.method} ${call.url}`).toBe(route);
    expect(catalog.last(job.jobId)).toMatchObject({
      status: 'APPLIED',
      reason: null,
      attempts: 1,
      answer: {
        calls: [{ method: call.method, url: `${provider.baseUrl}${call.url}`, status: 200, answer: { ok: true } }],
      },
    });
    expect(catalog.last(job.jobId)!.answer).toMatchObject({ calls: [{ body: JSON.parse(call.body) }] });
  });

  it("waits out a 429's Retry-After (queued again for then, never sooner than the limit), then applies", async () => {
    const connection = await aConnection(offering('AVAILABILITY', (control) => !control.token));
    const request = {
      kind: 'AVAILABILITY',
      items: [{ itemId: 'i1', externalPosId: 'POS-11', state: 'SOLD_OUT', until: null }],
    } as const;
    const [route] = routesOf(connection, { ...request, items: [...request.items], optionItemIds: ['o1'] });
    provider.answer(route!, { status: 429, body: {}, headers: { 'retry-after': '3' } }, { status: 200, body: {} });
    const job = aJob(connection, { ...request, items: [...request.items] });
    expect(await runCatalogSync(deps, job)).toBe('RETRYING');
    expect(catalog.last(job.jobId)).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      reason: 'HTTP 429: rate limited; trying again in 3 s',
    });
    const again = await requeued(job.jobId);
    expect(again.inMs).toBeGreaterThan(2_000);
    expect(again.inMs).toBeLessThanOrEqual(3_000);
    await sendSlotsPass();
    expect(await runCatalogSync(deps, again.payload)).toBe('APPLIED');
    expect(catalog.last(job.jobId)).toMatchObject({ status: 'APPLIED', attempts: 2 });
  });

  it("ends FAILED with the provider's answer on a 400, and gives up after the attempts on 5xx", async () => {
    const connection = await aConnection(offering('STORE_STATUS', (control) => !control.token));
    const [route] = routesOf(connection, closed);
    provider.answer(route!, { status: 400, body: {} });
    const refused = aJob(connection, closed);
    expect(await runCatalogSync(deps, refused)).toBe('FAILED');
    expect(catalog.last(refused.jobId)).toMatchObject({
      status: 'FAILED',
      reason: expect.stringMatching(/^HTTP 400: /),
      attempts: 1,
    });

    provider.answer(route!, { status: 503 }, { status: 503 }, { status: 503 });
    const failing = aJob(connection, closed);
    let payload: unknown = failing;
    for (const expected of ['RETRYING', 'RETRYING', 'FAILED']) {
      await sendSlotsPass();
      expect(await runCatalogSync(deps, payload)).toBe(expected);
      if (expected === 'RETRYING') payload = (await requeued(failing.jobId)).payload;
    }
    expect(catalog.last(failing.jobId)).toMatchObject({ status: 'FAILED', attempts: 3 });
    expect(catalog.last(failing.jobId)!.reason).toMatch(/gave up after 3 calls/);
  });

  it('takes a token once, sends an accepted menu, asks for its result, and keeps the next menu to the limit', async () => {
    const name = offering('MENU', (control) => Boolean(control.token && control.menu?.confirm));
    const connection = await aConnection(name, {
      controlIds: EVERY_CONTROL_ID,
    });
    const control = providerDefinition(name).control!;
    provider.answer(`POST ${control.token!.call(connection).url.slice(provider.baseUrl.length)}`, {
      status: 200,
      body: { access_token: 'tok-9', expires_in: 300 },
    });
    const job = aJob(connection, { kind: 'MENU', menuId: 'm1', menuVersion: 1 });
    expect(await runCatalogSync(deps, job)).toBe('WAITING');
    expect(catalog.last(job.jobId)).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(provider.seen.at(-1)!.headers.authorization).toBe('Bearer tok-9');
    // Asked while the provider has no result yet: asked again later, still PENDING.
    const confirmation = await requeued(job.jobId);
    expect(confirmation.payload).toMatchObject({ phase: 'confirm' });
    expect(await runCatalogSync(deps, confirmation.payload)).toBe('WAITING');
    expect((await requeued(job.jobId)).payload).toMatchObject({ phase: 'confirm', confirmations: 1 });
    expect(provider.seen.filter((seen) => seen.body.includes('grant_type'))).toHaveLength(1);

    const next = aJob(connection, { kind: 'MENU', menuId: 'm1', menuVersion: 2 });
    expect(await runCatalogSync(deps, next)).toBe('WAITING');
    const later = await requeued(next.jobId);
    expect(later.inMs).toBeGreaterThan(control.menu!.minIntervalMs - 10_000);
    expect(catalog.last(next.jobId)).toBeUndefined();
  });

  it("reads what a capability needs first (its lookup) once, builds from it, and fails when the provider's answer forbids the change", async () => {
    const name = offering('STORE_STATUS', (control) => Boolean(control.token && control.storeStatus?.lookup));
    const connection = await aConnection(name, { controlIds: EVERY_CONTROL_ID });
    const control = providerDefinition(name).control!;
    const granted = { status: 200, body: { access_token: 'tok-lookup', expires_in: 300 } };
    provider.answer(`POST ${control.token!.call(connection).url.slice(provider.baseUrl.length)}`, granted, granted);
    const context = { token: 'tok-lookup', jobId: 'j', now: new Date() };
    const lookupRoute = (() => {
      const call = control.storeStatus!.lookup!.call(connection, context);
      return `${call.method} ${call.url.slice(provider.baseUrl.length)}`;
    })();
    const entry = {
      platformKey: 'PK',
      platformRestaurantId: '1',
      changeable: true,
      closingReasons: ['TOO_MANY_ORDERS'],
      closingMinutes: [45],
    };
    provider.answer(lookupRoute, { status: 200, body: [entry] });
    const pause = {
      kind: 'STORE_STATUS' as const,
      status: 'PAUSED' as const,
      until: new Date(Date.now() + 20 * 60_000).toISOString(),
      reason: 'rush',
    };
    const first = aJob(connection, pause);
    expect(await runCatalogSync(deps, first)).toBe('APPLIED');
    expect(JSON.parse(provider.seen.at(-1)!.body)).toMatchObject({
      closingMinutes: 45,
      closedReason: 'TOO_MANY_ORDERS',
    });
    await sendSlotsPass();
    expect(await runCatalogSync(deps, aJob(connection, pause))).toBe('APPLIED');
    expect(provider.seen.filter((seen) => `${seen.method} ${seen.url}` === lookupRoute)).toHaveLength(1);

    // A vendor the provider does not let change: FAILED saying so, nothing sent.
    const locked = await aConnection(name, { controlIds: EVERY_CONTROL_ID });
    provider.answer(lookupRoute, { status: 200, body: [{ ...entry, changeable: false }] });
    const sent = provider.seen.length;
    const refused = aJob(locked, pause);
    expect(await runCatalogSync(deps, refused)).toBe('FAILED');
    expect(catalog.last(refused.jobId)!.reason).toMatch(/does not let this vendor's availability on PK be changed/);
    expect(provider.seen.slice(sent).map((seen) => seen.method)).not.toContain('PUT');
  });

  it('refuses a provider address the egress policy does not allow, FAILED without retrying', async () => {
    const connection = await aConnection(
      offering('BUSY_MODE', (control) => !control.token),
      {
        apiBaseUrl: 'http://169.254.169.254/latest',
      },
    );
    const job = aJob(connection, { kind: 'BUSY_MODE', prepMinutes: 30, until: null });
    expect(await runCatalogSync(deps, job)).toBe('FAILED');
    expect(catalog.last(job.jobId)!.reason).toMatch(/^refused by the egress policy: /);
  });

  it('fails a kind the provider has no capability for, and skips a job that has ended', async () => {
    const without = PROVIDER_DEFINITIONS.find((definition) => !capabilityFor(definition.control, 'OPENING_HOURS'));
    const connection = await aConnection(without?.adapter.provider ?? offering('OPENING_HOURS'));
    const job = aJob(connection, { kind: 'OPENING_HOURS', periods: [] });
    if (without) {
      expect(await runCatalogSync(deps, job)).toBe('FAILED');
      expect(catalog.last(job.jobId)!.reason).toBe(`${connection.provider} has no OPENING_HOURS capability in Nexara.`);
    } else {
      catalog.jobs.get(job.jobId)!.status = 'APPLIED';
    }
    expect(await runCatalogSync(deps, job)).toBe('SKIPPED');
  });
});
