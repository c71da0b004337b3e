import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT } from '@nexara/stack';
import { machineInfo } from './machine';
import { formatProfileSummary, summarizeProfile } from './profile/profile-summary';
import { renderBenchmarksMarkdown } from './report/markdown';
import { spliceScenarios, type MarkdownPart } from './report/splice';
import { RESULTS_DIR, softwareVersions, databaseFacts, mergeResults, type BenchResults } from './report/results';
import { benchControlPlane } from './scenarios/control-plane';
import { benchEndToEnd } from './scenarios/end-to-end';
import { benchGatewayQuery } from './scenarios/gateway-query';
import { benchLiveStream } from './scenarios/live-stream';
import { benchOrderMetrics } from './scenarios/order-metrics';
import { benchWebhookAccept } from './scenarios/webhook-accept';
import { settle } from './stack/settle';
import {
  resetStatementStatistics,
  startBenchStack,
  statementStatistics,
  type StatementStatistics,
} from './stack/bench-stack';

const SCENARIOS = ['gateway', 'webhooks', 'live', 'endToEnd', 'metrics', 'control'] as const;
type Scenario = (typeof SCENARIOS)[number];

/** Each scenario's rows in BENCHMARKS.md's Summary (first cell) and its section's heading (report/markdown.ts). */
const MARKDOWN_PARTS: Record<Scenario, MarkdownPart> = {
  gateway: { label: 'Gateway', heading: 'Gateway' },
  webhooks: { label: 'Webhook accept', heading: 'Webhook accept' },
  live: { label: 'Live stream', heading: 'Live stream' },
  endToEnd: { label: 'End to end', heading: 'End to end' },
  metrics: { label: 'Metrics', heading: 'Metrics' },
  control: { label: 'Control plane', heading: 'Control plane' },
};

type Options = { only: Scenario[]; out: string; merge: boolean; profile: boolean; quick: boolean };

const USAGE = `npm run bench [-- options]
  --only=gateway,webhooks,live,endToEnd,metrics,control   run some scenarios (results go to bench/results/partial.json)
  --scenario NAME                run one scenario (as --only=NAME)
  BENCH_E2E_STEP_SECONDS=N       endToEnd: seconds per offered rate (default 60; shorter for a quick look)
  BENCH_E2E_RATES=100,250        endToEnd: the offered rates (default 100,250,500,1000)
  BENCH_E2E_DRAIN=N              endToEnd: deliveries of the drain measurement (default 20000)
  BENCH_DATABASE_PORT=N          the embedded PostgreSQL's port (default 54349; another for a second bench at once)
  BENCH_CONTROL_TOGGLES=N        control: measured availability toggles (default 50)
  BENCH_CONTROL_MENU_ITEMS=N     control: items of the published menu (default 500)
  --out=NAME                     write bench/results/NAME.json instead of latest.json (BENCHMARKS.md untouched)
  --merge                        put the scenarios run into bench/results/latest.json and BENCHMARKS.md (their rows and
                                 sections), keeping the other scenarios and the hand-written notes
  --profile                      CPU profiles of the gateway, integrations, orders and the worker in bench/results/profiles/,
                                 and PostgreSQL's statements (pg_stat_statements) in profiles/statements.json
  --quick                        shorter runs, to try the harness (not for publishing)`;

function parseOptions(argv: string[]): Options {
  // `--scenario NAME` is `--only=NAME`.
  argv = argv.flatMap((arg, i) =>
    arg === '--scenario' ? [`--only=${argv[i + 1] ?? ''}`] : argv[i - 1] === '--scenario' ? [] : [arg],
  );
  const value = (name: string): string | undefined =>
    argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  for (const arg of argv) {
    if (!/^--(only|out|scenario)=|^--(profile|quick|merge)$/.test(arg)) {
      console.error(`unknown option ${arg}\n${USAGE}`);
      process.exit(2);
    }
  }
  const only = (value('only') ?? value('scenario'))?.split(',') ?? [...SCENARIOS];
  const unknown = only.filter((s) => !(SCENARIOS as readonly string[]).includes(s));
  if (unknown.length) {
    console.error(`unknown scenario ${unknown.join(', ')}; choose from ${SCENARIOS.join(', ')}`);
    process.exit(2);
  }
  const partial = only.length < SCENARIOS.length;
  const merge = argv.includes('--merge');
  if (merge && value('out') !== undefined) {
    console.error(`--merge writes bench/results/latest.json; leave out --out\n${USAGE}`);
    process.exit(2);
  }
  // A name, not a path: the file goes in bench/results. Checked here so a long run cannot end unable to write it.
  const out = value('out');
  if (out !== undefined && !/^[\w.-]+$/.test(out)) {
    console.error(
      `--out takes a file name (letters, digits, ".", "-", "_"), written as bench/results/NAME.json, not "${out}"\n${USAGE}`,
    );
    process.exit(2);
  }
  return {
    only: only as Scenario[],
    out: merge ? 'latest' : (out ?? (partial ? 'partial' : 'latest')),
    merge,
    profile: argv.includes('--profile'),
    quick: argv.includes('--quick'),
  };
}

