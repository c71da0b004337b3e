import { goTo, LIVE_TIMEOUT_MS, openSignedIn } from '../support/dashboard';
import { startDashboardStack, stopDashboardStack, type DashboardStack } from '../support/dashboard-stack';
import { placeOrderWithCode, signIn } from '../support/platform';

/** The order timeline names who acted (issue #16, defect 8): the user by name, not "user", each status once. */
let stack: DashboardStack;

beforeAll(async () => {
  stack = await startDashboardStack({ ordersPerTenant: 0 });
}, 240_000);

afterAll(async () => {
  await stopDashboardStack(stack);
});

const OWNER = 'owner@demo-bistro.test';

describe('order timeline', () => {
  it('shows the user who accepted an order by name, and each status once', async () => {
    const owner = await signIn(stack.platform, OWNER);
    const { me } = await owner.query<{ me: { name: string } }>('{ me { name } }');
    const { displayCode } = await placeOrderWithCode(stack.platform, 'demo-bistro');
    const { context, page } = await openSignedIn(stack.browser, stack.web.url, OWNER);
    await goTo(page, 'Overview');
    await page
      .getByTestId('live-stream')
      .getByRole('button', { name: `Order ${displayCode}` })
      .click();
    const drawer = page.getByRole('dialog', { name: `Order ${displayCode}` });
    await drawer.getByRole('button', { name: 'Accept' }).click();
    await drawer.getByLabel('Ready in (minutes)').selectOption('15');
    await drawer.getByRole('button', { name: 'Confirm accept' }).click();
    await drawer.getByRole('button', { name: 'Mark preparing' }).waitFor({ timeout: LIVE_TIMEOUT_MS });

    const timeline = drawer.getByRole('region', { name: 'Timeline' }).getByRole('listitem');
    await timeline.filter({ hasText: 'Accepted' }).getByText(`by ${me.name}`).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const entries = await timeline.allInnerTexts();
    expect(entries.filter((text) => text.startsWith('Accepted'))).toHaveLength(1);
    expect(entries.filter((text) => text.startsWith('Received'))).toHaveLength(1);
    expect(entries.join('\n')).not.toMatch(/\buser\b/);
    await context.close();
  });
});
