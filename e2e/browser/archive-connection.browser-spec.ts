import { answerStatusFor } from '@nexara/providers/display';
import { buildWebhook, sendWebhook } from '@nexara/simulator';
import { goTo, openSignedIn } from '../support/dashboard';
import { startDashboardStack, stopDashboardStack, type DashboardStack } from '../support/dashboard-stack';

/**
 * Archiving a connection (issue #16): the card leaves the list (back with
 * "Show archived"), its webhooks are refused as a paused connection's are,
 * its orders stay in the orders grid, and unarchiving brings it all back.
 */
let stack: DashboardStack;

beforeAll(async () => {
  stack = await startDashboardStack({ ordersPerTenant: 12 });
}, 240_000);

afterAll(async () => {
  await stopDashboardStack(stack);
});

describe('archiving a connection', () => {
  it('hides it, refuses its webhooks, keeps its orders, and brings it back', async () => {
    const { page, context, pageErrors } = await openSignedIn(stack.browser, stack.web.url, 'owner@demo-bistro.test');
    page.on('dialog', (dialog) => void dialog.accept());
    const tenant = stack.platform.seed.tenants.find((t) => t.slug === 'demo-bistro')!;
    const connection = tenant.connections[0]!;
    // As the demo seed names its connections ("Demo Bistro on <Provider>").
    const NAME = `Demo Bistro on ${connection.provider.charAt(0)}${connection.provider.slice(1).toLowerCase()}`;
    const delivery = async (seed: number) =>
      sendWebhook(
        await buildWebhook(
          {
            provider: connection.provider,
            webhookUrl: connection.webhookUrl.replace('http://localhost:4000', stack.platform.urls.gateway),
            secret: connection.secret,
            externalStoreId: connection.externalStoreId,
            currency: 'SAR',
          },
          'new_order',
          { seed },
        ),
      );

    await goTo(page, 'Orders');
    const rowsOfConnection = page.getByTestId('orders-grid').locator('.ag-row').filter({ hasText: NAME });
    await rowsOfConnection.first().waitFor();

    await goTo(page, 'Integrations');
    const cards = page.getByTestId('connection-card');
    const card = cards.filter({ hasText: NAME });
    await card.getByRole('button', { name: 'Archive', exact: true }).click();
    await card.waitFor({ state: 'detached' });
    expect(await cards.count()).toBeGreaterThan(0);

    // Refused as a paused connection's deliveries are: 409, or the provider's own mapping of it.
    const answer = await delivery(9101);
    expect(answer.status).toBe(answerStatusFor(connection.provider, 409));
    expect(answer.body).toContain('CONNECTION_ARCHIVED');

    await page.getByRole('checkbox', { name: 'Show archived' }).check();
    await card.getByTestId('archived-notice').waitFor();
    expect(await card.locator('header').getByText('Archived', { exact: true }).count()).toBe(1);
    expect(await card.getByRole('button', { name: 'Pause', exact: true }).count()).toBe(0);

    // Its orders stay: history is kept.
    await goTo(page, 'Orders');
    await rowsOfConnection.first().waitFor();

    await goTo(page, 'Integrations');
    await page.getByRole('checkbox', { name: 'Show archived' }).check();
    await card.getByRole('button', { name: 'Unarchive' }).click();
    await card.getByTestId('archived-notice').waitFor({ state: 'detached' });
    await page.getByRole('checkbox', { name: 'Show archived' }).uncheck();
    await card.getByRole('button', { name: 'Archive', exact: true }).waitFor();
    expect((await delivery(9102)).status).toBeLessThan(300);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
