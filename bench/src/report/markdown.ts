import fs from 'node:fs';
import path from 'node:path';
import { providerName, type ControlPlaneResult } from '../scenarios/control-plane';
import type { EndToEndResult, SubscriberClose } from '../scenarios/end-to-end';
import type { GatewayPaths, GatewayResult, GatewayRun } from '../scenarios/gateway-query';
import type { LiveStreamResult } from '../scenarios/live-stream';
import type { OrderMetricsResult } from '../scenarios/order-metrics';
import type { WebhookAcceptResult } from '../scenarios/webhook-accept';
import { RESULTS_DIR, type BenchResults } from './results';

/** Hand-written: what the profiles showed and what was changed (kept with the harness, shown in BENCHMARKS.md). */
const PROFILING_NOTES = path.join(RESULTS_DIR, '..', 'PROFILING.md');
/**
 * Hand-written from the kitchen display's own run (`npm run bench:dashboard`,
 * e2e/bench/kitchen.bench.ts, figures in bench/results/kitchen.json): a browser
 * bench this harness does not run, so its section is kept as written.
 */
const KITCHEN_NOTES = path.join(RESULTS_DIR, '..', 'KITCHEN.md');
/** A run of the webhook scenario before the hot-path fixes, for the before/after table. */
const BEFORE_FIXES = path.join(RESULTS_DIR, 'before-fixes.json');

type Row = (string | number)[];

