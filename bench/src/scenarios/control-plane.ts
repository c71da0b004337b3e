import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { currencyExponent } from '@nexara/kit';
import { PROVIDER_DEFINITIONS } from '@nexara/providers';
import type { RecordedCallback } from '@nexara/simulator';
import { DEMO_TENANTS, generatedMenu, importMenuInput, seedDemoMenus } from '@nexara/stack';
import type { Client } from 'graphql-ws';
import { SIMULATED_RESULT_DELAY_MS, type BenchStack } from '../stack/bench-stack';
import { peakRss } from '../stack/peak-rss';
import { signIn } from '../stack/sign-in';
import { ratio, round, summarizeLatencies, type LatencySummary } from '../stats';
import { connect } from './live-stream';

export type ControlPlaneSettings = {
  /** Measured availability changes (SOLD_OUT, AVAILABLE, ...), after one warm-up pair. */
  toggles: number;
  /** Items of the published menu, modifier options included. */
  menuItems: number;
  /** How long the menu's jobs may take to end, seconds. */
  menuLimitSeconds: number;
  /** Once only jobs waiting for a provider's result webhook are left, how much longer they are given, seconds. */
  resultWebhookGraceSeconds: number;
};

export type ControlPlaneResult = {
  /** When this scenario ran, and the machine's load average then (1, 5, 15 minutes): the run may be merged into an older file. */
  measuredAt: string;
  loadAverage: number[];
  quick: boolean;
  /**
   * The tenant's connections, one per registered provider. Providers are named by their place in the registry
   * (`providerIndex`, packages/providers/src/registry.ts): a results file names no provider
   * (packages/stack/src/provider-names.spec.ts); BENCHMARKS.md shows the names.
   */
  connections: { provider: number; id: string }[];
  toggle: {
    toggles: number;
    /** Between toggles: the longest availability interval of any provider, so no job waits for a provider's rate limit. */
    pacingMs: number;
    /** From the mutation's answer to the last connection's job announced APPLIED (catalogSyncChanged). */
    toApplied: LatencySummary;
    /** The same, each provider's job alone (which provider the slowest toggles waited for). */
    byProvider: { provider: number; toApplied: LatencySummary }[];
    /** The setItemAvailability mutation's own round trip through the gateway. */
    mutation: LatencySummary;
    /** The same provider calls (as the simulator recorded them) sent bare over HTTP, all providers in parallel. */
    baseline: LatencySummary;
    p95Ratio: number | null;
    /** Bare calls the simulator did not answer 2xx (none expected: they are copies of calls it accepted). */
    baselineRefused: number;
  };
  menuPublish: {
    items: number;
    /** From publishMenu's answer to each connection's job ending; null while it is pending. */
    providers: { provider: number; status: string; seconds: number | null; calls: number; reason: string | null }[];
    /** Until every job that ended ended (all APPLIED when `pending` is empty). */
    seconds: number;
    /** Providers whose job is still PENDING when the wait ended (its result webhook never came). */
    pending: number[];
    /** The simulator's delay before it sends a provider's asynchronous result: part of the time, not of the baseline. */
    resultDelayMs: number;
    /** The same uploads (every call but the result polls, as recorded) sent bare, per provider in order, providers in parallel. */
    baselineSeconds: number;
    baselineCalls: number;
    baselineRefused: number;
    ratio: number | null;
  };
  /** Every job queued in the scenario, from the catalog's sync_jobs and the subscription. */
  exactlyOnce: {
    jobs: number;
    applied: number;
    failed: number;
    pending: number;
    /**
     * Jobs seen APPLIED in more than one announcement: the gateway re-reads a job for each bus event, so a
     * PENDING event read after the job was applied shows APPLIED too. Not a fault; the provider's side is `duplicateCalls`.
     */
    announcedTwice: number;
    /** Calls a provider received twice with the same method, path and body within one change (result polls aside). */
    duplicateCalls: number;
    /** Jobs that needed more than one call per step (retries). */
    retried: number;
    ok: boolean;
  };
  peakRssMiB: Record<string, number>;
};

type Job = { id: string; status: string; reason: string | null; provider: string };

