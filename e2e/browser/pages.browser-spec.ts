import { buildWebhook, sendWebhook } from '@nexara/simulator';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { goTo, LIVE_TIMEOUT_MS, openSignedIn, screenshot } from '../support/dashboard';
import { horizontalOverflow } from '../support/layout-checks';
import { startGateway } from '../support/gateway';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { serveDashboard } from '../support/web-server';

/**
 * Every page of the dashboard, each loaded directly by its address: the live
 * indicator tells the truth, and a 390 px phone never scrolls sideways.
 */
let platform: TestPlatform;
let gateway: Awaited<ReturnType<typeof startGateway>>;
let web: Awaited<ReturnType<typeof serveDashboard>>;
let browser: Browser;

const OWNER = 'owner@demo-bistro.test';
const PAGES = [
  ['/', 'Operations overview', 'overview'],
  ['/orders', 'Orders', 'orders'],
  ['/integrations', 'Integrations', 'integrations'],
  ['/webhooks', 'Webhook events', 'webhook-events'],
  ['/alerts', 'Alerts', 'alerts'],
  ['/menu', 'Menu', 'menu'],
  ['/sync-log', 'Sync log', 'sync-log'],
  ['/settings', 'Settings', 'settings'],
] as const;

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 20 });
  gateway = await startGateway(platform, { NODE_ENV: 'production' });
  web = await serveDashboard(gateway.url);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await gateway?.stop();
  await platform?.stop();
});

/** Records every text the live indicator shows (the topbar's status), from the page's first paint. */
const RECORD_LIVE_LABELS = `(() => {
  window.__liveLabels = [];
  new MutationObserver(() => {
    const label = document.querySelector('.live')?.textContent ?? null;
    if (label && window.__liveLabels.at(-1) !== label) window.__liveLabels.push(label);
  }).observe(document, { subtree: true, childList: true, characterData: true });
})()`;

const liveLabels = (page: Page) => page.evaluate<string[]>('window.__liveLabels');

describe('the live indicator', () => {
  it.each(PAGES)(
    'says Live on %s loaded directly, and never Reconnecting without a connection loss',
    async (path, heading) => {
      const { page, context } = await openSignedIn(browser, web.url, OWNER);
      await page.addInitScript(RECORD_LIVE_LABELS);
      // The page's own timers run ahead (the socket used to close 3 s after the last subscription ended).
      await page.clock.install();
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.locator('.live').getByText('Live', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
      await page.clock.runFor(60_000);
      await page.locator('.live').getByText('Live', { exact: true }).waitFor();
      expect(await liveLabels(page)).not.toContain('Reconnecting…');
      await context.close();
    },
  );

  it('says Reconnecting when the connection is lost, and Live again when it is back', async () => {
    const { page, context } = await openSignedIn(browser, web.url, OWNER);
    await page.addInitScript(RECORD_LIVE_LABELS);
    await page.goto('/settings');
    await page.locator('.live').getByText('Live', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    web.dropLiveConnections();
    await page.waitForFunction(`window.__liveLabels.includes('Reconnecting…')`, undefined, {
      timeout: LIVE_TIMEOUT_MS,
    });
    await page.locator('.live').getByText('Live', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    const labels = await liveLabels(page);
    expect(labels.slice(labels.indexOf('Live'))).toEqual(['Live', 'Reconnecting…', 'Live']);
    await context.close();
  });
});

describe('on a 390x844 phone', () => {
  const PHONE = { width: 390, height: 844 };

  it.each(PAGES)('%s does not overflow horizontally', async (path, heading, name) => {
    const { page, context } = await openSignedIn(browser, web.url, OWNER, PHONE);
    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    if (path === '/') await page.getByTestId('live-stream').getByRole('listitem').first().waitFor();
    if (path === '/orders') await page.locator('.ag-row').first().waitFor();
    if (path === '/settings') await page.getByRole('table').first().waitFor();
    const { overflow, outside } = await horizontalOverflow(page);
    expect({ overflow: Math.max(overflow, 0), outside: overflow > 0 ? outside : [] }).toEqual({
      overflow: 0,
      outside: [],
    });
    await screenshot(page, `${name}-phone`);
    await context.close();
  });
});

describe('pausing a connection', () => {
  it('asks first, says deliveries are refused with 409, and never shows Paused and Healthy together', async () => {
    const { page, context } = await openSignedIn(browser, web.url, OWNER);
    await goTo(page, 'Integrations');
    const card = page.getByTestId('connection-card').filter({ hasText: 'Demo Bistro on Careem' });
    await card.getByRole('button', { name: 'Pause', exact: true }).click();
    const confirm = card.getByRole('alertdialog', { name: /^Pause / });
    expect(await confirm.textContent()).toMatch(/refused with HTTP 409/);
    // Cancelling changes nothing.
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await card.getByText('Paused', { exact: true }).count()).toBe(0);

    await card.getByRole('button', { name: 'Pause', exact: true }).click();
    await card.getByRole('alertdialog').getByRole('button', { name: 'Pause deliveries' }).click();
    await card.getByRole('button', { name: 'Resume' }).waitFor();
    await card.getByTestId('paused-notice').waitFor();
    expect(await card.locator('header').getByText('Paused', { exact: true }).count()).toBe(1);
    expect(await card.locator('header').getByText('Healthy', { exact: true }).count()).toBe(0);

    // What the notice says is what a provider gets.
    const tenant = platform.seed.tenants.find((t) => t.slug === 'demo-bistro')!;
    const connection = tenant.connections.find((c) => c.provider === 'CAREEM')!;
    const webhook = await buildWebhook(
      {
        provider: 'CAREEM',
        webhookUrl: connection.webhookUrl.replace('http://localhost:4000', platform.urls.gateway),
        secret: connection.secret,
        externalStoreId: connection.externalStoreId,
        currency: 'SAR',
      },
      'new_order',
      { seed: 901 },
    );
    expect((await sendWebhook(webhook)).status).toBe(409);

    await card.getByRole('button', { name: 'Resume' }).click();
    await card.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    expect(await card.getByTestId('paused-notice').count()).toBe(0);
    await context.close();
  });
});