const table = (header: string[], rows: Row[]): string =>
  [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
const n = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (value: number): string => `${n(value, value < 10 ? 1 : 0)} ms`;
/** A ratio; webhook accept's in three decimals, since it is held to 0.5 at the second (0.496 is not 0.5). */
const x = (value: number | null, digits = 2): string => (value === null ? 'n/a' : `${n(value, digits)}`);
const met = (ok: boolean): string => (ok ? '**yes**' : '**no**');

/** BENCHMARKS.md, entirely from one run's results (plus the profiling notes and the before-fixes run). */
export function renderBenchmarksMarkdown(results: BenchResults): string {
  const { webhookAccept, gateway, liveStream, orderMetrics, endToEnd, controlPlane } = results.scenarios;
  return [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${results.generatedAt.slice(0, 16).replace('T', ' ')} UTC (the whole run took ${n(results.durationSeconds)} s).` +
      ' Every figure sits next to a baseline measured in the same run, on the same machine, because absolute numbers drift on' +
      ' shared machines: compare the ratios between machines, not the absolutes. Raw numbers: `bench/results/latest.json`.',
    results.quick ? '\n> **Quick run** (`--quick`): shortened, not for comparing.\n' : '',
    '## Summary',
    '',
    summaryTable(results),
    '',
    '## Machine and versions',
    '',
    machineTable(results),
    '',
    webhookAccept ? webhookSection(webhookAccept) : '',
    gateway ? gatewaySection(gateway) : '',
    liveStream ? liveSection(liveStream) : '',
    endToEnd ? endToEndSection(endToEnd) : '',
    orderMetrics ? metricsSection(orderMetrics) : '',
    controlPlane ? controlSection(controlPlane) : '',
    beforeAfter(results),
    fs.existsSync(KITCHEN_NOTES) ? fs.readFileSync(KITCHEN_NOTES, 'utf8').trim() + '\n' : '',
    METHOD,
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}

function summaryTable(results: BenchResults): string {
  const rows: Row[] = [];
  const { webhookAccept: w, gateway: g, liveStream: l, orderMetrics: m, endToEnd: e } = results.scenarios;
  if (e) {
    const sustained = e.steps.find((step) => step.offeredPerSecond === e.sustainedPerSecond);
    rows.push([
      'End to end',
      'offered deliveries/s sustained (lag p99 < 1 s to committed and to a subscriber, no growing backlog)',
      sustained ? `${n(e.sustainedPerSecond)}/s (lag p99 ${ms(sustained.lagP99Ms)})` : 'none',
      '',
      '',
      '>= 500/s',
      met(e.sustainedPerSecond >= 500),
    ]);
    rows.push([
      'End to end',
      'drain of a backlog, events/s',
      `${n(e.drainPerSecond)}/s (${n(e.drain.events)} events)`,
      `one INSERT per order: ${n(e.baselineInsertsPerSecond)}/s`,
      x(e.drainRatio),
      '>= 1,000/s',
      met(e.drainPerSecond >= 1000),
    ]);
    const d = 'deliveries' in e ? e.deliveries : undefined;
    const s = 'subscribers' in e ? e.subscribers : undefined;
    const legacy = (e as EndToEndResult & LegacyEndToEnd).exactlyOnce;
    if (d && s) {
      rows.push([
        'End to end',
        'acknowledged deliveries stored and processed exactly once (each sent delivery counted by its idempotency key)',
        `${n(d.processed)} of ${n(d.stored)} stored processed once, ${n(d.duplicated)} twice; ${n(d.acknowledged)} of` +
          ` ${n(d.sent)} acknowledged, ${n(d.acknowledgedNotStored)} of them not stored`,
        '',
        '',
        'all, exactly once',
        met(d.ok),
      ]);
      rows.push([
        'End to end',
        "orders' arrivals at a subscriber on an open socket, each once",
        `${n(s.seen)} of ${n(s.expected)}: ${n(s.missedOnOpenSocket)} missed on an open socket, ` +
          `${n(s.missedWhileDisconnected)} while disconnected (${n(s.closes.length)} closes), ${n(s.repeated)} repeated` +
          `, ${n(s.gaps)} after a gap`,
        '',
        '',
        'none missed on an open socket, none repeated, no gap without a close',
        met(s.ok),
      ]);
    } else if (legacy) {
      rows.push([
        'End to end',
        'acknowledged deliveries processed exactly once, each arrival seen once by a subscriber',
        `${n(legacy.processed)} of ${n(legacy.acknowledged)}`,
        '',
        '',
        'all, exactly once',
        met(legacy.ok),
      ]);
    }
  }
  if (w) {
    const best = w.sustained;
    const top = [...w.levels].sort((a, b) => b.platform.acknowledgedPerSecond - a.platform.acknowledgedPerSecond)[0]!;
    rows.push([
      'Webhook accept',
      'deliveries/s sustained with p99 < 100 ms (median of the pairs)',
      best
        ? `${n(best.deliveriesPerSecond)}/s (c=${best.connections}, median p99 ${ms(best.p99)})`
        : 'none under 100 ms',
      best
        ? `${n(w.levels.find((level) => level.connections === best.connections)!.baseline.acknowledgedPerSecond)} inserts/s`
        : '',
      best ? x(best.ratio, 3) : 'n/a',
      '>= 1,000/s, ratio >= 0.5',
      met(!!best && best.deliveriesPerSecond >= 1000 && (best.ratio ?? 0) >= 0.5),
    ]);
    rows.push([
      'Webhook accept',
      'peak deliveries/s (any p99)',
      `${n(top.platform.acknowledgedPerSecond)}/s (c=${top.connections}, p99 ${ms(top.platform.latency.p99)})`,
      `${n(top.baseline.acknowledgedPerSecond)} inserts/s`,
      x(top.ratio),
      '',
      '',
    ]);
    rows.push([
      'Webhook accept',
      'acknowledged deliveries processed',
      `${n(w.processing.byStatus['PROCESSED'] ?? 0)} of ${n(w.processing.acknowledged)}`,
      '',
      '',
      'all, exactly once',
      met(w.processing.allProcessed),
    ]);
  }
  if (g) {
    const { loaded, unloaded } = g;
    rows.push([
      'Gateway',
      `dashboard orders query p95 at ${loaded.connections} connections`,
      ms(loaded.gateway.latency.p95),
      `orders subgraph direct: ${ms(loaded.direct.latency.p95)}`,
      `${x(g.p95Ratio)}x`,
      '<= 2x direct',
      met((g.p95Ratio ?? Infinity) <= 2),
    ]);
    rows.push([
      'Gateway',
      'the same, one request at a time',
      ms(unloaded.gateway.latency.p95),
      `orders subgraph direct: ${ms(unloaded.direct.latency.p95)}`,
      `${x(g.p95RatioUnloaded)}x`,
      '',
      '',
    ]);
    rows.push([
      'Gateway',
      'query plan cache hit rate',
      g.planCache.hitRate === null ? 'n/a' : `${n(g.planCache.hitRate * 100, 2)} %`,
      '',
      '',
      '>= 99 %',
      met((g.planCache.hitRate ?? 0) >= 0.99),
    ]);
    rows.push([
      'Gateway',
      `requests/s at ${loaded.connections} connections, ours over Hive Gateway`,
      `${n(loaded.gateway.perSecond)}/s`,
      `Hive Gateway: ${n(loaded.hive.perSecond)}/s`,
      x(g.rpsOverHive),
      '>= 1.5',
      met((g.rpsOverHive ?? 0) >= 1.5),
    ]);
  }
  if (l) {
    const top = l.levels[l.levels.length - 1]!;
    const base = l.levels[0]!;
    rows.push([
      'Live stream',
      `webhook POST to subscriber, p99 at ${n(top.subscribers)} subscribers`,
      ms(top.delivery.p99),
      `${n(base.subscribers)} subscriber: ${ms(base.delivery.p99)}`,
      x(top.p99Ratio),
      '< 250 ms',
      met(top.delivery.p99 < 250),
    ]);
  }
  for (const c of m?.cases ?? []) {
    rows.push([
      'Metrics',
      `orderMetrics, 7 days by hour, ${n(c.orders)} orders over ${c.days} days (${n(c.ordersInRange)} in the week), median`,
      ms(c.api.median),
      `same SQL in PostgreSQL: ${ms(c.sql.median)}; aggregating the orders: ${ms(c.rawSql.median)}`,
      x(c.medianRatio),
      '< 100 ms, equal to aggregating the orders',
      met(c.api.median < 100 && c.rollupEqualsRaw),
    ]);
  }
  const c = results.scenarios.controlPlane;
  if (c) {
    const providers = c.connections.length;
    rows.push([
      'Control plane',
      `86 toggle confirmed by all ${providers} providers' simulators (mutation answer to every job APPLIED), p95`,
      ms(c.toggle.toApplied.p95),
      `same calls sent bare: ${ms(c.toggle.baseline.p95)}`,
      x(c.toggle.p95Ratio),
      'reported',
      '',
    ]);
    const done = c.menuPublish.providers.length - c.menuPublish.pending.length;
    rows.push([
      'Control plane',
      `${n(c.menuPublish.items)}-item menu published to every connection of a tenant, seconds until all APPLIED` +
        (c.menuPublish.pending.length
          ? ` (${done} of ${c.menuPublish.providers.length}; pending: ${c.menuPublish.pending.map(providerName).join(', ')})`
          : ''),
      `${n(c.menuPublish.seconds, 2)} s`,
      `same uploads sent bare: ${n(c.menuPublish.baselineSeconds, 2)} s`,
      x(c.menuPublish.ratio),
      'reported',
      '',
    ]);
    rows.push([
      'Control plane',
      'sync jobs APPLIED exactly once (none failed, no call received twice)',
      `${n(c.exactlyOnce.applied)} of ${n(c.exactlyOnce.jobs)}` +
        (c.exactlyOnce.pending ? ` (${c.exactlyOnce.pending} pending)` : ''),
      '',
      '',
      'all, exactly once',
      met(c.exactlyOnce.ok),
    ]);
  }
  return table(['Scenario', 'Measure', 'Nexara', 'Baseline (same run)', 'Ratio', 'Target', 'Met'], rows);
}

