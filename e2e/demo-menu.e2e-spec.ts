import { capabilityFor, providerDefinition, type Provider } from '@nexara/providers';
import { ScenarioRunner, type ReceivedCall } from '@nexara/simulator';
import { DEMO_TENANTS, demoSimulatorMenu, dishesOf, seedDemoMenus, type SeededMenu } from '@nexara/stack';
import { toMinorUnits } from '@nexara/kit';
import { eventually, testSecrets } from '@nexara/test-support';
import { seededConnection, signIn, startTestPlatform, type TestPlatform } from './support/platform';

/**
 * The demo's menus (docs/control-plane.md, "The demo"): each demo tenant's
 * menu imported through the catalog's API, the provider ids set on every
 * connection, the publish pushed by the worker to the simulator's control
 * APIs, and the simulator's orders made of that menu's items.
 */
let platform: TestPlatform;
let seeded: SeededMenu[];

const urls = () => ({
  integrations: `${platform.urls.integrations}/graphql`,
  catalog: `${platform.urls.catalog}/graphql`,
});

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 2, worker: true, providerApi: true });
  // As `npm run simulate` does: the providers' asynchronous results (a menu upload's) go to the seeded connections.
  platform.providerApi!.deliverResultsTo(
    platform.seed.tenants.flatMap((tenant) =>
      tenant.connections.map((connection) => seededConnection(platform, tenant.slug, connection.provider)),
    ),
  );
  seeded = await seedDemoMenus({
    urls: urls(),
    internalTokenSecret: testSecrets.internalTokenSecret,
    tenants: platform.seed.demoTenants,
    publish: true,
  });
}, 180_000);

afterAll(async () => {
  await platform?.stop();
});

type MenuRead = {
  id: string;
  currency: string;
  branchIds: string[];
  categories: { itemIds: string[] }[];
  items: { id: string; externalPosId: string; name: { en: string; ar: string }; price: { amount: number } }[];
  modifierGroups: { options: { itemId: string }[] }[];
};

