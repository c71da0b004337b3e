import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startProviderApi, type ProviderApi } from './callback-server';
import { SIMULATED_PROVIDERS, providerSlug, type SimulatedConnection, type SimulatedProvider } from './connections';
import { CURRENCY_EXPONENTS } from '@nexara/providers/testing';
import type { SimulatedMenuGroup, SimulatedMenuOption } from '@nexara/providers';
import { ScenarioRunner, type ScenarioSummary } from './scenario-runner';

const PROVIDER_NAMES = SIMULATED_PROVIDERS.map(providerSlug).join(',');

export const USAGE = `Usage: npm run simulate -- [options]

Plays the delivery providers against a running Nexara: signed webhooks in, callbacks recorded.

  --provider <list>        all, or a comma list of ${PROVIDER_NAMES}
                                                                                     (default all)
  --rate <n>               new orders per second across the connections             (default 5)
  --duration <seconds>     stop after this long; runs until Ctrl-C when omitted
  --connections <file>     JSON array of connections {provider, webhookUrl, secret, externalStoreId, currency, menu?}
                                                                                     (default .data/demo-connections.json)
  --api-port <port>        port of the providers' callback API on 127.0.0.1         (default 4010)
  --no-api                 do not serve the callback API (another process does)
  --seed <n>               repeatable payloads and decisions
  --status-ratio <0..1>    share of orders that get provider status updates         (default 0.5)
  --cancel-ratio <0..1>    share of orders the provider cancels                     (default 0.15)
  --duplicate-ratio <0..1> share of deliveries resent byte for byte                 (default 0.1)
  --out-of-order-ratio <0..1> share of updated orders sent newest first             (default 0.25)
  --follow-up-delay <ms>   pause before each follow-up                              (default 1000)
  --help                   this text
`;

export class CliUsageError extends Error {}

const number = (): z.ZodCoercedNumber<unknown> => z.coerce.number({ error: 'must be a number' });

const ratio = number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');

const cliArgsSchema = z.object({
  provider: z
    .string()
    .default('all')
    .transform((value, context): SimulatedProvider[] => {
      if (value.trim().toLowerCase() === 'all') return [...SIMULATED_PROVIDERS];
      const names = value
        .split(',')
        .map((name) => name.trim().toUpperCase())
        .filter((name) => name.length > 0);
      const unknown = names.filter((name) => !(SIMULATED_PROVIDERS as readonly string[]).includes(name));
      if (names.length === 0 || unknown.length > 0) {
        context.addIssue({
          code: 'custom',
          message: `unknown provider ${unknown.map((name) => `"${name.toLowerCase()}"`).join(', ') || '""'}; use all or ${PROVIDER_NAMES}`,
        });
        return z.NEVER;
      }
      return [...new Set(names)] as SimulatedProvider[];
    }),
  rate: number().positive('must be a positive number of orders per second').max(10_000).default(5),
  duration: number().positive('must be a positive number of seconds').optional(),
  connections: z.string().min(1).default('.data/demo-connections.json'),
  'api-port': number().int('must be an integer').min(0).max(65_535).default(4010),
  api: z.boolean().default(true),
  seed: number()
    .int('must be an integer')
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  'status-ratio': ratio.default(0.5),
  'cancel-ratio': ratio.default(0.15),
  'duplicate-ratio': ratio.default(0.1),
  'out-of-order-ratio': ratio.default(0.25),
  'follow-up-delay': number().int('must be an integer').min(0).max(600_000).default(1000),
  help: z.boolean().default(false),
});

export type CliArgs = z.output<typeof cliArgsSchema>;