function machineTable(results: BenchResults): string {
  const { machine, database, versions } = results;
  return table(
    ['', ''],
    [
      ['CPU', `${machine.cpus} x ${machine.cpuModel}`],
      ['Memory', `${machine.memoryGiB} GiB`],
      ['OS', machine.platform],
      [
        'PostgreSQL',
        `${database.version} (${database.embedded ? 'embedded, from npm' : 'DATABASE_URL'}); fsync ${database.fsync}, synchronous_commit ${database.synchronousCommit}`,
      ],
      ...Object.entries(versions).map(([name, version]) => [name, version]),
    ],
  );
}

function webhookSection(w: WebhookAcceptResult): string {
  const rows = w.levels.map((level) => [
    level.connections,
    `${n(level.platform.acknowledged)} in ${n(level.platform.seconds, 1)} s`,
    `${n(level.platform.acknowledgedPerSecond)}/s`,
    ms(level.platform.latency.median),
    ms(level.platform.latency.p99),
    `${n(level.baseline.acknowledgedPerSecond)}/s`,
    ms(level.baseline.latency.median),
    ms(level.baseline.latency.p99),
    x(level.ratio, 3),
    level.rounds.map((round) => `${x(round.ratio, 3)} (p99 ${ms(round.platformP99)})`).join(', '),
  ]);
  const cpuRows = w.levels.flatMap((level): Row[] => [
    [level.connections, 'Nexara', cpuOf(level.platform.cpuMsPerDelivery)],
    ['', 'Baseline', cpuOf(level.baseline.cpuMsPerDelivery)],
  ]);
  const p = w.processing;
  return [
    '## Webhook accept',
    '',
    'Signed new-order webhooks of all four providers (round robin over the 8 seeded connections, every one with its own idempotency key' +
      ' and signature) from autocannon. Baseline: a bare fastify route doing one durable insert of the body per request into' +
      ' the same PostgreSQL, its own process, same pool size. Each level: two warm-ups of each, then measured pairs (the' +
      ` baseline's run, then the platform's straight after), each run sized to last several seconds (at most 20,000` +
      ' deliveries: the worker must process them all before the run ends). A run moves from one to the next on a shared' +
      ' machine, so a level shows the pair with the median ratio, and every pair in measured order (its ratio and' +
      " the platform's p99). A level is sustained when the median of its platform p99s is under 100 ms.",
    '',
    table(
      ['Concurrency', 'Acknowledged', 'Nexara', 'median', 'p99', 'Baseline', 'median', 'p99', 'Ratio', 'Every pair'],
      rows,
    ),
    '',
    'CPU time each process spent per acknowledged delivery in the runs of the median pair (from /proc; unlike rates, this hardly moves when' +
      ' other work shares the machine). PostgreSQL counts the server and all its backends; the load generator is autocannon.',
    '',
    table(['Concurrency', '', 'CPU ms per delivery'], cpuRows),
    '',
    `Afterwards the worker processed the backlog: ${n(p.acknowledged)} acknowledged, ${n(p.stored)} stored, ` +
      `${Object.entries(p.byStatus)
        .map(([status, count]) => `${n(count)} ${status}`)
        .join(', ')}; ` +
      `${n(p.processedPerSecond)} processed/s over ${n(p.drainSeconds)} s (the worker's default settings, as \`npm start\` runs it).`,
    '',
  ].join('\n');
}

