import { buildWebhook, sendWebhook } from '@nexara/simulator';
import type { Page } from 'playwright-core';
import { goTo, LIVE_TIMEOUT_MS, openSignedIn } from '../support/dashboard';
import { startDashboardStack, stopDashboardStack, type DashboardStack } from '../support/dashboard-stack';
import { seededConnection } from '../support/platform';

/**
 * The Webhook events page is live (issue #16, defect 7): deliveries appear
 * and change state without a reload or a Refresh button, times carry
 * seconds, and "Replay all dead" shows only when the connection has dead
 * deliveries.
 */
let stack: DashboardStack;

beforeAll(async () => {
  stack = await startDashboardStack({ ordersPerTenant: 0, worker: true });
}, 240_000);

afterAll(async () => {
  await stopDashboardStack(stack);
});

const rowOf = (page: Page, idempotencyKey: string) =>
  page.getByTestId('webhook-events-grid').locator('.ag-row').filter({ hasText: idempotencyKey });

describe('webhook events page', () => {
  it('shows deliveries and their outcomes live, with seconds, and offers "Replay all dead" only when there are dead ones', async () => {
    const careem = seededConnection(stack.platform, 'demo-bistro', 'CAREEM');
    const { page, pageErrors } = await openSignedIn(stack.browser, stack.web.url, 'owner@demo-bistro.test');
    await goTo(page, 'Webhook events');
    expect(await page.getByRole('button', { name: 'Refresh' }).count()).toBe(0);
    await page.getByLabel('Connection').selectOption(careem.id);
    await page
      .getByRole('status')
      .filter({ hasText: /^0 deliveries/ })
      .waitFor();
    const replayAll = page.getByRole('button', { name: /^Replay all/ });
    expect(await replayAll.count()).toBe(0);

    // A good delivery: it appears and ends Processed while the page is left alone.
    const placed = await buildWebhook(careem, 'new_order', { seed: 701 });
    expect((await sendWebhook(placed)).status).toBeLessThan(300);
    const placedRow = rowOf(page, placed.idempotencyKey!);
    await placedRow.getByText('Processed', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const received = await placedRow.locator('[col-id="receivedAt"]').textContent();
    expect(received).toMatch(/\b\d{2}:\d{2}:\d{2}$/);
    expect(await replayAll.count()).toBe(0);

    // A status update for an order Nexara has never seen: retried, then DEAD, live; now the button shows.
    const unseen = await buildWebhook(careem, 'new_order', { seed: 702 });
    const early = await buildWebhook(careem, 'status_update', { seed: 703, order: unseen.order });
    expect((await sendWebhook(early)).status).toBeLessThan(300);
    await rowOf(page, early.idempotencyKey!).getByText('Dead', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await page.getByRole('button', { name: 'Replay all 1 dead for this connection' }).waitFor({
      timeout: LIVE_TIMEOUT_MS,
    });
    await page
      .getByRole('status')
      .filter({ hasText: /^2 deliveries/ })
      .waitFor();

    await page.getByRole('button', { name: 'Replay all 1 dead for this connection' }).click();
    await page.getByText('1 dead delivery is back in the queue.').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
