import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  CONTEXT_TOKEN_HEADER,
  freePorts,
  signContextToken,
  signUserToken,
  verifyUserToken,
  type Identity,
} from '@nexara/kit';
import { REPO_ROOT, stopChild, waitForReady } from '@nexara/stack';
import { runLoad, type HttpRequest, type LoadRun } from '../load/http-load';
import { measureCpu, processCpuMs, processTreeCpuMs } from '../stack/cpu-usage';
import { spawnService, type BenchStack } from '../stack/bench-stack';
import { fetchMetricsText, metricSamples } from '../stack/metric-samples';
import { signIn } from '../stack/sign-in';
import { ratio, round } from '../stats';

export type GatewaySettings = {
  /** Concurrent connections of the throughput comparison (closed loop: as much as each path serves). */
  connections: number;
  warmUpSeconds: number;
  measureSeconds: number;
  /** Signed-in staff of the tenant the requests rotate over (no two requests in flight come from one user). */
  users: number;
};

/** A measured run and the CPU ms each process spent per request in it (Linux /proc). */
export type GatewayRun = LoadRun & { cpuMsPerRequest: Record<string, number> };
export type GatewayPaths = { connections: number; gateway: GatewayRun; direct: GatewayRun; hive: GatewayRun };

export type GatewayResult = {
  /** Closed loop at `connections` (the target's comparison), and one request at a time (nothing queues anywhere). */
  loaded: GatewayPaths;
  unloaded: GatewayPaths;
  /** Our gateway's p95 over the orders subgraph's, loaded (target <= 2) and unloaded. */
  p95Ratio: number | null;
  p95RatioUnloaded: number | null;
  /** Our gateway's requests/s over Hive Gateway's, loaded: same query, same subgraphs. */
  rpsOverHive: number | null;
  /** Query plan cache over the measured gateway run (and since the gateway started). */
  planCache: { hits: number; misses: number; hitRate: number | null; lifetimeHitRate: number | null };
};

/** The dashboard's orders page: fields of orders, plus the tenant's name (tenants) and the connection's (integrations). */
const DASHBOARD_ORDERS = `query DashboardOrders {
  orders(first: 25) {
    totalCount
    edges { node {
      id displayCode provider status placedAt acceptanceAtRisk
      total { amount currency }
      tenant { id name }
      connection { id name provider }
    } }
  }
}`;

/** The same page straight from the orders subgraph: its own fields; tenant and connection are references (ids) there. */
const ORDERS_ONLY = `query DashboardOrders {
  orders(first: 25) {
    totalCount
    edges { node {
      id displayCode provider status placedAt acceptanceAtRisk
      total { amount currency }
      tenant { id }
      connection { id }
    } }
  }
}`;

/** Which processes serve each path (the load generator is in all three). */
const PARTS: Record<'gateway' | 'direct' | 'hive', string[]> = {
  gateway: ['gateway', 'tenants', 'orders', 'integrations', 'postgres', 'loadGenerator'],
  direct: ['orders', 'postgres', 'loadGenerator'],
  hive: ['hive', 'tenants', 'orders', 'integrations', 'postgres', 'loadGenerator'],
};

type OrdersPage = { orders: { totalCount: number; edges: { node: { id: string } }[] } };

/**
 * The same federated query three ways, each as its own process: through our
 * gateway (user token; it authenticates, signs a context token, plans and
 * runs three subgraph fetches), straight at the orders subgraph (the part
 * of the data it owns, no gateway), and through Hive Gateway over the same
 * supergraph (a context token Hive forwards). Each: warm-up, then a
 * measured run at the same concurrency.
 */