const JOB_FIELDS = 'id status reason provider';
const SYNC_CHANGED = `subscription ($branchId: ID) { catalogSyncChanged(branchId: $branchId) { ${JOB_FIELDS} } }`;
const ENDED = new Set(['APPLIED', 'FAILED']);
/** The worker's reason on a job whose result only the provider's webhook brings (docs/control-plane.md, "Execution"). */
const AWAITS_WEBHOOK = /result webhook/i;

/**
 * The control plane's two figures of issue 13 (docs/control-plane.md,
 * "Figures"): an item toggled SOLD_OUT and back, from the mutation's answer
 * until every connection's job is APPLIED at the provider (the simulator's
 * control APIs), and a 500-item menu published to every connection of the
 * tenant; each next to the same provider calls sent bare. One tenant, one
 * connection per registered provider, its menu imported through importMenu.
 */
export async function benchControlPlane(
  stack: BenchStack,
  settings: ControlPlaneSettings & { quick: boolean },
  log: (line: string) => void,
): Promise<ControlPlaneResult> {
  await stack.startWorker();
  const tenant = stack.seed.tenants.find((t) => t.slug === 'demo-bistro')!;
  const demo = DEMO_TENANTS.find((t) => t.slug === tenant.slug)!;
  const api = stack.providerApi;
  // The provider ids every connection's control calls need, and the demo menu, as npm start sets them.
  const [seeded] = await seedDemoMenus({
    urls: { integrations: `${stack.urls.integrations}/graphql`, catalog: `${stack.urls.catalog}/graphql` },
    internalTokenSecret: stack.secrets.internalTokenSecret,
    tenants: [{ tenantId: tenant.tenantId, slug: tenant.slug }],
    publish: false,
  });
  const token = await signIn(stack, tenant.ownerEmail);
  const gql = graphql(stack.urls.gateway, token);

  const { connections } = await gql<{ connections: { id: string; provider: string; branch: { id: string } }[] }>(
    '{ connections { id provider branch { id } } }',
  );
  const branchId = tenant.branchId;
  const mine = connections.filter((c) => c.branch.id === branchId);
  const registered = PROVIDER_DEFINITIONS.map((d) => d.identity.code as string);
  const missing = registered.filter((p) => !mine.some((c) => c.provider === p));
  if (missing.length) throw new Error(`${tenant.slug} has no connection for ${missing.join(', ')}`);

  const { menu } = await gql<{ menu: { items: { id: string }[] } }>(
    'query ($id: ID!) { menu(id: $id) { items { id } } }',
    {
      id: seeded!.menuId,
    },
  );
  const itemId = menu.items[0]!.id;
  const pacingMs = Math.max(0, ...PROVIDER_DEFINITIONS.map((d) => d.control?.availability?.minIntervalMs ?? 0));

  const watch = await watchJobs(stack.urls.gateway, token, branchId);
  const queued: Job[] = [];
  try {
    // 1. The 86 toggle.
    const toggleOnce = async (state: 'SOLD_OUT' | 'AVAILABLE', timeoutMs = 60_000) => {
      const before = api.recorded().length;
      const sent = performance.now();
      const { setItemAvailability: jobs } = await gql<{ setItemAvailability: Job[] }>(
        `mutation ($input: SetItemAvailabilityInput!) { setItemAvailability(input: $input) { ${JOB_FIELDS} } }`,
        { input: { branchId, itemIds: [itemId], state } },
      );
      const answered = performance.now();
      queued.push(...jobs);
      if (jobs.length !== mine.length)
        throw new Error(`${jobs.length} availability jobs for ${mine.length} connections`);
      await watch.until(() => jobs.every((job) => watch.ended(job.id)), timeoutMs, `${state} applied everywhere`);
      const notApplied = jobs.filter((job) => watch.last(job.id)?.status !== 'APPLIED');
      if (notApplied.length)
        throw new Error(
          `not applied: ${notApplied.map((j) => `${j.provider} ${watch.last(j.id)?.reason}`).join('; ')}`,
        );
      const applied = Math.max(...jobs.map((job) => watch.appliedAt(job.id)!));
      const calls = controlCalls(api.recorded().slice(before));
      const byProvider = jobs.map((job) => ({ provider: job.provider, ms: watch.appliedAt(job.id)! - answered }));
      return { mutationMs: answered - sent, toAppliedMs: applied - answered, calls, byProvider };
    };
    const pause = () => new Promise((resolve) => setTimeout(resolve, pacingMs));

    // Warm-up (tokens, plans, connections) until a pair is seen through: the gateway registers the
    // subscription asynchronously, so the first announcements may go by before it listens.
    for (let attempt = 1; ; attempt += 1) {
      try {
        for (const state of ['SOLD_OUT', 'AVAILABLE'] as const) {
          await toggleOnce(state, 15_000);
          await pause();
        }
        break;
      } catch (error) {
        if (attempt === 5) throw error;
        await pause();
      }
    }
    const toApplied: number[] = [];
    const mutation: number[] = [];
    const baseline: number[] = [];
    const perProvider = new Map<string, number[]>();
    let baselineRefused = 0;
    let duplicateCalls = 0;
    for (let i = 0; i < settings.toggles; i += 1) {
      const run = await toggleOnce(i % 2 === 0 ? 'SOLD_OUT' : 'AVAILABLE');
      toApplied.push(run.toAppliedMs);
      mutation.push(run.mutationMs);
      for (const { provider, ms } of run.byProvider)
        perProvider.set(provider, [...(perProvider.get(provider) ?? []), ms]);
      duplicateCalls += duplicates(run.calls);
      const bare = await sendBare(api.url, run.calls);
      baseline.push(bare.ms);
      baselineRefused += bare.refused;
      await pause();
    }
    const toggle = {
      toggles: settings.toggles,
      pacingMs,
      toApplied: summarizeLatencies(toApplied),
      byProvider: [...perProvider].map(([provider, values]) => ({
        provider: providerIndex(provider),
        toApplied: summarizeLatencies(values),
      })),
      mutation: summarizeLatencies(mutation),
      baseline: summarizeLatencies(baseline),
      p95Ratio: null as number | null,
      baselineRefused,
    };
    toggle.p95Ratio = ratio(toggle.toApplied.p95, toggle.baseline.p95);
    log(
      `control toggle: to APPLIED p50 ${toggle.toApplied.median} ms, p95 ${toggle.toApplied.p95} ms; bare p95 ${toggle.baseline.p95} ms (${settings.toggles} toggles)`,
    );

    // 2. A big menu published to every connection.
    const generated = generatedMenu(settings.menuItems, currencyExponent(demo.currency));
    const { importMenu } = await gql<{ importMenu: { id: string } }>(
      'mutation ($input: ImportMenuInput!) { importMenu(input: $input) { id } }',
      { input: importMenuInput(generated, demo.currency, [branchId]) },
    );
    const before = api.recorded().length;
    const { publishMenu: jobs } = await gql<{ publishMenu: Job[] }>(
      `mutation ($menuId: ID!) { publishMenu(menuId: $menuId) { ${JOB_FIELDS} } }`,
      { menuId: importMenu.id },
    );
    const answered = performance.now();
    queued.push(...jobs);
    const endedOrAwaiting = () =>
      jobs.every((job) => watch.ended(job.id) || AWAITS_WEBHOOK.test(watch.last(job.id)?.reason ?? ''));
    await watch.until(endedOrAwaiting, settings.menuLimitSeconds * 1000, 'menu jobs ended').catch(log);
    if (!jobs.every((job) => watch.ended(job.id))) {
      // A provider whose result only its webhook brings: picked up here once that webhook is built.
      await watch
        .until(() => jobs.every((job) => watch.ended(job.id)), settings.resultWebhookGraceSeconds * 1000, 'results')
        .catch(() => undefined);
    }
    const menuCalls = controlCalls(api.recorded().slice(before));
    const providers = jobs.map((job) => {
      const last = watch.last(job.id);
      const endedAt = watch.endedAt(job.id);
      return {
        provider: providerIndex(job.provider),
        status: last?.status ?? job.status,
        seconds: endedAt === null ? null : round((endedAt - answered) / 1000, 2),
        calls: menuCalls.filter((call) => call.provider?.toUpperCase() === job.provider.toUpperCase()).length,
        reason: last?.reason ?? null,
      };
    });
    const ended = providers.filter((p) => p.seconds !== null);
    const uploads = menuCalls.filter((call) => call.method !== 'GET');
    const bare = await sendBare(api.url, uploads);
    const seconds = ended.length ? Math.max(...ended.map((p) => p.seconds!)) : 0;
    const menuPublish = {
      items: settings.menuItems,
      providers,
      seconds,
      pending: providers.filter((p) => p.status === 'PENDING').map((p) => p.provider),
      resultDelayMs: SIMULATED_RESULT_DELAY_MS,
      baselineSeconds: round(bare.ms / 1000, 3),
      baselineCalls: uploads.length,
      baselineRefused: bare.refused,
      ratio: ratio(seconds, bare.ms / 1000),
    };
    log(
      `control menu: ${settings.menuItems} items to ${jobs.length} connections in ${seconds} s` +
        ` (${providers.map((p) => `${providerName(p.provider)} ${p.status} ${p.seconds ?? '-'} s`).join(', ')}); bare ${menuPublish.baselineSeconds} s`,
    );

    return {
      measuredAt: new Date().toISOString(),
      loadAverage: os.loadavg().map((value) => round(value, 2)),
      quick: settings.quick,
      connections: mine.map((c) => ({ provider: providerIndex(c.provider), id: c.id })),
      toggle,
      menuPublish,
      exactlyOnce: await exactlyOnce(stack, queued, watch, duplicateCalls + duplicates(uploads)),
      peakRssMiB: peakRss(stack),
    };
  } finally {
    await watch.close();
  }
}