/** CPU ms per delivery or request, by process and in all. */
function cpuOf(perProcess: Record<string, number>): string {
  const parts = Object.entries(perProcess).map(([process, value]) => `${process} ${n(value, 3)}`);
  return `**${n(cpuTotal(perProcess), 3)}** (${parts.join(', ')})`;
}

/** Webhook accept and the gateway, run before the hot-path fixes (bench/results/before-fixes.json), next to this run. */
function beforeAfter(after: BenchResults): string {
  if (!fs.existsSync(BEFORE_FIXES)) return '';
  const before = JSON.parse(fs.readFileSync(BEFORE_FIXES, 'utf8')) as BenchResults;
  const rows: Row[] = [];
  const [bw, aw] = [before.scenarios.webhookAccept, after.scenarios.webhookAccept];
  for (const level of aw?.levels ?? []) {
    const old = bw?.levels.find((l) => l.connections === level.connections);
    if (!old) continue;
    const cell = (l: WebhookAcceptResult['levels'][number]): string =>
      `${n(l.platform.acknowledgedPerSecond)}/s, p99 ${ms(l.platform.latency.p99)}, ratio ${x(l.ratio)}, CPU ${n(cpuTotal(l.platform.cpuMsPerDelivery), 2)} ms`;
    rows.push([`Webhook accept, c=${level.connections}`, cell(old), cell(level)]);
  }
  const [bg, ag] = [before.scenarios.gateway, after.scenarios.gateway];
  if (bg && ag) {
    const cell = (g: GatewayResult): string =>
      `${n(g.loaded.gateway.perSecond)}/s, p95 ${ms(g.loaded.gateway.latency.p95)} (${x(g.p95Ratio)}x direct), ${x(g.rpsOverHive)}x Hive's rate, CPU ${n(cpuTotal(g.loaded.gateway.cpuMsPerRequest), 2)} ms`;
    rows.push([`Gateway dashboard query, c=${ag.loaded.connections}`, cell(bg), cell(ag)]);
  }
  if (rows.length === 0) return '';
  return [
    '## Before and after the hot-path fixes',
    '',
    `Before: \`bench/results/before-fixes.json\` (${before.generatedAt.slice(0, 16).replace('T', ' ')} UTC, the same harness on the code` +
      ' before the fixes below); after: this run. CPU is the sum over the platform processes per delivery or request (load generator' +
      ' excluded); on a shared machine it is the steadier of the figures.',
    '',
    table(['', 'Before', 'After (this run)'], rows),
    '',
    fs.existsSync(PROFILING_NOTES) ? fs.readFileSync(PROFILING_NOTES, 'utf8').trim() + '\n' : '',
  ].join('\n');
}

/** The platform's processes, without the load generator. */
function cpuTotal(perProcess: Record<string, number>): number {
  return Object.entries(perProcess)
    .filter(([process]) => process !== 'loadGenerator')
    .reduce((sum, [, value]) => sum + value, 0);
}

