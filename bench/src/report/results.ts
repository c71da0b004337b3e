import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@nexara/stack';
import type { MachineInfo } from '../machine';
import type { EndToEndResult } from '../scenarios/end-to-end';
import type { GatewayResult } from '../scenarios/gateway-query';
import type { LiveStreamResult } from '../scenarios/live-stream';
import type { OrderMetricsResult } from '../scenarios/order-metrics';
import type { WebhookAcceptResult } from '../scenarios/webhook-accept';
import type { ControlPlaneResult } from '../scenarios/control-plane';
import type { BenchStack } from '../stack/bench-stack';

export const RESULTS_DIR = path.join(REPO_ROOT, 'bench', 'results');

/** What `bench/results/*.json` holds: one run, everything measured in it. */
export type BenchResults = {
  generatedAt: string;
  durationSeconds: number;
  /** Shortened runs (`--quick`): for trying the harness, not for comparing. */
  quick: boolean;
  machine: MachineInfo;
  versions: Record<string, string>;
  database: DatabaseFacts;
  settings: unknown;
  scenarios: {
    gateway?: GatewayResult;
    webhookAccept?: WebhookAcceptResult;
    liveStream?: LiveStreamResult;
    orderMetrics?: OrderMetricsResult;
    endToEnd?: EndToEndResult;
    controlPlane?: ControlPlaneResult;
  };
};

/**
 * `later`'s scenarios put into `earlier` (`npm run bench -- --scenario control --merge`): the
 * scenarios `later` did not run keep `earlier`'s figures, date and settings; those it ran replace theirs.
 */
export function mergeResults(earlier: BenchResults, later: BenchResults): BenchResults {
  const settings =
    typeof earlier.settings === 'object' && earlier.settings !== null && typeof later.settings === 'object'
      ? {
          ...(earlier.settings as Record<string, unknown>),
          ...Object.fromEntries(
            Object.keys(later.scenarios).map((name) => [
              SETTINGS_OF[name as keyof BenchResults['scenarios']],
              (later.settings as Record<string, unknown>)[SETTINGS_OF[name as keyof BenchResults['scenarios']]],
            ]),
          ),
        }
      : earlier.settings;
  return { ...earlier, settings, scenarios: { ...earlier.scenarios, ...later.scenarios } };
}

/** Which part of the settings each scenario's result was measured with. */
const SETTINGS_OF: Record<keyof BenchResults['scenarios'], string> = {
  gateway: 'gateway',
  webhookAccept: 'webhooks',
  liveStream: 'live',
  orderMetrics: 'metrics',
  endToEnd: 'endToEnd',
  controlPlane: 'control',
};

export type DatabaseFacts = {
  embedded: boolean;
  version: string;
  fsync: string;
  synchronousCommit: string;
  maxConnections: string;
};

/** Versions of what is measured and what measures, as installed. */
export function softwareVersions(): Record<string, string> {
  const versionOf = (name: string): string => {
    const file = path.join(REPO_ROOT, 'node_modules', name, 'package.json');
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version : 'missing';
  };
  const packages = [
    '@apollo/gateway',
    '@apollo/server',
    '@graphql-hive/gateway',
    'graphql',
    'fastify',
    'graphql-ws',
    'pg',
    'graphile-worker',
    'autocannon',
  ];
  return { node: process.version, ...Object.fromEntries(packages.map((name) => [name, versionOf(name)])) };
}

/** Durability settings decide what an insert costs, so they are part of every result. */
export async function databaseFacts(stack: BenchStack): Promise<DatabaseFacts> {
  return stack.withDatabase(async (client) => {
    const show = async (setting: string): Promise<string> => {
      const { rows } = await client.query<Record<string, string>>(`show ${setting}`);
      return Object.values(rows[0]!)[0]!;
    };
    return {
      embedded: stack.embedded,
      version: await show('server_version'),
      fsync: await show('fsync'),
      synchronousCommit: await show('synchronous_commit'),
      maxConnections: await show('max_connections'),
    };
  });
}
