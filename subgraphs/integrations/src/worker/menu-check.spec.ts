import http from 'node:http';
import type net from 'node:net';
import { createLogger, Registry } from '@nexara/kit';
import { eventually } from '@nexara/test-support';
import { createCatalogClient, type BranchItemState } from '../control/catalog-client';
import { integrationsMetrics } from '../metrics';
import { createMenuCheck, menuWarnings } from './menu-check';

const item = (
  id: string,
  state: BranchItemState['state'],
  posId: string | null,
  en: string,
  ar: string | null = null,
) => ({
  item: { id, externalPosId: posId, name: { en, ar } },
  state,
});
const ITEMS: BranchItemState[] = [
  item('11111111-1111-4111-8111-111111111111', 'SOLD_OUT', 'POS-BURGER', 'Burger', 'برجر'),
  item('22222222-2222-4222-8222-222222222222', 'HIDDEN', 'POS-FRIES', 'Fries'),
  item('33333333-3333-4333-8333-333333333333', 'AVAILABLE', 'POS-COLA', 'Cola'),
  item('44444444-4444-4444-8444-444444444444', 'SOLD_OUT', null, 'Soup of the day'),
];

describe('menuWarnings', () => {
  it('matches lines by POS id, then by name in either language, and warns of sold-out and hidden items only', () => {
    expect(
      menuWarnings(
        [
          { externalId: 'POS-BURGER', name: 'Big burger' },
          { externalId: 'unknown', name: ' fries ' },
          { externalId: 'POS-COLA', name: 'Cola' },
          { externalId: null, name: 'SOUP OF THE DAY' },
          { externalId: null, name: 'برجر' },
          { externalId: null, name: 'Not on the menu' },
        ],
        ITEMS,
      ),
    ).toEqual([
      {
        code: 'ITEM_SOLD_OUT',
        itemId: ITEMS[0]!.item.id,
        itemName: 'Big burger',
        externalPosId: 'POS-BURGER',
        message: "Big burger is sold out on this branch's menu.",
      },
      {
        code: 'ITEM_HIDDEN',
        itemId: ITEMS[1]!.item.id,
        itemName: ' fries ',
        externalPosId: null,
        message: " fries  is hidden on this branch's menu.",
      },
      {
        code: 'ITEM_SOLD_OUT',
        itemId: ITEMS[3]!.item.id,
        itemName: 'SOUP OF THE DAY',
        externalPosId: null,
        message: "SOUP OF THE DAY is sold out on this branch's menu.",
      },
    ]);
  });

  it('gives none for an order of available or unknown items', () => {
    expect(
      menuWarnings(
        [
          { externalId: 'POS-COLA', name: 'Cola' },
          { externalId: 'x', name: 'y' },
        ],
        ITEMS,
      ),
    ).toEqual([]);
  });
});

describe('createMenuCheck against a catalog that does not answer (real HTTP)', () => {
  let silent: http.Server;
  const sockets = new Set<net.Socket>();
  let url: string;

  beforeAll(async () => {
    silent = http.createServer(() => undefined);
    silent.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('answers no warnings, counts each order, and asks again only after the cache time', async () => {
    const registry = new Registry();
    const metrics = integrationsMetrics(registry);
    let now = 0;
    let asked = 0;
    const logged: string[] = [];
    const client = createCatalogClient({ url, internalTokenSecret: 'x'.repeat(32), timeoutMs: 50 });
    const check = createMenuCheck({
      catalog: { branchAvailability: (...args) => ((asked += 1), client.branchAvailability(...args)) },
      logger: createLogger('menu-check-spec', 'warn', { write: (line: string) => void logged.push(line) }),
      metrics,
      cacheMs: 1_000,
      now: () => now,
    });
    const connection = { tenantId: 'a4c5a9c2-3f0e-4a53-9d2a-1c1c7f0e0001', branchId: 'b1', provider: 'P' };
    const order = { items: [{ externalId: 'POS-BURGER', name: 'Burger' }] } as never;
    await expect(check.warningsFor(connection, order)).resolves.toEqual([]);
    await expect(check.warningsFor(connection, order)).resolves.toEqual([]);
    expect(asked).toBe(1);
    now = 1_000;
    await expect(check.warningsFor(connection, order)).resolves.toEqual([]);
    expect(asked).toBe(2);
    expect(logged).toHaveLength(2);
    expect(logged[0]).toContain('catalog did not answer the menu check');
    expect((await metrics.menuCheckUnavailable.get()).values).toEqual([{ labels: { provider: 'P' }, value: 3 }]);
  });
});

describe('createMenuCheck against a catalog that answers (real HTTP)', () => {
  let catalog: http.Server;
  let url: string;
  /** Each request's answer waits until its entry here is called (answered at once unless `holdNext` is set). */
  const held: (() => void)[] = [];
  let holdNext = false;
  let burger: BranchItemState['state'] = 'SOLD_OUT';

  beforeAll(async () => {
    catalog = http.createServer((request, response) => {
      request.resume();
      const answer = (): void => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ data: { branchAvailability: [{ ...ITEMS[0]!, state: burger }] } }));
      };
      if (holdNext) held.push(answer);
      else answer();
    });
    await new Promise<void>((resolve) => catalog.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(catalog.address() as net.AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    for (const answer of held.splice(0)) answer();
    catalog.closeAllConnections();
    await new Promise((resolve) => catalog.close(resolve));
  });

  it('asks a busy branch again past half the cache time without holding its orders, and awaits that answer at the expiry', async () => {
    let now = 0;
    let asked = 0;
    const client = createCatalogClient({ url, internalTokenSecret: 'x'.repeat(32), timeoutMs: 5_000 });
    const check = createMenuCheck({
      catalog: { branchAvailability: (...args) => ((asked += 1), client.branchAvailability(...args)) },
      logger: createLogger('menu-check-spec', 'warn', { write: () => undefined }),
      cacheMs: 1_000,
      now: () => now,
    });
    const connection = { tenantId: 'a4c5a9c2-3f0e-4a53-9d2a-1c1c7f0e0001', branchId: 'b1', provider: 'P' };
    const order = { items: [{ externalId: 'POS-BURGER', name: 'Burger' }] } as never;
    const soldOut = [expect.objectContaining({ code: 'ITEM_SOLD_OUT' })];
    await expect(check.warningsFor(connection, order)).resolves.toEqual(soldOut);

    // Past half its life: the answer in hand serves while the catalog's new answer (the burger is back) is held.
    holdNext = true;
    burger = 'AVAILABLE';
    now = 600;
    await expect(check.warningsFor(connection, order)).resolves.toEqual(soldOut);
    now = 700;
    await expect(check.warningsFor(connection, order)).resolves.toEqual(soldOut);
    expect(asked).toBe(2);

    // Expired with the new answer still on its way: it is awaited, not asked for again.
    now = 1_100;
    const atExpiry = check.warningsFor(connection, order);
    await eventually(async () => (held.length === 1 ? true : undefined), 10_000, 'the catalog holding the new answer');
    held.shift()!();
    await expect(atExpiry).resolves.toEqual([]);
    expect(asked).toBe(2);
  });
});