/** A positive whole number from the environment, or the default; anything else stops the bench before it starts. */
function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} must be a positive whole number, not "${raw}"\n${USAGE}`);
    process.exit(2);
  }
  return value;
}

/** How long each scenario runs; the whole default run stays under ten minutes on two cores. */
function settingsFor(quick: boolean) {
  return {
    ordersPerTenant: 100,
    webhooks: {
      concurrency: [10, 50, 200],
      warmUpRequests: quick ? 300 : 1_000,
      measureSeconds: quick ? 3 : 6,
      rounds: quick ? 1 : 3,
      maxMeasuredDeliveries: quick ? 5_000 : 20_000,
      drainLimitSeconds: 300,
    },
    gateway: { connections: 10, warmUpSeconds: quick ? 1 : 3, measureSeconds: quick ? 3 : 10, users: 500 },
    live: { subscribers: [1, 10, 200, 1_000], events: quick ? 3 : 10, perSocket: 20 },
    endToEnd: {
      rates: process.env['BENCH_E2E_RATES']?.split(',').map(Number) ?? [100, 250, 500, 1_000],
      stepSeconds: Number(process.env['BENCH_E2E_STEP_SECONDS'] ?? (quick ? 10 : 60)),
      drainDeliveries: Number(process.env['BENCH_E2E_DRAIN'] ?? (quick ? 5_000 : 20_000)),
      catchUpLimitSeconds: 300,
    },
    metrics: {
      orders: quick ? 100_000 : 1_000_000,
      cases: [
        { tenant: 'demo-bistro', days: 90 },
        { tenant: 'harbor-grill', days: 7 },
      ],
      warmUpRuns: 3,
      runs: quick ? 5 : 20,
    },
    control: {
      toggles: positive('BENCH_CONTROL_TOGGLES', quick ? 10 : 50),
      menuItems: positive('BENCH_CONTROL_MENU_ITEMS', 500),
      menuLimitSeconds: 300,
      resultWebhookGraceSeconds: quick ? 10 : 30,
    },
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const settings = settingsFor(options.quick);
  const log = (line: string): void => console.log(`bench │ ${line}`);
  const started = performance.now();
  const profileDir = path.join(RESULTS_DIR, 'profiles');
  if (options.profile) fs.rmSync(profileDir, { recursive: true, force: true });

  stopOnSignals(log);
  const stack = await startBenchStack({
    databaseUrl: process.env['DATABASE_URL'],
    ordersPerTenant: settings.ordersPerTenant,
    profile: options.profile
      ? { dir: profileDir, services: ['gateway', 'integrations', 'orders', 'worker'] }
      : undefined,
    log,
  });
  let results: BenchResults = {
    generatedAt: new Date().toISOString(),
    durationSeconds: 0,
    quick: options.quick,
    machine: machineInfo(),
    versions: softwareVersions(),
    database: await databaseFacts(stack),
    settings,
    scenarios: {},
  };
  runningStack = stack;
  // Profiled: the statements counted are the scenarios' own, not the migrations' and the seed's.
  const countingStatements = options.profile && (await resetStatementStatistics(stack));
  let statements: StatementStatistics[] = [];
  try {
    // Order matters: the dashboard query first (before the webhook runs add thousands of orders to count),
    // the live stream after the webhook backlog has drained, the million generated orders last.
    if (options.only.includes('gateway')) {
      await settle(stack, log);
      log('gateway: the dashboard orders page through our gateway, straight from orders, and through Hive Gateway');
      results.scenarios.gateway = await benchGatewayQuery(stack, settings.gateway, log);
    }
    if (options.only.includes('webhooks')) {
      await settle(stack, log);
      log('webhooks: signed deliveries of all four providers against a bare insert-per-request baseline');
      results.scenarios.webhookAccept = await benchWebhookAccept(stack, settings.webhooks, log);
    }
    if (options.only.includes('live')) {
      await settle(stack, log);
      log('live: webhook POST to every graphql-ws subscriber');
      results.scenarios.liveStream = await benchLiveStream(stack, settings.live, log);
    }
    if (options.only.includes('endToEnd')) {
      await settle(stack, log);
      log('endToEnd: signed deliveries at stepped offered rates, to the order committed and to a subscriber');
      results.scenarios.endToEnd = await benchEndToEnd(stack, settings.endToEnd, log);
    }
    if (options.only.includes('metrics')) {
      await settle(stack, log);
      log('metrics: orderMetrics, 7 days by hour, over generated orders');
      results.scenarios.orderMetrics = await benchOrderMetrics(stack, settings.metrics, log);
    }
    if (options.only.includes('control')) {
      await settle(stack, log);
      log('control: an item toggled SOLD_OUT and back, and a menu published, to every provider connection of a tenant');
      results.scenarios.controlPlane = await benchControlPlane(
        stack,
        { ...settings.control, quick: options.quick },
        log,
      );
    }
    if (countingStatements) statements = await statementStatistics(stack);
  } finally {
    runningStack = null;
    await stack.stop();
  }
  results.durationSeconds = Math.round((performance.now() - started) / 1000);

  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${options.out}.json`);
  if (options.merge && fs.existsSync(file)) {
    // The other scenarios keep their run (its date, machine and settings); each merged one carries its own date.
    const earlier = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResults;
    results = mergeResults(earlier, results);
  }
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  log(`wrote ${path.relative(REPO_ROOT, file)}`);
  if (options.out === 'latest') {
    const benchmarks = path.join(REPO_ROOT, 'BENCHMARKS.md');
    const rendered = renderBenchmarksMarkdown(results);
    // Merged: only the scenarios run change, so the hand-written notes beside the others stay.
    const written =
      options.merge && fs.existsSync(benchmarks)
        ? spliceScenarios(
            fs.readFileSync(benchmarks, 'utf8'),
            rendered,
            options.only.map((scenario) => MARKDOWN_PARTS[scenario]),
            ['Before and after the hot-path fixes', 'Kitchen display, 30 minutes', 'How it is measured'],
          )
        : rendered;
    fs.writeFileSync(benchmarks, written);
    log(options.merge ? `put ${options.only.join(', ')} into BENCHMARKS.md` : 'wrote BENCHMARKS.md');
  }
  if (options.profile) {
    for (const profile of fs.readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'))) {
      console.log(formatProfileSummary(summarizeProfile(path.join(profileDir, profile))));
    }
    if (statements.length) {
      const file = path.join(profileDir, 'statements.json');
      fs.writeFileSync(file, JSON.stringify(statements, null, 2) + '\n');
      console.log(formatStatements(statements));
      log(`wrote ${path.relative(REPO_ROOT, file)}`);
    }
  }
}

