import { eventually } from '@nexara/test-support';
import { menuWithUnavailableDishes } from './support/menu-warnings';
import { startTestPlatform, subscribersListening, type TestPlatform } from './support/platform';
import { collect, wsClient } from './support/ws-client';

/**
 * Orders meet the menu (docs/control-plane.md, "Orders meet the menu"): an
 * order naming an item the branch has sold out or hidden arrives with a
 * warning, stored with the order and seen by `orderChanged` subscribers
 * through the gateway; an available item gives none.
 */
let platform: TestPlatform;
let menu: Awaited<ReturnType<typeof menuWithUnavailableDishes>>;

type Warning = { code: string; itemId: string; itemName: string; externalPosId: string | null; message: string };
type Changed = { orderChanged: { id: string; externalId: string; menuWarnings: Warning[] } };
const ORDER_CHANGED = `subscription {
  orderChanged { id externalId menuWarnings { code itemId itemName externalPosId message } }
}`;

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 0, worker: true });
  menu = await menuWithUnavailableDishes(platform);
}, 180_000);

afterAll(async () => {
  await platform?.stop();
});

describe('menu warnings on new orders', () => {
  it('warns of sold-out and hidden items, not of available ones, on the order and in orderChanged', async () => {
    const { owner, soldOut, hidden, available, idOf } = menu;
    const ws = wsClient(platform.graphqlUrl, owner.token);
    const changes = collect<Changed>(ws.client, ORDER_CHANGED);
    try {
      await subscribersListening(platform.activeSubscriptions, 1);
      const placed = async (dish: typeof soldOut) => {
        const externalId = await menu.order(dish);
        return eventually(
          async () => changes.values.find((v) => v.orderChanged.externalId === externalId)?.orderChanged,
          30_000,
          `orderChanged for the order of ${dish.name.en}`,
        );
      };

      const soldOutOrder = await placed(soldOut);
      expect(soldOutOrder.menuWarnings).toEqual([
        {
          code: 'ITEM_SOLD_OUT',
          itemId: idOf(soldOut),
          itemName: expect.any(String),
          externalPosId: expect.any(String),
          message: expect.stringContaining('sold out'),
        },
      ]);
      const hiddenOrder = await placed(hidden);
      expect(hiddenOrder.menuWarnings).toMatchObject([{ code: 'ITEM_HIDDEN', itemId: idOf(hidden) }]);
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
