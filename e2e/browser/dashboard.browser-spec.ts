import { buildWebhook, sendWebhook, type BuiltWebhook } from '@nexara/simulator';
import { eventually } from '@nexara/test-support';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { goTo, LIVE_TIMEOUT_MS, openSignedIn, screenshot } from '../support/dashboard';
import { startGateway } from '../support/gateway';
import { seededConnection, signIn, startTestPlatform, type TestPlatform } from '../support/platform';
import { serveDashboard } from '../support/web-server';

/**
 * The built dashboard in Chromium against the whole platform: a production
 * gateway (so only the dashboard's persisted documents run, as in a real
 * deployment), the worker and the providers' callback APIs.
 */
let platform: TestPlatform;
let gateway: Awaited<ReturnType<typeof startGateway>>;
let web: Awaited<ReturnType<typeof serveDashboard>>;
let browser: Browser;
let owner: Awaited<ReturnType<typeof signIn>>;

const OWNER = 'owner@demo-bistro.test';

beforeAll(async () => {
  platform = await startTestPlatform({ worker: true, providerApi: true, ordersPerTenant: 30 });
  gateway = await startGateway(platform, { NODE_ENV: 'production' });
  web = await serveDashboard(gateway.url);
  browser = await launchChromium();
  owner = await signIn(platform, OWNER);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await gateway?.stop();
  await platform?.stop();
});

type OrderSeen = { id: string; displayCode: string; status: string };

async function orderByExternalId(externalId: string, status?: string): Promise<OrderSeen> {
  return eventually(
    async () => {
      const { orders } = await owner.query<{ orders: { edges: { node: OrderSeen & { externalId: string } }[] } }>(
        'query($search: String!) { orders(first: 5, filter: { search: $search }) { edges { node { id displayCode status externalId } } } }',
        { search: externalId },
      );
      const order = orders.edges.map((edge) => edge.node).find((node) => node.externalId === externalId);
      return order && (!status || order.status === status) ? order : undefined;
    },
    LIVE_TIMEOUT_MS,
    `order ${externalId}${status ? ` in ${status}` : ''}`,
  );
}

async function sendAccepted(webhook: BuiltWebhook): Promise<void> {
  const answer = await sendWebhook(webhook);
  expect(answer.status).toBeLessThan(300);
}

const streamEntry = (page: Page, code: string) =>
  page
    .getByTestId('live-stream')
    .getByRole('listitem')
    .filter({ hasText: `#${code}` });
const gridRow = (page: Page, code: string) =>
  page
    .getByTestId('orders-grid')
    .locator('.ag-row')
    .filter({ hasText: `#${code}` });

