import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliUsageError, formatSummary, parseCliArgs, parseConnections, runSimulateCli, type CliIo } from './cli';
import { OWN_MENU } from '@nexara/providers/testing';
import { SIMULATED_PROVIDERS, providerSlug } from './connections';
import { startFakePlatform, type FakePlatform } from './testing/fake-platform';

/** The registry's first and last providers, and their path segments as a person types them (any case). */
const FIRST = SIMULATED_PROVIDERS[0];
const LAST = SIMULATED_PROVIDERS.at(-1)!;
const capitalized = (slug: string): string => slug.charAt(0).toUpperCase() + slug.slice(1);

describe('parseCliArgs', () => {
  it('applies the documented defaults', () => {
    expect(parseCliArgs([])).toMatchObject({
      provider: [...SIMULATED_PROVIDERS],
      rate: 5,
      connections: '.data/demo-connections.json',
      'api-port': 4010,
      api: true,
    });
  });

  it('reads the options of `npm run simulate -- --provider all --rate 5 --duration 60`', () => {
    expect(
      parseCliArgs([
        '--provider',
        `${providerSlug(FIRST)},${capitalized(providerSlug(LAST))}`,
        '--rate',
        '2.5',
        '--duration',
        '60',
        '--api-port',
        '4999',
        '--seed',
        '8',
        '--no-api',
      ]),
    ).toMatchObject({
      provider: [FIRST, LAST],
      rate: 2.5,
      duration: 60,
      'api-port': 4999,
      seed: 8,
      api: false,
    });
  });

  it.each([
    [['--rate', 'fast'], /--rate/],
    [['--rate', '0'], /--rate: must be a positive number/],
    [['--provider', 'noon'], /unknown provider "noon"/],
    [['--duration', '-1'], /--duration/],
    [['--api-port', '70000'], /--api-port/],
    [['--duplicate-ratio', '1.5'], /--duplicate-ratio: must be between 0 and 1/],
    [['--status-ratio', '0.9', '--cancel-ratio', '0.2'], /must not exceed 1/],
    [['--speed', '3'], /speed/],
    [['extra'], /extra/],
  ])('explains what is wrong with %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it('lists every problem at once', () => {
    expect(() => parseCliArgs(['--rate', '0', '--seed=-4'])).toThrow(/--rate[\s\S]*--seed/);
    expect(parseCliArgs([]).duration).toBeUndefined();
  });
});

describe('parseConnections', () => {
  const valid = {
    provider: FIRST,
    webhookUrl: `http://localhost:4000/webhooks/${providerSlug(FIRST)}/k`,
    secret: 's',
    externalStoreId: 'b1',
    currency: 'AED',
  };

  it('accepts the demo file shape, extra fields included', () => {
    expect(parseConnections(JSON.stringify([{ ...valid, tenant: 'demo' }]), 'c.json')).toEqual(
      [{ ...valid, tenant: 'demo' }].map(({ tenant: _t, ...rest }) => rest),
    );
  });

  it('names the connection and field that is wrong', () => {
    expect(() => parseConnections(JSON.stringify([valid, { ...valid, currency: 'XYZ' }]), 'c.json')).toThrow(
      /c\.json\[1\]\[currency\]: currency must be one of/,
    );
    expect(() => parseConnections(JSON.stringify([{ ...valid, webhookUrl: 'not a url' }]), 'c.json')).toThrow(
      /\[0\]\[webhookUrl\]/,
    );
    expect(() => parseConnections('{', 'c.json')).toThrow(/c\.json is not JSON/);
  });

  const menu = OWN_MENU;

  it("keeps a connection's own menu, the demo's catalog menu, for the orders to be drawn from", () => {
    expect(parseConnections(JSON.stringify([{ ...valid, menu }]), 'c.json')).toEqual([{ ...valid, menu }]);
  });

  it('names what is wrong in a menu', () => {
    const badPrice = { ...menu, items: [{ ...menu.items[0]!, priceMinor: 18.5 }] };
    expect(() => parseConnections(JSON.stringify([{ ...valid, menu: badPrice }]), 'c.json')).toThrow(
      /c\.json\[0\]\[menu\]\[items\]\[0\]\[priceMinor\]: must be whole minor units/,
    );
    const badGroup = { ...menu, items: [{ ...menu.items[0]!, groups: [{ ...menu.items[0]!.groups[0]!, min: 2 }] }] };
    expect(() => parseConnections(JSON.stringify([{ ...valid, menu: badGroup }]), 'c.json')).toThrow(
      /\[groups\]\[0\]: min must not exceed max/,
    );
    expect(() => parseConnections(JSON.stringify([{ ...valid, menu: { ...menu, items: [] } }]), 'c.json')).toThrow(
      /\[menu\]\[items\]: a menu needs at least one item/,
    );
  });
});