/** PostgreSQL's side of a profile: its statements by total time, with calls, so per-event counts can be read off. */
function formatStatements(statements: readonly StatementStatistics[]): string {
  const lines = statements.map(
    (s) =>
      `${s.totalMs.toFixed(0).padStart(9)} ms ${String(s.calls).padStart(9)} calls ${s.meanMs.toFixed(3).padStart(8)} ms` +
      ` ${String(s.rows).padStart(9)} rows ${s.nested ? 'nested ' : ''}${s.statement.slice(0, 160)}`,
  );
  return ['── PostgreSQL statements (pg_stat_statements), by total time', ...lines].join('\n');
}

/** The stack while scenarios run, for a signal to stop it gracefully. */
let runningStack: { stop: () => Promise<void> } | null = null;

/**
 * SIGINT (Ctrl-C) or SIGTERM ends the bench without leaving anything running:
 * the stack, when it is up, stops gracefully (services, then the database);
 * then the process exits, and the exit hooks stop whatever is left (services
 * still starting: bench-stack.ts; the embedded PostgreSQL: startDatabaseServer).
 * A second signal, or 30 s, skips the graceful part.
 */
function stopOnSignals(log: (line: string) => void): void {
  let stopping = false;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(code);
      stopping = true;
      log(`${signal}: stopping the services and the database`);
      const stack = runningStack;
      runningStack = null;
      setTimeout(() => process.exit(code), 30_000).unref();
      void (stack?.stop() ?? Promise.resolve())
        .catch((error: unknown) => log(`stopping after ${signal} failed: ${String(error)}`))
        .finally(() => process.exit(code));
    });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