export async function benchGatewayQuery(
  stack: BenchStack,
  settings: GatewaySettings,
  log: (line: string) => void,
): Promise<GatewayResult> {
  const users = await dashboardUsers(stack, settings.users);

  const [hivePort] = (await freePorts(1)) as [number];
  const hive = spawnService('hive-gateway', [path.join(__dirname, '..', 'hive', 'hive-gateway-server.js')], {
    NODE_ENV: 'production',
    PORT: String(hivePort),
    SUPERGRAPH_PATH: path.join(REPO_ROOT, 'gateway', 'schema', 'supergraph.graphql'),
    TENANTS_URL: `${stack.urls.tenants}/graphql`,
    ORDERS_URL: `${stack.urls.orders}/graphql`,
    INTEGRATIONS_URL: `${stack.urls.integrations}/graphql`,
  });
  const hiveOrigin = `http://127.0.0.1:${hivePort}`;
  try {
    await waitForReady(`${hiveOrigin}/healthcheck`);
    const requestsOf = (query: string, headers: (user: DashboardUser) => Record<string, string>): HttpRequest[] =>
      users.map((user) => graphqlRequest(query, headers(user)));
    const targets = {
      gateway: {
        origin: stack.urls.gateway,
        requests: requestsOf(DASHBOARD_ORDERS, (u) => ({ authorization: `Bearer ${u.userToken}` })),
      },
      direct: {
        origin: stack.urls.orders,
        requests: requestsOf(ORDERS_ONLY, (u) => ({ [CONTEXT_TOKEN_HEADER]: u.contextToken })),
      },
      hive: {
        origin: hiveOrigin,
        requests: requestsOf(DASHBOARD_ORDERS, (u) => ({ [CONTEXT_TOKEN_HEADER]: u.contextToken })),
      },
    };
    await checkSameAnswers(targets);

    const cpu = (pid: number | null | undefined) => (): number | null => processCpuMs(pid ?? -1);
    const processes = {
      ...Object.fromEntries(
        (['gateway', 'tenants', 'orders', 'integrations'] as const).map((name) => [name, cpu(stack.pidOf(name))]),
      ),
      hive: cpu(hive.pid),
      postgres: () => (stack.postgresPid ? processTreeCpuMs(stack.postgresPid) : null),
      loadGenerator: () => (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    };
    const measure = async (name: keyof typeof targets, connections: number): Promise<GatewayRun> => {
      const { origin, requests } = targets[name];
      let next = 0;
      const request = (): HttpRequest => requests[next++ % requests.length]!;
      const load = { origin, connections, request };
      await runLoad({ ...load, durationSeconds: settings.warmUpSeconds });
      const { result: run, cpuMs } = await measureCpu(processes, () =>
        runLoad({ ...load, durationSeconds: settings.measureSeconds }),
      );
      // Only the processes that took part: idle ones would show clock-tick noise.
      const cpuMsPerRequest = Object.fromEntries(
        Object.entries(cpuMs)
          .filter(([process]) => PARTS[name].includes(process))
          .map(([process, ms]) => [process, round(ms / Math.max(1, run.responses), 3)]),
      );
      log(
        `${name} c=${connections}: ${run.perSecond}/s, p95 ${run.latency.p95} ms, p99 ${run.latency.p99} ms, ` +
          `${JSON.stringify(run.statuses)}, CPU ms per request ${JSON.stringify(cpuMsPerRequest)}`,
      );
      return { ...run, cpuMsPerRequest };
    };
    const unloaded = {
      connections: 1,
      direct: await measure('direct', 1),
      gateway: await measure('gateway', 1),
      hive: await measure('hive', 1),
    };
    // The plan cache is counted over the loaded runs of our gateway, the busiest.
    const c = settings.connections;
    const direct = await measure('direct', c);
    const before = await planCacheCounters(stack.urls.gateway);
    const loaded = { connections: c, direct, gateway: await measure('gateway', c), hive: await measure('hive', c) };
    const after = await planCacheCounters(stack.urls.gateway);

    // The gateway's warm-up is inside the window: it runs the same one operation, so it misses only if the plan was evicted.
    const hits = after.hits - before.hits;
    const misses = after.misses - before.misses;
    return {
      loaded,
      unloaded,
      p95Ratio: ratio(loaded.gateway.latency.p95, loaded.direct.latency.p95),
      p95RatioUnloaded: ratio(unloaded.gateway.latency.p95, unloaded.direct.latency.p95),
      rpsOverHive: ratio(loaded.gateway.perSecond, loaded.hive.perSecond),
      planCache: {
        hits,
        misses,
        hitRate: hits + misses > 0 ? round(hits / (hits + misses), 5) : null,
        lifetimeHitRate: after.hits + after.misses > 0 ? round(after.hits / (after.hits + after.misses), 5) : null,
      },
    };
  } finally {
    await stopChild(hive);
  }
}

function graphqlRequest(query: string, headers: Record<string, string>): HttpRequest {
  return {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, operationName: 'DashboardOrders' }),
  };
}

