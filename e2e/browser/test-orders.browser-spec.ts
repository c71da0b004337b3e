import { goTo, LIVE_TIMEOUT_MS, openSignedIn } from '../support/dashboard';
import { startDashboardStack, stopDashboardStack, type DashboardStack } from '../support/dashboard-stack';

/**
 * A test webhook sent from the Integrations page places an order that the
 * dashboard marks "Test" in the live stream, the orders grid and the order
 * drawer (issue #16, defect 6), and real orders carry no such mark.
 */
let stack: DashboardStack;

beforeAll(async () => {
  stack = await startDashboardStack({ ordersPerTenant: 3, worker: true });
}, 240_000);

afterAll(async () => {
  await stopDashboardStack(stack);
});

describe('test orders in the dashboard', () => {
  it('shows a Test badge on the test order in the live stream, the grid and the drawer, and on no real order', async () => {
    const { page, pageErrors } = await openSignedIn(stack.browser, stack.web.url, 'owner@demo-bistro.test');
    await goTo(page, 'Integrations');
    const card = page.getByTestId('connection-card').first();
    await card.getByRole('button', { name: 'Send test webhook' }).click();
    const arrived = card.getByTestId('test-arrived');
    await arrived.waitFor({ timeout: LIVE_TIMEOUT_MS });
    const code = /#(\S+)/.exec((await arrived.textContent()) ?? '')![1]!;

    await goTo(page, 'Overview');
    const stream = page.getByTestId('live-stream');
    const entry = stream.getByRole('button', { name: `Order ${code}` });
    await entry.getByText('Test', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    // The seeded orders are real: exactly one entry is marked.
    expect(await stream.locator('.badge-test').count()).toBe(1);
    expect(await stream.getByRole('listitem').count()).toBe(4);

    await entry.click();
    const drawer = page.getByRole('dialog', { name: `Order ${code}` });
    await drawer.locator('.badge-test').waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });

    await goTo(page, 'Orders');
    const grid = page.getByTestId('orders-grid');
    const row = grid.locator('.ag-row').filter({ hasText: `#${code}` });
    await row.locator('.badge-test').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await grid.locator('.ag-row').nth(3).waitFor();
    expect(await grid.locator('.badge-test').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