/** A provider's place in the registry, as results name it. */
export function providerIndex(code: string): number {
  const index = PROVIDER_DEFINITIONS.findIndex((definition) => definition.identity.code === code);
  if (index < 0) throw new Error(`"${code}" is not a registered provider`);
  return index;
}

/** The name of the provider at `index` in the registry. */
export function providerName(index: number): string {
  return PROVIDER_DEFINITIONS[index]?.identity.name ?? `provider #${index}`;
}

/** The control calls among what the simulator received (not its own endpoints, not order callbacks' unknown paths). */
function controlCalls(records: RecordedCallback[]): RecordedCallback[] {
  return records.filter((record) => record.provider !== null && record.route !== null);
}

/**
 * Sends recorded calls again, bare: plain fetch, each provider's calls in the
 * order they were made, providers in parallel. Milliseconds until the last
 * answer, and how many were not 2xx.
 */
async function sendBare(baseUrl: string, calls: RecordedCallback[]): Promise<{ ms: number; refused: number }> {
  const byProvider = new Map<string, RecordedCallback[]>();
  for (const call of calls) byProvider.set(call.provider!, [...(byProvider.get(call.provider!) ?? []), call]);
  let refused = 0;
  const started = performance.now();
  await Promise.all(
    [...byProvider.values()].map(async (own) => {
      for (const call of own) {
        const headers = Object.fromEntries(
          Object.entries(call.headers)
            .filter(([name]) => !HOP_HEADERS.has(name))
            .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
        );
        const response = await fetch(`${baseUrl}${call.path}`, {
          method: call.method,
          headers,
          body: call.method === 'GET' || call.method === 'HEAD' ? undefined : call.rawBody,
        });
        await response.arrayBuffer();
        if (response.status < 200 || response.status > 299) refused += 1;
      }
    }),
  );
  return { ms: performance.now() - started, refused };
}