function gatewaySection(g: GatewayResult): string {
  const cpu = (run: GatewayRun): string =>
    Object.entries(run.cpuMsPerRequest)
      .map(([process, value]) => `${process} ${n(value, 2)}`)
      .join(', ');
  const row = (name: string, run: GatewayRun): Row => [
    name,
    `${n(run.perSecond)}/s`,
    ms(run.latency.median),
    ms(run.latency.p95),
    ms(run.latency.p99),
    cpu(run),
  ];
  const header = ['Path', 'requests/s', 'median', 'p95', 'p99', 'CPU ms per request'];
  const paths = (runs: GatewayPaths): Row[] => [
    row('Our gateway', runs.gateway),
    row('Orders subgraph direct', runs.direct),
    row('Hive Gateway', runs.hive),
  ];
  return [
    '## Gateway',
    '',
    "The dashboard's orders page (the 25 newest orders and the total count; each with its tenant's name from tenants and its" +
      " connection's name from integrations), as signed-in staff of one tenant (requests rotate over 500 users), three ways, each" +
      ' its own process: through our gateway (it authenticates the user, signs a context token, plans, fetches from three subgraphs),' +
      ' straight from the orders subgraph (its own fields; tenant and connection are ids there: what the gateway adds is the' +
      ' federation), and through Hive Gateway over the same supergraph and subgraphs (sent the context token, which it forwards).',
    '',
    `Closed loop at ${g.loaded.connections} connections (each sends its next request when it has its answer): as many as each path serves on this machine.`,
    '',
    table(header, paths(g.loaded)),
    '',
    'One request at a time (nothing queues anywhere): what the path itself costs a request.',
    '',
    table(header, paths(g.unloaded)),
    '',
    `Query plan cache over the loaded runs of our gateway: ${n(g.planCache.hits)} hits, ${n(g.planCache.misses)} misses` +
      (g.planCache.lifetimeHitRate === null
        ? '.'
        : ` (${n(g.planCache.lifetimeHitRate * 100, 2)} % since the gateway started).`) +
      ' Counted by the gateway itself (`/metrics`): Apollo Gateway calls `experimental_didResolveQueryPlan` with every plan it runs,' +
      ' and its in-memory plan store hands back the object it stored, so a plan object seen before is a hit.',
    '',
  ].join('\n');
}

function liveSection(l: LiveStreamResult): string {
  const rows = l.levels.map((level) => [
    n(level.subscribers),
    n(level.delivery.samples),
    ms(level.delivery.median),
    ms(level.delivery.p99),
    ms(level.lastSubscriber.median),
    x(level.p99Ratio),
  ]);
  return [
    '## Live stream',
    '',
    'From the POST of a new-order webhook to each `orderChanged` subscriber (graphql-ws, 20 subscriptions per socket, one tenant, one' +
      ' selection) receiving it: shim, inbox, queue, worker, orders, event bus, one shared re-read through the gateway, then every socket.' +
      ` Baseline: the same path with ${n(l.baselineSubscribers)} subscriber.`,
    '',
    table(['Subscribers', 'deliveries', 'median', 'p99', 'last subscriber (median)', 'p99 ratio'], rows),
    '',
  ].join('\n');
}

function metricsSection(m: OrderMetricsResult): string {
  const rows = m.cases.flatMap((c): Row[] => [
    [
      `${n(c.orders)} over ${c.days} days`,
      n(c.ordersInRange),
      'orderMetrics through the gateway',
      ms(c.api.median),
      ms(c.api.p95),
      ms(c.api.max),
    ],
    ['', '', 'the SQL alone (rollup)', ms(c.sql.median), ms(c.sql.p95), ms(c.sql.max)],
    ['', '', 'aggregating the orders (before the rollup)', ms(c.rawSql.median), ms(c.rawSql.p95), ms(c.rawSql.max)],
  ]);
  const plans = m.cases.map(
    (c) =>
      `- ${n(c.orders)} over ${c.days} days: ${c.plan}; ${n(c.buckets)} rows returned;` +
      ` ${c.rollupEqualsRaw ? 'the same rows as' : '**not** the same rows as'} aggregating the orders.`,
  );
  return [
    '## Metrics',
    '',
    '`orderMetrics(from, to, bucket: HOUR)` for the last 7 days of a tenant holding a million generated orders (one' +
      ' `INSERT ... SELECT`, then `VACUUM ANALYZE` as autovacuum would) besides those the webhook runs created, in two shapes:' +
      ' spread over 90 days (the week is a slice of a' +
      ' long history) and all within the week read. One request at a time after warm-ups: through our gateway as the tenant owner,' +
      ' and the same SQL straight in PostgreSQL as the orders role under row-level security (the baseline). The API reads the' +
      ' rollup `orders.order_metrics` (per quarter hour, provider and currency, kept by triggers in the transaction of each order' +
      ' write; docs/architecture.md, "Order metrics"); "aggregating the orders" is the query it ran before, over every order' +
      ' of the week, and the run checks that both give the same rows.',
    '',
    table(['Orders', 'in the week', 'Path', 'median', 'p95', 'max'], rows),
    '',
    "PostgreSQL's plan for the API's SQL (EXPLAIN ANALYZE):",
    '',
    ...plans,
    '',
  ].join('\n');
}