describe('dashboard in a browser', () => {
  let overview: Page;
  let orders: Page;
  let pageErrors: string[];

  it('signs in, keeps the session across a reload, and renders every page (screenshots: see e2e/support/dashboard.ts)', async () => {
    ({ page: overview, pageErrors } = await openSignedIn(browser, web.url, OWNER));
    await overview.getByRole('heading', { name: 'Operations overview' }).waitFor();
    await overview.reload();
    await overview.getByRole('heading', { name: 'Operations overview' }).waitFor();
    await overview.getByText('Live', { exact: true }).waitFor();
    await overview.getByTestId('live-stream').waitFor();
    await overview.getByTestId('integration-tile').first().waitFor();
    await screenshot(overview, 'overview');

    for (const [label, name] of [
      ['Orders', 'orders'],
      ['Integrations', 'integrations'],
      ['Webhook events', 'webhook-events'],
      ['Alerts', 'alerts'],
      ['Settings', 'settings'],
    ] as const) {
      await goTo(overview, label);
      await overview.getByRole('status').first().waitFor();
      if (label === 'Orders') await overview.locator('.ag-row').first().waitFor();
      await screenshot(overview, name);
    }
    await goTo(overview, 'Overview');
    expect(pageErrors).toEqual([]);
  });

  it('lays out for a 768 px tablet at the pass', async () => {
    const { page, context } = await openSignedIn(browser, web.url, OWNER, { width: 768, height: 1024 });
    await page.getByTestId('live-stream').waitFor();
    await screenshot(page, 'overview-tablet');
    // Evaluated in the page (as text: this file is type-checked without the DOM library).
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await goTo(page, 'Orders');
    await page.locator('.ag-row').first().waitFor();
    await screenshot(page, 'orders-tablet');
    await context.close();
  });

  let placed: BuiltWebhook;
  let code: string;

  it('shows a webhook the simulator sends in the live stream and the grid, without a reload', async () => {
    ({ page: orders } = await openSignedIn(browser, web.url, OWNER));
    await goTo(orders, 'Orders');
    await orders.locator('.ag-row').first().waitFor();

    placed = await buildWebhook(seededConnection(platform, 'demo-bistro', 'CAREEM'), 'new_order', { seed: 501 });
    await sendAccepted(placed);
    code = (await orderByExternalId(placed.externalId)).displayCode;

    await streamEntry(overview, code).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await gridRow(orders, code).waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await streamEntry(overview, code).getByText('Received').count()).toBe(1);
    expect(await streamEntry(overview, code).getByRole('timer').count()).toBe(1);
  });

  it('accepts the order from the drawer, and the other open page sees it accepted', async () => {
    await gridRow(orders, code).click();
    const drawer = orders.getByRole('dialog', { name: `Order ${code}` });
    await drawer.waitFor();
    await drawer.getByRole('button', { name: 'Accept' }).click();
    await drawer.getByLabel('Ready in (minutes)').selectOption('15');
    await screenshot(orders, 'order-drawer');
    await drawer.getByRole('button', { name: 'Confirm accept' }).click();
    await drawer.getByRole('button', { name: 'Mark preparing' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await drawer.getByText('ready in 15 min').waitFor();

    await streamEntry(overview, code).getByText('Accepted').waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect((await orderByExternalId(placed.externalId, 'ACCEPTED')).displayCode).toBe(code);
    await drawer.getByRole('button', { name: 'Close' }).click();
  });

  it('sends a sample webhook from the testing tool and watches it arrive', async () => {
    await goTo(orders, 'Integrations');
    const card = orders.getByTestId('connection-card').filter({ hasText: 'Demo Bistro on Careem' });
    await card.getByRole('button', { name: 'Send test webhook' }).click();
    await card.getByText(/Accepted by the webhook endpoint \(HTTP 20\d\)/).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await card.getByTestId('test-arrived').waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await card.getByTestId('test-arrived').textContent()).toMatch(/Arrived as order #\S+ Received/);
  });

  it('replays a dead delivery from the webhook events page, and it is processed', async () => {
    // A status update for an order Nexara has not seen: retried (the order may yet arrive), then DEAD.
    const order = await buildWebhook(seededConnection(platform, 'demo-bistro', 'CAREEM'), 'new_order', { seed: 502 });
    const early = await buildWebhook(seededConnection(platform, 'demo-bistro', 'CAREEM'), 'status_update', {
      seed: 503,
      order: order.order,
    });
    await sendAccepted(early);
    await eventually(
      async () => {
        const { webhookEvents } = await owner.query<{ webhookEvents: { totalCount: number } }>(
          '{ webhookEvents(filter: { status: [DEAD] }) { totalCount } }',
        );
        return webhookEvents.totalCount > 0 || undefined;
      },
      LIVE_TIMEOUT_MS,
      'the early status update to die',
    );
    await sendAccepted(order);
    await orderByExternalId(order.externalId, 'RECEIVED');

    await goTo(orders, 'Webhook events');
    await orders.getByLabel('Status').selectOption('DEAD');
    const deadRow = orders.getByTestId('webhook-events-grid').locator('.ag-row').first();
    await deadRow.getByText('Dead').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await deadRow.click();
    const drawer = orders.getByRole('dialog', { name: 'Webhook delivery' });
    await drawer.getByLabel('Payload').waitFor();
    expect(await drawer.getByLabel('Payload').textContent()).toContain(order.externalId);
    await screenshot(orders, 'webhook-event-drawer');
    await drawer.getByRole('button', { name: 'Replay this delivery' }).click();
    await drawer.getByText('Processed', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT_MS });

    const advanced = await eventually(
      async () => {
        const seen = await orderByExternalId(order.externalId);
        return seen.status !== 'RECEIVED' ? seen : undefined;
      },
      LIVE_TIMEOUT_MS,
      'the replayed status update to move the order',
    );
    expect(advanced.status).not.toBe('RECEIVED');
  });

  it('lets a platform admin switch tenants: Harbor Grill in Kuwaiti dinars and Kuwait time', async () => {
    const { page, context } = await openSignedIn(browser, web.url, 'admin@nexara.test');
    const harbor = platform.seed.tenants.find((t) => t.slug === 'harbor-grill')!;
    await page.getByLabel('Acting tenant').selectOption(harbor.tenantId);
    await page.getByText('Asia/Kuwait').waitFor();
    await page
      .getByTestId('live-stream')
      .getByText(/KWD\s\d+\.\d{3}/)
      .first()
      .waitFor();
    await page.reload();
    await page.getByText('Asia/Kuwait').waitFor();
    await context.close();
  });

  it('sends the user back to sign in with a message when the session is no longer valid', async () => {
    const { page, context } = await openSignedIn(browser, web.url, OWNER);
    // A token the gateway no longer accepts (its signature no longer matches), as after a key rotation.
    await page.evaluate(`(() => {
      const session = JSON.parse(localStorage.getItem('nexara.session'));
      localStorage.setItem('nexara.session', JSON.stringify({ ...session, token: session.token + 'x' }));
    })()`);
    await page.reload();
    await page.getByText('Your session has expired. Please sign in again.').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate<string | null>("localStorage.getItem('nexara.session')")).toBeNull();
    await context.close();
  });

  it('signs out', async () => {
    await overview.getByRole('button', { name: 'Sign out' }).click();
    await overview.getByRole('button', { name: 'Sign in' }).waitFor();
    await overview.reload();
    await overview.getByRole('button', { name: 'Sign in' }).waitFor();
  });
});