describe('the demo menu', () => {
  it("gives each demo tenant its menu, in its currency's minor units, and the provider ids on every connection", async () => {
    expect(seeded.map((menu) => [menu.slug, menu.imported])).toEqual(DEMO_TENANTS.map((t) => [t.slug, true]));
    for (const demo of DEMO_TENANTS) {
      const owner = await signIn(platform, demo.ownerEmail);
      const { menus } = await owner.query<{ menus: MenuRead[] }>(
        `{ menus { id currency branchIds categories { itemIds } modifierGroups { options { itemId } }
                   items { id externalPosId name { en ar } price { amount } } } }`,
      );
      expect(menus).toHaveLength(1);
      const [menu] = menus as [MenuRead];
      expect(menu.currency).toBe(demo.currency);
      expect(menu.branchIds).toEqual(seeded.find((s) => s.slug === demo.slug)!.branchIds);
      // Every item as the demo wrote it, names in both languages, the price in minor units (SAR 2, KWD 3 decimals).
      expect(menu.items.map((item) => [item.externalPosId, item.name, item.price.amount])).toEqual(
        demo.menu.items.map((item) => [item.externalPosId, item.name, toMinorUnits(item.price, demo.currency)]),
      );
      expect(menu.categories.flatMap((c) => c.itemIds)).toHaveLength(dishesOf(demo.menu).length);
      expect(menu.modifierGroups.length).toBeGreaterThan(0);

      const { connections } = await owner.query<{ connections: { provider: Provider; controlIds: object }[] }>(
        '{ connections { provider controlIds } }',
      );
      for (const connection of connections) {
        expect([connection.provider, connection.controlIds]).toEqual([
          connection.provider,
          providerDefinition(connection.provider).identity.demo.controlIds,
        ]);
      }
    }
  });

  it('ends the publish APPLIED on every provider with a menu capability, the simulator holding every item', async () => {
    const owner = await signIn(platform, 'owner@demo-bistro.test');
    const bistro = seeded.find((menu) => menu.slug === 'demo-bistro')!;
    expect(bistro.published).toHaveLength(platform.seed.tenants[0]!.connections.length);
    let last: unknown = null;
    const ended = await eventually(
      async () => {
        const jobs = await Promise.all(
          bistro.published.map(
            async (job) =>
              (
                await owner.query<{ catalogSyncJob: { provider: Provider; status: string; reason: string | null } }>(
                  'query ($id: ID!) { catalogSyncJob(id: $id) { provider status reason } }',
                  { id: job.id },
                )
              ).catalogSyncJob,
          ),
        );
        last = jobs;
        return jobs.every((job) => job.status !== 'PENDING') ? jobs : undefined;
      },
      90_000,
      'the demo menu published',
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}; the jobs: ${JSON.stringify(last)}`);
    });
    for (const job of ended) {
      const menu = capabilityFor(providerDefinition(job.provider).control, 'MENU');
      const outcome = [job.status, job.reason];
      if (menu === null) expect(outcome).toEqual(['FAILED', `${job.provider} has no MENU capability in Nexara.`]);
      // By the provider's answer, by asking it, or by its result webhook (docs/control-plane.md).
      else expect([job.provider, ...outcome]).toEqual([job.provider, 'APPLIED', null]);
    }
    expect(ended.filter((job) => job.status === 'APPLIED').length).toBeGreaterThan(0);
    // The simulator's own record of the uploads: each provider that took the menu got every item.
    const demo = DEMO_TENANTS.find((t) => t.slug === 'demo-bistro')!;
    for (const job of ended.filter((j) => j.status !== 'FAILED')) {
      const response = await fetch(`${platform.providerApi!.url}/records?provider=${job.provider.toLowerCase()}`);
      const calls = (await response.json()) as ReceivedCall[];
      const sent = JSON.stringify(calls.map((call) => call.body));
      expect([job.provider, demo.menu.items.every((item) => sent.includes(item.name.en))]).toEqual([
        job.provider,
        true,
      ]);
    }
  }, 120_000);

  it('keeps the menu on a second start: no second import, the same menu', async () => {
    const again = await seedDemoMenus({
      urls: urls(),
      internalTokenSecret: testSecrets.internalTokenSecret,
      tenants: platform.seed.demoTenants,
      publish: false,
    });
    expect(again.map((menu) => [menu.slug, menu.menuId, menu.imported])).toEqual(
      seeded.map((menu) => [menu.slug, menu.menuId, false]),
    );
  });

  it('refuses a tenant that is not a demo tenant, and changes nothing', async () => {
    await expect(
      seedDemoMenus({
        urls: urls(),
        internalTokenSecret: testSecrets.internalTokenSecret,
        tenants: [{ tenantId: platform.seed.demoTenants[0]!.tenantId, slug: 'no-such-restaurant' }],
        publish: true,
      }),
    ).rejects.toThrow('"no-such-restaurant" is not a demo tenant (demo-bistro, harbor-grill).');
    const owner = await signIn(platform, 'owner@demo-bistro.test');
    const { menus } = await owner.query<{ menus: unknown[] }>('{ menus { id } }');
    expect(menus).toHaveLength(1);
  });

  it("makes the simulator's orders of the tenant's menu items, at the menu's prices", async () => {
    for (const demo of DEMO_TENANTS) {
      const connections = platform.seed.tenants
        .find((t) => t.slug === demo.slug)!
        .connections.map((c) => ({
          ...seededConnection(platform, demo.slug, c.provider),
          menu: demoSimulatorMenu(demo),
        }));
      const runner = new ScenarioRunner({
        connections,
        ratePerSecond: 20,
        maxOrders: connections.length * 2,
        seed: 7,
        statusUpdateRatio: 0,
        cancellationRatio: 0,
        duplicateRatio: 0,
      });
      await runner.run();
      expect(runner.problems).toEqual([]);
      const externalIds = runner.orders.map((order) => order.externalId);

      const owner = await signIn(platform, demo.ownerEmail);
      type Line = {
        externalId: string | null;
        name: string;
        unitPrice: { amount: number };
        modifiers: { name: string }[];
      };
      const orders = await eventually(
        async () => {
          const { orders: page } = await owner.query<{
            orders: { edges: { node: { externalId: string; items: Line[] } }[] };
          }>(
            '{ orders(first: 100) { edges { node { externalId items { externalId name unitPrice { amount } modifiers { name } } } } } }',
          );
          const mine = page.edges.map((e) => e.node).filter((node) => externalIds.includes(node.externalId));
          return mine.length === externalIds.length ? mine : undefined;
        },
        60_000,
        `the ${demo.name} simulator orders processed`,
      );
      const byPosId = new Map(demo.menu.items.map((item) => [item.externalPosId, item]));
      // A provider may send a modifier group as a modifier of its own, its choices below it.
      const optionNames = new Set(
        [...demo.menu.items, ...demo.menu.modifierGroups].flatMap((entry) => [entry.name.en, entry.name.ar]),
      );
      for (const line of orders.flatMap((order) => order.items)) {
        const item = byPosId.get(line.externalId ?? '');
        expect([line.externalId, item !== undefined]).toEqual([line.externalId, true]);
        expect([line.name, line.unitPrice.amount]).toEqual([
          expect.stringMatching(new RegExp(`${escape(item!.name.en)}|${escape(item!.name.ar)}`)),
          toMinorUnits(item!.price, demo.currency),
        ]);
        for (const modifier of line.modifiers)
          expect([modifier.name, optionNames.has(modifier.name)]).toEqual([modifier.name, true]);
      }
    }
  }, 120_000);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