/** Calls repeated with the same provider, method, path and body (GETs aside: result polls repeat by design). */
function duplicates(calls: RecordedCallback[]): number {
  const seen = new Set<string>();
  let repeated = 0;
  for (const call of calls.filter((c) => c.method !== 'GET')) {
    const key = `${call.provider} ${call.method} ${call.path} ${call.rawBody}`;
    if (seen.has(key)) repeated += 1;
    seen.add(key);
  }
  return repeated;
}

const HOP_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

/** Every job of the run ended APPLIED (or is a pending webhook result), announced once, from the catalog's own rows. */
async function exactlyOnce(
  stack: BenchStack,
  jobs: Job[],
  watch: JobWatch,
  duplicateCalls: number,
): Promise<ControlPlaneResult['exactlyOnce']> {
  const rows = await stack.withDatabase(async (client) => {
    const { rows } = await client.query<{ id: string; status: string; attempts: number; kind: string }>(
      'select id, status, attempts, kind from catalog.sync_jobs where id = any($1::uuid[])',
      [jobs.map((job) => job.id)],
    );
    return rows;
  });
  const count = (status: string): number => rows.filter((row) => row.status === status).length;
  const announcedTwice = jobs.filter((job) => watch.appliedCount(job.id) > 1).length;
  // An availability job is one call; a menu job's calls are its uploads and result polls, counted as one attempt each step.
  const retried = rows.filter((row) => row.kind === 'AVAILABILITY' && row.attempts > 1).length;
  const result = {
    jobs: jobs.length,
    applied: count('APPLIED'),
    failed: count('FAILED'),
    pending: count('PENDING'),
    announcedTwice,
    duplicateCalls,
    retried,
  };
  return {
    ...result,
    ok:
      rows.length === jobs.length &&
      result.failed === 0 &&
      result.applied + result.pending === jobs.length &&
      duplicateCalls === 0 &&
      jobs.every(
        (job) =>
          (watch.last(job.id)?.status === 'APPLIED') === (rows.find((r) => r.id === job.id)?.status === 'APPLIED'),
      ),
  };
}

