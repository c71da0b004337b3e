import { buildWebhook, sendWebhook } from '@nexara/simulator';
import { DEMO_TENANTS, demoSimulatorMenu, dishesOf, seedDemoMenus } from '@nexara/stack';
import { eventually, testSecrets } from '@nexara/test-support';
import {
  seededConnection,
  signIn,
  startTestPlatform,
  subscribersListening,
  type TestPlatform,
} from './support/platform';
import { collect, wsClient } from './support/ws-client';

/**
 * Orders meet the menu (docs/control-plane.md, "Orders meet the menu"): an
 * order naming an item the branch has sold out or hidden arrives with a
 * warning, stored with the order and seen by `orderChanged` subscribers
 * through the gateway; an available item gives none.
 */
let platform: TestPlatform;
let owner: Awaited<ReturnType<typeof signIn>>;
const demo = DEMO_TENANTS[0]!;

type Warning = { code: string; itemId: string; itemName: string; externalPosId: string | null; message: string };
type Changed = { orderChanged: { id: string; externalId: string; menuWarnings: Warning[] } };
const ORDER_CHANGED = `subscription {
  orderChanged { id externalId menuWarnings { code itemId itemName externalPosId message } }
}`;

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 0, worker: true });
  await seedDemoMenus({
    urls: { integrations: `${platform.urls.integrations}/graphql`, catalog: `${platform.urls.catalog}/graphql` },
    internalTokenSecret: testSecrets.internalTokenSecret,
    tenants: platform.seed.demoTenants.filter((tenant) => tenant.slug === demo.slug),
    publish: false,
  });
  owner = await signIn(platform, demo.ownerEmail);
}, 180_000);

afterAll(async () => {
  await platform?.stop();
});

describe('menu warnings on new orders', () => {
  it('warns of sold-out and hidden items, not of available ones, on the order and in orderChanged', async () => {
    const { connections } = await owner.query<{
      connections: { id: string; provider: string; branch: { id: string } }[];
    }>('{ connections { id provider branch { id } } }');
    const target = connections[0]!;
    const { menus } = await owner.query<{ menus: { items: { id: string; externalPosId: string }[] }[] }>(
      '{ menus { items { id externalPosId } } }',
    );
    const idOf = new Map(menus.flatMap((menu) => menu.items).map((item) => [item.externalPosId, item.id]));
    const [soldOut, hidden, available] = dishesOf(demo.menu);
    const set = (posId: string, state: string) =>
      owner.query('mutation ($i: SetItemAvailabilityInput!) { setItemAvailability(input: $i) { id } }', {
        i: { branchId: target.branch.id, itemIds: [idOf.get(posId)], state },
      });
    await set(soldOut!.externalPosId, 'SOLD_OUT');
    await set(hidden!.externalPosId, 'HIDDEN');

    const ws = wsClient(platform.graphqlUrl, owner.token);
    const changes = collect<Changed>(ws.client, ORDER_CHANGED);
    try {
      await subscribersListening(platform.activeSubscriptions, 1);
      const menu = demoSimulatorMenu(demo);
      const placed = async (dish: typeof soldOut) => {
        const connection = {
          ...seededConnection(platform, demo.slug, target.provider as Parameters<typeof seededConnection>[2]),
          // Orders of this one dish only.
          menu: { ...menu, items: menu.items.filter((item) => item.posId === dish!.externalPosId) },
        };
        const built = await buildWebhook(connection, 'new_order', { seed: 11 });
        expect((await sendWebhook(built)).status).toBeLessThan(300);
        return eventually(
          async () => changes.values.find((v) => v.orderChanged.externalId === built.externalId)?.orderChanged,
          30_000,
          `orderChanged for the order of ${dish!.name.en}`,
        );
      };

      const soldOutOrder = await placed(soldOut);
      expect(soldOutOrder.menuWarnings).toEqual([
        {
          code: 'ITEM_SOLD_OUT',
          itemId: idOf.get(soldOut!.externalPosId),
          itemName: expect.any(String),
          externalPosId: expect.any(String),
          message: expect.stringContaining('sold out'),
        },
      ]);
      const hiddenOrder = await placed(hidden);
      expect(hiddenOrder.menuWarnings).toMatchObject([
        { code: 'ITEM_HIDDEN', itemId: idOf.get(hidden!.externalPosId) },
      ]);
      expect((await placed(available)).menuWarnings).toEqual([]);

      // Stored with the order: read again, not only announced.
      const { order } = await owner.query<{ order: { menuWarnings: Warning[] } }>(
        'query ($id: ID!) { order(id: $id) { menuWarnings { code itemId itemName externalPosId message } } }',
        { id: soldOutOrder.id },
      );
      expect(order.menuWarnings).toEqual(soldOutOrder.menuWarnings);
    } finally {
      changes.dispose();
      await ws.client.dispose();
    }
  });
});
