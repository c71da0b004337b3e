import type { Provider } from '@nexara/providers/display';
import { buildWebhook, sendWebhook } from '@nexara/simulator';
import { DEMO_TENANTS, demoSimulatorMenu, dishesOf, seedDemoMenus } from '@nexara/stack';
import { testSecrets } from '@nexara/test-support';
import { seededConnection, signIn, type TestPlatform } from './platform';

type Dish = ReturnType<typeof dishesOf>[number];

/**
 * Orders meet the menu (docs/control-plane.md): the first demo tenant's menu
 * imported, one dish SOLD_OUT and one HIDDEN on the branch of its first
 * connection, a third left available, and a way to send that connection a
 * real provider delivery ordering one dish only.
 */
export async function menuWithUnavailableDishes(platform: TestPlatform) {
  const demo = DEMO_TENANTS[0]!;
  await seedDemoMenus({
    urls: { integrations: `${platform.urls.integrations}/graphql`, catalog: `${platform.urls.catalog}/graphql` },
    internalTokenSecret: testSecrets.internalTokenSecret,
    tenants: platform.seed.demoTenants.filter((tenant) => tenant.slug === demo.slug),
    publish: false,
  });
  const owner = await signIn(platform, demo.ownerEmail);
  const { connections } = await owner.query<{
    connections: { id: string; provider: Provider; branch: { id: string } }[];
  }>('{ connections { id provider branch { id } } }');
  const target = connections[0]!;
  const { menus } = await owner.query<{ menus: { items: { id: string; externalPosId: string }[] }[] }>(
    '{ menus { items { id externalPosId } } }',
  );
  const ids = new Map(menus.flatMap((menu) => menu.items).map((item) => [item.externalPosId, item.id]));
  const idOf = (dish: Dish): string => ids.get(dish.externalPosId)!;
  const [soldOut, hidden, available] = dishesOf(demo.menu) as [Dish, Dish, Dish];
  for (const [dish, state] of [
    [soldOut, 'SOLD_OUT'],
    [hidden, 'HIDDEN'],
  ] as const) {
    await owner.query('mutation ($i: SetItemAvailabilityInput!) { setItemAvailability(input: $i) { id } }', {
      i: { branchId: target.branch.id, itemIds: [idOf(dish)], state },
    });
  }
  const menu = demoSimulatorMenu(demo);
  /** Sends an order of `dish` only; answers its provider order id. */
  const order = async (dish: Dish, seed = 11): Promise<string> => {
    const connection = {
      ...seededConnection(platform, demo.slug, target.provider),
      menu: { ...menu, items: menu.items.filter((item) => item.posId === dish.externalPosId) },
    };
    const built = await buildWebhook(connection, 'new_order', { seed });
    const answer = await sendWebhook(built);
    if (answer.status >= 300) throw new Error(`the delivery was refused with HTTP ${answer.status}`);
    return built.externalId;
  };
  return { demo, owner, soldOut, hidden, available, idOf, order };
}