describe('formatSummary', () => {
  it('prints one line with the counts and latencies', () => {
    const line = formatSummary(
      {
        sent: 12,
        newOrders: 8,
        statusUpdates: 2,
        cancellations: 1,
        duplicates: 1,
        outOfOrder: 0,
        ok: 10,
        clientErrors: 1,
        serverErrors: 1,
        networkErrors: 0,
        contractViolations: 0,
        p50Ms: 4,
        p99Ms: 31,
      },
      65_000,
    );
    expect(line).toBe(
      '[simulate 01:05] sent 12 | 2xx 10 | 4xx 1 | 5xx 1 | no answer 0 | duplicates 1 | p50 4 ms | p99 31 ms',
    );
  });
});

describe('runSimulateCli', () => {
  let platform: FakePlatform;
  let dir: string;
  let output: string[];
  let errors: string[];
  let io: CliIo;

  beforeEach(async () => {
    platform = await startFakePlatform();
    dir = await mkdtemp(join(tmpdir(), 'nexara-simulate-'));
    await writeFile(join(dir, 'connections.json'), JSON.stringify(platform.connections));
    output = [];
    errors = [];
    io = { log: (line) => output.push(line), error: (line) => errors.push(line), cwd: dir };
  });

  afterEach(async () => {
    await platform.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('drives the connections for the duration, serves the provider API meanwhile, and ends with a summary', async () => {
    const chosen = [platform.connections[0]!.provider, platform.connections.at(-1)!.provider];
    const code = await runSimulateCli(
      [
        '--connections',
        'connections.json',
        '--rate',
        '40',
        '--duration',
        '0.3',
        '--api-port',
        '0',
        '--provider',
        chosen.map(providerSlug).join(','),
        '--follow-up-delay',
        '0',
        '--seed',
        '4',
      ],
      io,
      new AbortController().signal,
    );
    expect(errors).toEqual([]);
    expect(code).toBe(0);
    expect(output[0]).toMatch(/^Provider callback APIs on http:\/\/127\.0\.0\.1:\d+/);
    expect(output.at(-1)).toMatch(/^\[simulate \d\d:\d\d\] sent \d+ \| 2xx \d+ \| 4xx 0 \| 5xx 0 \| no answer 0/);
    expect(platform.deliveries.length).toBeGreaterThan(0);
    expect(new Set(platform.deliveries.map((d) => d.provider))).toEqual(new Set(chosen));
  });

  it('runs until stopped when no duration is given', async () => {
    const controller = new AbortController();
    const running = runSimulateCli(
      ['--connections', 'connections.json', '--rate', '50', '--no-api', '--follow-up-delay', '0'],
      io,
      controller.signal,
    );
    controller.abort();
    expect(await running).toBe(0);
    expect(output.some((line) => line.startsWith('Provider callback APIs'))).toBe(false);
  });

  it('exits 2 with a clear message when the connections file is missing', async () => {
    expect(await runSimulateCli(['--connections', 'nope.json'], io, new AbortController().signal)).toBe(2);
    expect(errors[0]).toMatch(/Cannot read connections from .*nope\.json[\s\S]*npm start/);
  });

  it('exits 2 when no connection matches the providers asked for', async () => {
    const [present, absent] = [platform.connections[0]!.provider, platform.connections[1]!.provider];
    await writeFile(
      join(dir, 'one-provider.json'),
      JSON.stringify(platform.connections.filter((c) => c.provider === present)),
    );
    expect(
      await runSimulateCli(
        ['--connections', 'one-provider.json', '--provider', providerSlug(absent)],
        io,
        new AbortController().signal,
      ),
    ).toBe(2);
    expect(errors[0]).toContain(`no connection for ${providerSlug(absent)}`);
  });
});