/** Parses the command line; throws CliUsageError with every problem listed. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        provider: { type: 'string' },
        rate: { type: 'string' },
        duration: { type: 'string' },
        connections: { type: 'string' },
        'api-port': { type: 'string' },
        'no-api': { type: 'boolean' },
        seed: { type: 'string' },
        'status-ratio': { type: 'string' },
        'cancel-ratio': { type: 'string' },
        'duplicate-ratio': { type: 'string' },
        'out-of-order-ratio': { type: 'string' },
        'follow-up-delay': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    // node's parseArgs prefixes its messages with the error class and code; the sentence is what helps.
    throw new CliUsageError((error instanceof Error ? error.message : String(error)).replace(/^\w+ \[[A-Z_]+\]: /, ''));
  }
  const { 'no-api': noApi, ...rest } = values;
  const parsed = cliArgsSchema.safeParse({ ...rest, api: noApi === true ? false : undefined });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`);
    throw new CliUsageError(lines.join('\n'));
  }
  if (parsed.data['status-ratio'] + parsed.data['cancel-ratio'] > 1) {
    throw new CliUsageError('--status-ratio plus --cancel-ratio must not exceed 1.');
  }
  return parsed.data;
}

const localizedName = { en: z.string().min(1), ar: z.string().min(1) };
const minorUnits = z.number().int('must be whole minor units').min(0);
const menuOptionSchema: z.ZodType<SimulatedMenuOption> = z.lazy(() =>
  z.object({
    id: z.string().min(1),
    ...localizedName,
    priceAed: minorUnits,
    priceMinor: minorUnits.optional(),
    posId: z.string().min(1).optional(),
    maxQuantity: z.number().int().min(1).optional(),
    groups: z.array(menuGroupSchema).optional(),
  }),
);
const menuGroupSchema: z.ZodType<SimulatedMenuGroup> = z.lazy(() =>
  z
    .object({
      id: z.string().min(1),
      ...localizedName,
      min: z.number().int().min(0),
      max: z.number().int().min(1),
      options: z.array(menuOptionSchema).min(1),
    })
    .refine((group) => group.min <= group.max, { message: 'min must not exceed max' }),
);
/** A connection's own menu (the demo writes its catalog menu): what its orders are drawn from. */
const menuSchema = z.object({
  id: z.string().min(1),
  ...localizedName,
  items: z
    .array(
      z.object({
        id: z.string().min(1),
        platformId: z.number().int().min(1),
        ...localizedName,
        priceAed: minorUnits,
        priceMinor: minorUnits.optional(),
        posId: z.string().min(1).optional(),
        groups: z.array(menuGroupSchema),
      }),
    )
    .min(1, 'a menu needs at least one item'),
});

const connectionSchema = z.object({
  provider: z.enum(SIMULATED_PROVIDERS),
  webhookUrl: z.url({ protocol: /^https?$/ }),
  secret: z.string().min(1),
  externalStoreId: z.string().min(1),
  currency: z.string().refine((code) => code in CURRENCY_EXPONENTS, {
    message: `currency must be one of ${Object.keys(CURRENCY_EXPONENTS).join(', ')}`,
  }),
  menu: menuSchema.optional(),
});