/** endToEnd results written before deliveries were counted by idempotency key: what they held instead. */
type LegacyEndToEnd = {
  exactlyOnce?: {
    acknowledged: number;
    stored: number;
    processed: number;
    orders: number;
    repeatedAtSubscriber: number;
    missedAtSubscriber: number;
    ok: boolean;
  };
};

function endToEndSection(e: EndToEndResult): string {
  const d = 'deliveries' in e ? e.deliveries : undefined;
  const s = 'subscribers' in e ? e.subscribers : undefined;
  const legacy = (e as EndToEndResult & LegacyEndToEnd).exactlyOnce;
  const missed = e.steps.some((step) => step.missedArrivals !== undefined);
  const cpu = e.steps.some((step) => step.cpuMsPerDelivery !== undefined);
  return [
    '## End to end',
    '',
    'Signed new-order deliveries of all four providers (round robin over every seeded connection) sent open loop at each' +
      ' offered rate (on a schedule, whatever the answers: a provider does not wait for us) through the shim, stored, queued,' +
      ' applied by the worker in batches, announced, and re-read for a graphql-ws `orderChanged` subscriber of each tenant.' +
      ' Lag runs from the 2xx to the event marked PROCESSED (after its order committed) and to the order arriving at the' +
      ' subscriber. Processed/s counts every event finished while the step was offered. A step kept up when every delivery' +
      ' was acknowledged, both p99s stayed under 1 s, no arrival was missed and less than one second of offer was left' +
      ' waiting at its end.',
    '',
    table(
      [
        'Offered',
        'Acknowledged',
        'Processed',
        'to committed p50 / p99',
        'to subscriber p50 / p99',
        'Backlog at end',
        ...(missed ? ['Arrivals missed'] : []),
        ...(cpu ? ['Platform CPU ms per delivery'] : []),
        'Kept up',
      ],
      e.steps.map((step) => [
        `${n(step.offeredPerSecond)}/s`,
        `${n(step.acknowledgedPerSecond)}/s (${n(step.acknowledged)} of ${n(step.sent)})`,
        `${n(step.processedPerSecond)}/s`,
        `${ms(step.lagToCommitted.median)} / ${ms(step.lagToCommitted.p99)}`,
        `${ms(step.lagToSubscriber.median)} / ${ms(step.lagToSubscriber.p99)}`,
        n(step.backlogAtEnd),
        ...(missed ? [n(step.missedArrivals ?? 0)] : []),
        ...(cpu ? [step.cpuMsPerDelivery ? n(cpuTotal(step.cpuMsPerDelivery), 2) : ''] : []),
        met(step.sustained),
      ]),
    ),
    '',
    ...(cpu
      ? [
          "CPU ms per delivery: the platform (its services and PostgreSQL with its backends), from the step's start" +
            ' until its deliveries were processed and had reached their subscribers, over the deliveries acknowledged;' +
            ' the load generator, which also answers the provider callbacks, is listed apart and not in the total. Two' +
            ' cores give 2,000 ms a second. By process: ' +
            e.steps
              .filter((step) => step.cpuMsPerDelivery)
              .map((step) => `${n(step.offeredPerSecond)}/s: ${cpuOf(step.cpuMsPerDelivery!)}`)
              .join('; ') +
            '.',
          '',
        ]
      : []),
    ...(e.steps.some((step) => step.requestsPerDelivery)
      ? [
          'HTTP requests each service answered per delivery, over the same window (a GraphQL batch is one request): ' +
            e.steps
              .filter((step) => step.requestsPerDelivery)
              .map(
                (step) =>
                  `${n(step.offeredPerSecond)}/s: ` +
                  Object.entries(step.requestsPerDelivery!)
                    .map(([name, count]) => `${name} ${n(count, 2)}`)
                    .join(', '),
              )
              .join('; ') +
            '.',
          '',
        ]
      : []),
    `Drain: ${n(e.drain.events)} deliveries ${e.drain.acknowledged === undefined ? 'acknowledged' : `stored (${n(e.drain.acknowledged)} of them acknowledged)`}` +
      ` with the worker stopped, then processed in ${n(e.drain.seconds, 1)} s:` +
      ` **${n(e.drainPerSecond)} events/s**. Baseline: the same number of orders inserted straight into a copy of` +
      ` \`orders.orders\`, one INSERT per order over 8 connections: ${n(e.baselineInsertsPerSecond)}/s (ratio ${x(e.drainRatio)}).`,
    ...(e.drainCpuMsPerEvent
      ? [
          e.drain.cpuWindowSeconds === undefined
            ? `CPU ms per drained event, from the worker's start until every drained order reached its subscriber (from` +
              ` /proc; PostgreSQL with all its backends): ${cpuOf(e.drainCpuMsPerEvent)}.`
            : `CPU ms per drained event, from the worker's start until the last drained event was processed or reached` +
              ` its subscriber (${n(e.drain.cpuWindowSeconds, 1)} s; from /proc, PostgreSQL with all its backends):` +
              ` ${cpuOf(e.drainCpuMsPerEvent)}. Drained orders that never reached their subscriber:` +
              ` ${n(e.drain.missedArrivals ?? 0)} (counted, not waited for inside the window).`,
        ]
      : []),
    '',
    ...(d && s
      ? [
          `Exactly once, each of the ${n(d.sent)} deliveries sent counted by its idempotency key: ${n(d.acknowledged)}` +
            ` acknowledged, ${n(d.acknowledgedNotStored)} of them missing from the inbox; ${n(d.stored)} stored, of` +
            ` them ${n(d.storedWithoutAcknowledgement)} without an acknowledgement the load generator read (it gave up` +
            ` waiting; a provider would send those again and the key would answer); ${n(d.processed)} processed once` +
            ` (PROCESSED, one order, one arrival entry), ${n(d.notProcessed)} not processed, ${n(d.duplicated)} twice.`,
          '',
          `At the subscribers: ${n(s.seen)} of ${n(s.expected)} committed orders arrived; ${n(s.missedOnOpenSocket)}` +
            ` missed on a socket that stayed open, ${n(s.missedWhileDisconnected)} missed while the socket was closed or` +
            ` closing; ${n(s.repeated)} versions repeated, ${n(s.gaps)} seen after a gap` +
            (s.otherOrders === undefined
              ? ''
              : ` (counted over the scenario's own orders; ${n(s.otherOrders)} orders of earlier scenarios were heard of` +
                ` too)`) +
            '.' +
            (s.gatewayDeliveries
              ? ` The gateway counted the changes its subscriptions heard of: ${Object.entries(s.gatewayDeliveries)
                  .map(([outcome, count]) => `${n(count)} ${outcome.replace('_', ' ')}`)
                  .join(', ')}` + (s.received === undefined ? '.' : `; the subscribers received ${n(s.received)}.`)
              : '') +
            ` ${closesOf(s.closes)}`,
        ]
      : legacy
        ? [
            `Exactly once: ${n(legacy.acknowledged)} acknowledged, ${n(legacy.stored)} stored,` +
              ` ${n(legacy.processed)} PROCESSED, ${n(legacy.orders)} orders; at the subscribers` +
              ` ${n(legacy.missedAtSubscriber)} arrivals missed and ${n(legacy.repeatedAtSubscriber)} repeated.`,
          ]
        : []),
    '',
    `Peak resident memory (VmHWM, MiB): ${Object.entries(e.peakRssMiB)
      .map(([name, mib]) => `${name} ${n(mib, 0)}`)
      .join(', ')} (postgres: the postmaster; its backends are processes of their own).`,
    '',
  ].join('\n');
}