/** A GraphQL client of the gateway as a signed-in user. */
function graphql(gatewayUrl: string, token: string) {
  return async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${JSON.stringify(body.errors ?? body)}`);
    return body.data;
  };
}

type JobWatch = {
  last: (id: string) => { status: string; reason: string | null } | undefined;
  ended: (id: string) => boolean;
  /** performance.now() of the first APPLIED announcement. */
  appliedAt: (id: string) => number | null;
  endedAt: (id: string) => number | null;
  appliedCount: (id: string) => number;
  until: (condition: () => boolean, timeoutMs: number, what: string) => Promise<void>;
  close: () => Promise<void>;
};

/** catalogSyncChanged for one branch through the gateway, every announcement kept with its arrival time. */
async function watchJobs(gatewayUrl: string, token: string, branchId: string): Promise<JobWatch> {
  const seen = new Map<string, { status: string; reason: string | null; at: number }[]>();
  const waiters = new Set<() => void>();
  const socket: Client = await connect(gatewayUrl, token);
  let failure: unknown = null;
  const dispose = socket.subscribe<{ catalogSyncChanged: Job }>(
    { query: SYNC_CHANGED, variables: { branchId } },
    {
      next: (result) => {
        const job = result.data?.catalogSyncChanged;
        if (!job) return;
        seen.set(job.id, [
          ...(seen.get(job.id) ?? []),
          { status: job.status, reason: job.reason, at: performance.now() },
        ]);
        for (const wake of waiters) wake();
      },
      error: (error) => {
        failure = error;
        for (const wake of waiters) wake();
      },
      complete: () => undefined,
    },
  );
  const first = (id: string, status?: string): number | null =>
    seen.get(id)?.find((entry) => (status ? entry.status === status : ENDED.has(entry.status)))?.at ?? null;
  return {
    last: (id) => seen.get(id)?.at(-1),
    ended: (id) => ENDED.has(seen.get(id)?.at(-1)?.status ?? ''),
    appliedAt: (id) => first(id, 'APPLIED'),
    endedAt: (id) => first(id),
    appliedCount: (id) => seen.get(id)?.filter((entry) => entry.status === 'APPLIED').length ?? 0,
    until: (condition, timeoutMs, what) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (failure) finish(new Error(`catalogSyncChanged failed: ${JSON.stringify(failure)}`));
          else if (condition()) finish();
        };
        const finish = (error?: Error): void => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error) reject(error);
          else resolve();
        };
        const timer = setTimeout(() => finish(new Error(`${what}: not within ${timeoutMs} ms`)), timeoutMs);
        waiters.add(check);
        check();
      }),
    close: async () => {
      dispose();
      await socket.dispose();
    },
  };
}