/** Reads and checks a connections file (unknown fields are allowed: the demo may add its own). */
export function parseConnections(text: string, source: string): SimulatedConnection[] {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliUsageError(`${source} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = z.array(connectionSchema).safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `${source}${issue.path.map((part) => `[${String(part)}]`).join('')}: ${issue.message}`,
    );
    throw new CliUsageError(lines.join('\n'));
  }
  return parsed.data;
}

export function formatSummary(summary: ScenarioSummary, elapsedMs: number): string {
  const seconds = Math.floor(elapsedMs / 1000);
  const clock = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  const parts = [
    `sent ${summary.sent}`,
    `2xx ${summary.ok}`,
    `4xx ${summary.clientErrors}`,
    `5xx ${summary.serverErrors}`,
    `no answer ${summary.networkErrors}`,
    `duplicates ${summary.duplicates}`,
    `p50 ${summary.p50Ms} ms`,
    `p99 ${summary.p99Ms} ms`,
  ];
  if (summary.contractViolations > 0) parts.push(`contract violations ${summary.contractViolations}`);
  return `[simulate ${clock}] ${parts.join(' | ')}`;
}

export type CliIo = { log: (line: string) => void; error: (line: string) => void; cwd: string };

/** Runs the simulator; resolves with the exit code. `stopSignal` ends an open-ended run (Ctrl-C in main). */
export async function runSimulateCli(argv: readonly string[], io: CliIo, stopSignal: AbortSignal): Promise<number> {
  let args: CliArgs;
  let connections: SimulatedConnection[];
  try {
    args = parseCliArgs(argv);
    if (args.help) {
      io.log(USAGE);
      return 0;
    }
    const path = resolve(io.cwd, args.connections);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new CliUsageError(
        `Cannot read connections from ${path} (${error instanceof Error ? error.message : String(error)}). ` +
          'Start the demo (npm start) to write it, or pass --connections <file>.',
      );
    }
    connections = parseConnections(text, args.connections).filter((connection) =>
      args.provider.includes(connection.provider),
    );
    if (connections.length === 0) {
      throw new CliUsageError(
        `${args.connections} has no connection for ${args.provider.map(providerSlug).join(', ')}.`,
      );
    }
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.error(`simulate: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }

  let api: ProviderApi | null = null;
  if (args.api) {
    // The providers' asynchronous results (a menu upload's) go to the same connections.
    api = await startProviderApi({ port: args['api-port'], host: '127.0.0.1', results: { connections } });
    io.log(
      `Provider callback APIs on ${api.url} (${SIMULATED_PROVIDERS.map((p) => `${providerSlug(p)}: ${api?.baseUrl(p)}`).join(', ')})`,
    );
  }
  const runner = new ScenarioRunner({
    connections,
    ratePerSecond: args.rate,
    durationMs: args.duration === undefined ? undefined : args.duration * 1000,
    seed: args.seed,
    statusUpdateRatio: args['status-ratio'],
    cancellationRatio: args['cancel-ratio'],
    duplicateRatio: args['duplicate-ratio'],
    outOfOrderRatio: args['out-of-order-ratio'],
    followUpDelayMs: args['follow-up-delay'],
  });
  io.log(
    `Sending ${args.rate} orders/s to ${connections.length} connection(s) (${[...new Set(connections.map((c) => providerSlug(c.provider)))].join(', ')})` +
      (args.duration === undefined ? ' until Ctrl-C.' : ` for ${args.duration} s.`),
  );

  const started = Date.now();
  const progress = setInterval(() => io.log(formatSummary(runner.summary(), Date.now() - started)), 5000);
  try {
    if (args.duration === undefined) {
      runner.start();
      await new Promise<void>((done) => {
        if (stopSignal.aborted) done();
        else stopSignal.addEventListener('abort', () => done(), { once: true });
      });
      await runner.stop();
    } else {
      const onStop = (): void => void runner.stop();
      stopSignal.addEventListener('abort', onStop, { once: true });
      await runner.run();
      stopSignal.removeEventListener('abort', onStop);
    }
  } finally {
    clearInterval(progress);
    await api?.close();
  }

  io.log(formatSummary(runner.summary(), Date.now() - started));
  const violations = runner.ledger.filter((entry) => entry.contractViolation !== null);
  for (const entry of violations.slice(0, 5)) {
    io.error(`contract: ${entry.provider} ${entry.kind} #${entry.seq}: ${entry.contractViolation ?? ''}`);
  }
  for (const problem of runner.problems.slice(0, 5)) io.error(`simulator: ${problem}`);
  const skipped = runner.orders.filter((order) => order.skipped !== null);
  if (skipped.length > 0) io.error(`${skipped.length} order(s) got no follow-ups: ${skipped[0]?.skipped ?? ''}`);
  return 0;
}

function main(): void {
  const controller = new AbortController();
  const stop = (): void => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const io: CliIo = { log: (line) => console.log(line), error: (line) => console.error(line), cwd: process.cwd() };
  runSimulateCli(process.argv.slice(2), io, controller.signal).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(1);
    },
  );
}

if (require.main === module) main();