type DashboardUser = { userToken: string; contextToken: string };

/**
 * The demo tenant's owner and more signed-in staff of the same tenant and
 * role: each with the access token our gateway takes and the context token
 * (what our gateway would mint) the direct path and Hive Gateway are sent.
 * Many users, as on a busy dashboard: one user's identical queries in flight
 * together would let Hive Gateway share one subgraph fetch among them (it
 * deduplicates in-flight subgraph requests), which tells nothing about the
 * gateways. The extra users exist only in their tokens: nothing on this
 * path looks users up.
 */
async function dashboardUsers(stack: BenchStack, count: number): Promise<DashboardUser[]> {
  const bistro = stack.seed.tenants.find((t) => t.slug === 'demo-bistro')!;
  const owner = await verifyUserToken(await signIn(stack, bistro.ownerEmail), stack.secrets.authTokenSecret);
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      // All in the owner's session: the gateway checks that the session is open, not who holds it.
      const claims = {
        tenantId: owner.tenantId,
        role: owner.role,
        userId: i === 0 ? owner.userId : randomUUID(),
        sessionId: owner.sessionId,
      };
      const identity: Identity = { kind: 'user', ...claims };
      return {
        userToken: (await signUserToken(claims, stack.secrets.authTokenSecret, 3_600)).token,
        // Long enough for the whole scenario: our gateway mints a 60 s one per request.
        contextToken: await signContextToken(identity, stack.secrets.internalTokenSecret, { ttlSeconds: 3_600 }),
      };
    }),
  );
}

/** A benchmark of wrong answers proves nothing: all three must return the same 25 orders, and both gateways the same data. */
async function checkSameAnswers(
  targets: Record<'gateway' | 'direct' | 'hive', { origin: string; requests: HttpRequest[] }>,
): Promise<void> {
  const answer = async ({
    origin,
    requests: [request],
  }: {
    origin: string;
    requests: HttpRequest[];
  }): Promise<OrdersPage> => {
    if (!request) throw new Error('no request to check');
    const response = await fetch(`${origin}${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
    });
    const result = (await response.json()) as { data?: OrdersPage; errors?: unknown[] };
    if (!result.data || result.errors)
      throw new Error(`${origin} answered ${response.status}: ${JSON.stringify(result.errors)}`);
    return result.data;
  };
  const [gateway, direct, hive] = await Promise.all([
    answer(targets.gateway),
    answer(targets.direct),
    answer(targets.hive),
  ]);
  const ids = (page: OrdersPage): string[] => page.orders.edges.map((edge) => edge.node.id);
  if (ids(gateway).length === 0) throw new Error('the dashboard query returned no orders: nothing to measure');
  if (!isDeepStrictEqual(ids(gateway), ids(direct)))
    throw new Error('the gateway and the orders subgraph disagree on the orders page');
  if (!isDeepStrictEqual(gateway, hive))
    throw new Error('Hive Gateway and our gateway answer the dashboard query differently');
}

async function planCacheCounters(gatewayOrigin: string): Promise<{ hits: number; misses: number }> {
  // One page for both counters, so hits and misses are read at the same moment.
  const page = await fetchMetricsText(gatewayOrigin);
  const read = (name: string): number => {
    const samples = metricSamples(page, `nexara_gateway_query_plan_cache_${name}_total`);
    const dashboard = samples.find(({ labels }) => labels['graph'] === 'dashboard');
    if (!dashboard) throw new Error(`the gateway's /metrics has no ${name} counter`);
    return dashboard.value;
  };
  return { hits: read('hits'), misses: read('misses') };
}
