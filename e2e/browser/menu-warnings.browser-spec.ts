import { goTo, LIVE_TIMEOUT_MS, openSignedIn } from '../support/dashboard';
import { startDashboardStack, stopDashboardStack, type DashboardStack } from '../support/dashboard-stack';
import { menuWithUnavailableDishes } from '../support/menu-warnings';

/**
 * Orders meet the menu (docs/control-plane.md): an order naming a dish its
 * branch has sold out shows a "Menu" badge in the orders grid and the
 * warning in its drawer; an order of an available dish shows neither.
 */
let stack: DashboardStack;

beforeAll(async () => {
  stack = await startDashboardStack({ ordersPerTenant: 0, worker: true });
}, 240_000);

afterAll(async () => {
  await stopDashboardStack(stack);
});

describe('menu warnings in the dashboard', () => {
  it('badges the order of a sold-out dish in the grid and lists the warning in its drawer', async () => {
    const menu = await menuWithUnavailableDishes(stack.platform);
    const { page, pageErrors } = await openSignedIn(stack.browser, stack.web.url, menu.demo.ownerEmail);
    await goTo(page, 'Orders');
    const warned = await menu.order(menu.soldOut);
    const fine = await menu.order(menu.available, 12);
    const grid = page.getByTestId('orders-grid');
    await grid.locator('.ag-row').nth(1).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await grid.getByTestId('menu-warning-badge').waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await grid.getByTestId('menu-warning-badge').count()).toBe(1);

    // The row opens the drawer (its cell takes the click, the badge inside it does not).
    await grid
      .locator('[col-id="displayCode"]')
      .filter({ has: page.getByTestId('menu-warning-badge') })
      .click();
    const warnings = page.getByRole('dialog').getByTestId('menu-warnings');
    await warnings.waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await warnings.textContent()).toContain('is sold out on this branch');
    expect(await page.getByRole('dialog').textContent()).toContain(warned);
    expect(fine).not.toBe(warned);
    expect(pageErrors).toEqual([]);
  });
});
