import { buildWebhook, sendWebhook } from '@nexara/simulator';
import { eventually } from '@nexara/test-support';
import type { Page } from 'playwright-core';
import { goTo, LIVE_TIMEOUT_MS, openSignedIn } from '../support/dashboard';
import { startDashboardStack, stopDashboardStack, type DashboardStack } from '../support/dashboard-stack';
import { seededConnection, signIn } from '../support/platform';

/**
 * Getting attention (issue #16): new orders ring again and again until
 * answered, each shows a browser notification (permission asked from a
 * click) whose click opens the order, and the tab title counts the waiting
 * orders. Chromium's notifications and audio are observed through stand-ins
 * installed before the page loads: a Notification class that records what
 * it is asked to show, and a count of the oscillators the chime starts.
 */
let stack: DashboardStack;
let owner: Awaited<ReturnType<typeof signIn>>;

const OWNER = 'owner@demo-bistro.test';
const TITLE = 'Nexara · Operations';

const STAND_INS = `(() => {
  window.__oscillators = 0;
  const createOscillator = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function () {
    window.__oscillators++;
    return createOscillator.call(this);
  };
  window.__notifications = [];
  window.__permissionAsked = 0;
  let permission = 'default';
  window.Notification = class {
    static get permission() { return permission; }
    static requestPermission() {
      window.__permissionAsked++;
      permission = navigator.userActivation.isActive ? 'granted' : 'denied';
      return Promise.resolve(permission);
    }
    constructor(title, options) {
      this.title = title;
      this.tag = options && options.tag;
      this.onclick = null;
      window.__notifications.push(this);
    }
    close() {}
  };
})();`;

beforeAll(async () => {
  stack = await startDashboardStack({ worker: true, ordersPerTenant: 12 });
  owner = await signIn(stack.platform, OWNER);
}, 240_000);

afterAll(async () => {
  await stopDashboardStack(stack);
});

async function waitingInApi(): Promise<number> {
  const { orders } = await owner.query<{ orders: { totalCount: number } }>(
    '{ orders(filter: { status: [RECEIVED] }) { totalCount } }',
  );
  return orders.totalCount;
}

/** The tab title once it counts what the API says is waiting. */
async function titleCountsWaiting(page: Page): Promise<string> {
  return eventually(
    async () => {
      const waiting = await waitingInApi();
      const title = await page.title();
      return title === (waiting > 0 ? `(${waiting}) ${TITLE}` : TITLE) ? title : undefined;
    },
    LIVE_TIMEOUT_MS,
    'the tab title to count the waiting orders',
  );
}

async function placeOrder(seed: number): Promise<{ id: string; displayCode: string }> {
  const webhook = await buildWebhook(seededConnection(stack.platform, 'demo-bistro', 'CAREEM'), 'new_order', { seed });
  expect((await sendWebhook(webhook)).status).toBeLessThan(300);
  return eventually(
    async () => {
      const { orders } = await owner.query<{
        orders: { edges: { node: { id: string; displayCode: string; externalId: string } }[] };
      }>(
        'query($s: String!) { orders(first: 5, filter: { search: $s }) { edges { node { id displayCode externalId } } } }',
        {
          s: webhook.externalId,
        },
      );
      return orders.edges.map((edge) => edge.node).find((node) => node.externalId === webhook.externalId);
    },
    LIVE_TIMEOUT_MS,
    `order ${webhook.externalId}`,
  );
}

const oscillators = (page: Page) => page.evaluate<number>('window.__oscillators');
const notifications = (page: Page) =>
  page.evaluate<{ title: string; tag: string }[]>(
    'window.__notifications.map((n) => ({ title: n.title, tag: n.tag }))',
  );

describe('getting attention for new orders', () => {
  it('rings until every new order is answered, notifies once per order, and counts them in the title', async () => {
    const { context, page, pageErrors } = await openSignedIn(stack.browser, stack.web.url, OWNER);
    await context.addInitScript({ content: STAND_INS });
    await page.reload();
    await goTo(page, 'Orders');
    await page.locator('.ag-row').first().waitFor();
    await titleCountsWaiting(page);

    // Permission is asked from the click, not on load.
    expect(await page.evaluate<number>('window.__permissionAsked')).toBe(0);
    await page.getByRole('button', { name: 'Notify me' }).click();
    await page.getByText('Notifications on').waitFor();

    const first = await placeOrder(701);
    const second = await placeOrder(702);
    const waiting = page.getByTestId('attention-waiting');
    await waiting.filter({ hasText: '2 new orders waiting' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await titleCountsWaiting(page)).toMatch(/^\(\d+\) /);
    await eventually(
      async () => ((await notifications(page)).length === 2 ? true : undefined),
      LIVE_TIMEOUT_MS,
      '2 notifications',
    );
    expect((await notifications(page)).map((n) => n.title).sort()).toEqual(
      [`New order #${first.displayCode}`, `New order #${second.displayCode}`].sort(),
    );

    // Each ring is two tones; one ring per arrival, then again while they wait.
    const afterArrivals = await oscillators(page);
    expect(afterArrivals).toBeGreaterThanOrEqual(2);
    await eventually(
      async () => ((await oscillators(page)) >= afterArrivals + 2 ? true : undefined),
      LIVE_TIMEOUT_MS,
      'the chime to ring again',
    );

    // A notification's click opens its order wherever the user is.
    await goTo(page, 'Settings');
    await page.evaluate(`window.__notifications.find((n) => n.title === 'New order #${first.displayCode}').onclick()`);
    const drawer = page.getByRole('dialog', { name: `Order ${first.displayCode}` });
    await drawer.waitFor();
    await drawer.getByRole('button', { name: 'Accept' }).click();
    await drawer.getByRole('button', { name: 'Confirm accept' }).click();
    await waiting.filter({ hasText: '1 new order waiting' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await drawer.getByRole('button', { name: 'Close' }).click();

    await owner.query('mutation($id: ID!) { rejectOrder(id: $id, reason: "Closed early") { id } }', { id: second.id });
    await waiting.waitFor({ state: 'detached', timeout: LIVE_TIMEOUT_MS });
    await titleCountsWaiting(page);
    // Still one notification per order: updates to them notified nobody.
    expect((await notifications(page)).length).toBe(2);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