/** The subscribers' socket closes, grouped by code and reason. */
function closesOf(closes: SubscriberClose[]): string {
  if (closes.length === 0) return 'No socket was closed.';
  const groups = new Map<string, SubscriberClose[]>();
  for (const close of closes) {
    const key = `${close.code} "${close.reason}"`;
    groups.set(key, [...(groups.get(key) ?? []), close]);
  }
  const described = [...groups].map(
    ([key, group]) =>
      `${n(group.length)} x ${key} (${group[0]!.at.slice(11, 19)}${group.length > 1 ? `-${group.at(-1)!.at.slice(11, 19)}` : ''} UTC)`,
  );
  return `Sockets closed (each reconnected): ${described.join(', ')}.`;
}

function controlSection(c: ControlPlaneResult): string {
  const t = c.toggle;
  const m = c.menuPublish;
  const latency = (name: string, l: { samples: number; median: number; p95: number; max: number }): Row => [
    name,
    n(l.samples),
    ms(l.median),
    ms(l.p95),
    ms(l.max),
  ];
  const e = c.exactlyOnce;
  return [
    '## Control plane',
    '',
    `Measured ${c.measuredAt.slice(0, 16).replace('T', ' ')} UTC${c.quick ? ' (quick run)' : ''}, load average` +
      ` ${c.loadAverage.join(' / ')} (1 / 5 / 15 min) on the shared machine: \`npm run bench -- --scenario control --merge\`` +
      ' puts this section into a file whose other scenarios may come from an earlier run. One tenant with one connection per' +
      ` registered provider (${c.connections.map((conn) => providerName(conn.provider)).join(', ')}), its provider ids set and its menu` +
      " imported as `npm start` does; the integrations worker runs `catalog_sync` against the simulator's control APIs" +
      ' (docs/control-plane.md, "Figures").',
    '',
    `**86 toggle.** \`setItemAvailability\` for one item, SOLD_OUT then AVAILABLE, ${n(t.toggles)} times after a warm-up pair,` +
      " one at a time; the clock runs from the mutation's answer until every connection's `catalogSyncChanged` says APPLIED." +
      ` Toggles are ${n(t.pacingMs)} ms apart (the longest availability interval of any provider), so no job waits for a` +
      " provider's rate limit. Baseline: the calls the simulator received for that toggle, sent again with plain `fetch`, each" +
      ` provider's in order, all providers in parallel (${n(t.baselineRefused)} not answered 2xx).`,
    '',
    table(
      ['', 'samples', 'median', 'p95', 'max'],
      [
        latency('answer to all APPLIED', t.toApplied),
        latency('the mutation itself (through the gateway)', t.mutation),
        latency('the same calls sent bare', t.baseline),
        ...t.byProvider.map((p) => latency(`${providerName(p.provider)}'s job alone, answer to APPLIED`, p.toApplied)),
      ],
    ),
    '',
    `**${n(m.items)}-item menu.** Imported with \`importMenu\`, then \`publishMenu\` to every connection; seconds from its answer` +
      ' until each job ended. An upload the provider only accepts ends by its result (its webhook, or the worker asking):' +
      ` the simulator sends results ${n(m.resultDelayMs)} ms after the upload, a provider's processing time that is in` +
      ' these seconds and not in the baseline.' +
      ` Baseline: the same uploads (${n(m.baselineCalls)} calls: all but the result polls) sent bare: ${n(m.baselineSeconds, 2)} s` +
      ` (${n(m.baselineRefused)} not answered 2xx).`,
    '',
    table(
      ['Provider', 'status', 'seconds', 'calls', 'note'],
      m.providers.map((p) => [
        providerName(p.provider),
        p.status,
        p.seconds === null ? 'pending' : n(p.seconds, 2),
        n(p.calls),
        p.status === 'PENDING' ? (p.reason ?? 'its result never came') : '',
      ]),
    ),
    '',
    m.pending.length
      ? `Pending when the wait ended: ${m.pending.map(providerName).join(', ')}: no result came for its upload.`
      : '',
    '',
    `Jobs: ${n(e.jobs)} queued, ${n(e.applied)} APPLIED, ${n(e.failed)} FAILED, ${n(e.pending)} PENDING;` +
      ` ${n(e.duplicateCalls)} calls a provider received twice; ${n(e.retried)} availability jobs retried` +
      ` (${n(e.announcedTwice)} jobs were seen APPLIED in two announcements: the gateway re-reads a job for each bus event,` +
      ' so its PENDING event read after it was applied shows APPLIED as well).',
    '',
    `Peak resident memory (VmHWM, MiB, since each process started): ${Object.entries(c.peakRssMiB)
      .map(([name, mib]) => `${name} ${n(mib, 0)}`)
      .join(', ')}.`,
    '',
  ].join('\n');
}

const METHOD = `## How it is measured

- \`npm run bench\` builds, starts an embedded PostgreSQL (or uses \`DATABASE_URL\`), a fresh database, and every service as its own
  Node.js process with \`NODE_ENV=production\` (as \`npm start\` runs them: one process per service, so a service under load does not
  share an event loop with the load generator or the other services), seeds the demo, runs the scenarios and writes
  \`bench/results/latest.json\` and this file. Options: \`--only=...\`, \`--profile\`, \`--quick\` (see \`bench/src/main.ts\`).
- Load comes from autocannon in the benchmark's own process, closed loop (each connection waits for its answer), on the same
  two cores as the platform and PostgreSQL: the baselines pay the same tax. A run's rate is its answers over the time from its
  start to its last answer (autocannon itself resolves only at its next one-second tick).
- The webhook per-connection rate limit is raised for the run: it guards against one misbehaving provider, not capacity.
- Latency percentiles are over every response of the measured run (warm-ups excluded); live-stream percentiles over every
  subscriber of every measured event.
`;
