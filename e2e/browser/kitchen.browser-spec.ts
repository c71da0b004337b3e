import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildWebhook, sendWebhook, type SimulatedConnection } from '@nexara/simulator';
import { eventually } from '@nexara/test-support';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { LIVE_TIMEOUT_MS, REFRESH_SCREENSHOTS, SCREENSHOTS } from '../support/dashboard';
import { startGateway } from '../support/gateway';
import { kitchenColumn, kitchenTicket, openKitchen, printedCodes } from '../support/kitchen';
import { placeOrderWithCode, signIn, startTestPlatform, type TestPlatform } from '../support/platform';
import { serveDashboard } from '../support/web-server';

/**
 * The kitchen display and ticket printing in Chromium, against the whole
 * platform behind a production gateway (persisted documents only, the
 * gateway's cost limits): a provider's webhook becomes a ticket, taps move
 * it through the API, tickets print on an 80 mm page, and auto-print prints
 * each accepted order once per device.
 */
let platform: TestPlatform;
let gateway: Awaited<ReturnType<typeof startGateway>>;
let web: Awaited<ReturnType<typeof serveDashboard>>;
let browser: Browser;

const BISTRO = 'owner@demo-bistro.test';
const HARBOR = 'owner@harbor-grill.test';
/**
 * Set to a temporary folder to keep screenshots of the kitchen display and the
 * printed ticket; `npm run screenshots` refreshes the two in docs/screenshots.
 */
const SHOTS = REFRESH_SCREENSHOTS ? SCREENSHOTS : process.env['KITCHEN_SCREENSHOTS'];
if (SHOTS && !REFRESH_SCREENSHOTS && !path.resolve(SHOTS).startsWith(os.tmpdir())) {
  throw new Error(`KITCHEN_SCREENSHOTS must be a temporary folder (under ${os.tmpdir()}), not ${SHOTS}`);
}

beforeAll(async () => {
  platform = await startTestPlatform({ worker: true, providerApi: true, ordersPerTenant: 8 });
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

type Api = Awaited<ReturnType<typeof signIn>>;

async function statusOf(api: Api, id: string): Promise<string> {
  const { order } = await api.query<{ order: { status: string } }>('query($id: ID!) { order(id: $id) { status } }', {
    id,
  });
  return order.status;
}

const reaches = (api: Api, id: string, status: string) =>
  eventually(
    async () => ((await statusOf(api, id)) === status ? true : undefined),
    LIVE_TIMEOUT_MS,
    `order ${id} in ${status}`,
  );

function careemConnection(): SimulatedConnection {
  const tenant = platform.seed.tenants.find((t) => t.slug === 'demo-bistro')!;
  const connection = tenant.connections.find((c) => c.provider === 'CAREEM')!;
  return {
    provider: 'CAREEM',
    webhookUrl: connection.webhookUrl.replace('http://localhost:4000', platform.urls.gateway),
    secret: connection.secret,
    externalStoreId: connection.externalStoreId,
    currency: 'SAR',
  };
}

/** Page geometry, evaluated in the page (this file is type-checked without the DOM library). */
const overflow = `(() => {
  const root = document.documentElement;
  const columns = [...document.querySelectorAll('.kitchen-column')].map((c) => c.getBoundingClientRect());
  return {
    horizontal: root.scrollWidth - root.clientWidth,
    vertical: root.scrollHeight - root.clientHeight,
    columnsInside: columns.length === 4 && columns.every((c) => c.left >= 0 && c.right <= root.clientWidth && c.width > 200),
  };
})()`;

describe('kitchen display in a browser', () => {
  it('shows a webhook’s order as a ticket, and taps take it through the kitchen (the API sees each step)', async () => {
    const owner = await signIn(platform, BISTRO);
    const { page, pageErrors, close } = await openKitchen(browser, web.url, BISTRO);

    const webhook = await buildWebhook(careemConnection(), 'new_order', { seed: 611 });
    expect((await sendWebhook(webhook)).status).toBeLessThan(300);
    const { orders } = await eventually(
      async () => {
        const found = await owner.query<{ orders: { edges: { node: { id: string; displayCode: string } }[] } }>(
          'query($search: String!) { orders(first: 1, filter: { search: $search }) { edges { node { id displayCode } } } }',
          { search: webhook.externalId },
        );
        return found.orders.edges.length ? found : undefined;
      },
      LIVE_TIMEOUT_MS,
      'the webhook’s order',
    );
    const { id, displayCode: code } = orders.edges[0]!.node;

    const ticket = kitchenTicket(page, code);
    await kitchenColumn(page, 'New')
      .getByRole('article', { name: `Order ${code}` })
      .waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await ticket.getByRole('timer').count()).toBe(1);

    // Accept with a prep time: the ticket moves at once, the API hears of it once the undo window has passed.
    await ticket.getByRole('button', { name: `Accept order ${code}, ready in 20 minutes` }).click();
    await kitchenColumn(page, 'Accepted')
      .getByRole('article', { name: `Order ${code}` })
      .waitFor();
    await page.getByRole('button', { name: `Undo the last change of order ${code}` }).waitFor();
    await reaches(owner, id, 'ACCEPTED');

    await ticket.getByRole('button', { name: `Order ${code}: mark preparing` }).click();
    await kitchenColumn(page, 'Preparing')
      .getByRole('article', { name: `Order ${code}` })
      .waitFor();
    await reaches(owner, id, 'PREPARING');
    await page.getByRole('button', { name: `Undo the last change of order ${code}` }).waitFor({ state: 'detached' });
    expect(
      await kitchenColumn(page, 'Preparing')
        .getByRole('article', { name: `Order ${code}` })
        .count(),
    ).toBe(1);

    // Another screen marks it ready: the kitchen follows live.
    await owner.query('mutation($id: ID!) { markReady(id: $id) { id } }', { id });
    await kitchenColumn(page, 'Ready')
      .getByRole('article', { name: `Order ${code}` })
      .waitFor({ timeout: LIVE_TIMEOUT_MS });

    const geometry = await page.evaluate<{ horizontal: number; vertical: number; columnsInside: boolean }>(overflow);
    expect(geometry).toEqual({ horizontal: 0, vertical: 0, columnsInside: true });
    if (SHOTS) {
      // Clicking scrolled the columns to the tapped ticket: show each from its top.
      await page.evaluate(`document.querySelectorAll('.kitchen-tickets').forEach((list) => (list.scrollTop = 0))`);
      await page.screenshot({ path: path.join(SHOTS, 'kitchen.png') });
    }

    // Picked up: off the board, into Recall.
    await ticket.getByRole('button', { name: `Order ${code}: mark picked up` }).click();
    await reaches(owner, id, 'PICKED_UP');
    await ticket.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Recall' }).click();
    await page
      .getByRole('dialog', { name: 'Tickets that left the board' })
      .getByRole('article', { name: `Order ${code}` })
      .waitFor();
    expect(pageErrors).toEqual([]);
    await close();
  });

  it('fits a 1024x768 tablet without scrolling the page', async () => {
    const { page, close } = await openKitchen(browser, web.url, BISTRO, { width: 1024, height: 768 });
    const geometry = await page.evaluate<{ horizontal: number; vertical: number; columnsInside: boolean }>(overflow);
    expect(geometry).toEqual({ horizontal: 0, vertical: 0, columnsInside: true });
    if (SHOTS && !REFRESH_SCREENSHOTS) await page.screenshot({ path: path.join(SHOTS, 'kitchen-1024.png') });
    await close();
  });

  it('prints a ticket laid out for an 80 mm printer: only the ticket, money by its exponent, Arabic as Arabic', async () => {
    const owner = await signIn(platform, HARBOR);
    const { page, close } = await openKitchen(browser, web.url, HARBOR);
    const { id, displayCode: code } = await placeOrderWithCode(platform, 'harbor-grill', {
      items: [
        {
          name: 'Chicken Machboos | مجبوس دجاج',
          quantity: 2,
          unitPrice: 1250,
          total: 2500,
          notes: 'Extra spicy',
          modifiers: [{ name: 'Laban | لبن', quantity: 1, unitPrice: 150 }],
        },
      ],
      subtotal: 2800,
      deliveryFee: 500,
      discount: 300,
      total: 3000,
      notes: 'Allergy: nuts',
      customer: { name: 'فاطمة الحربي', phone: '+965 5550 1234' },
      delivery: { address: 'Block 4, Salmiya' },
      payment: { method: 'CASH', paid: false },
    });
    await owner.query('mutation($id: ID!) { acceptOrder(id: $id, prepMinutes: 15) { id } }', { id });
    const ticket = kitchenColumn(page, 'Accepted').getByRole('article', { name: `Order ${code}` });
    await ticket.waitFor({ timeout: LIVE_TIMEOUT_MS });

    await page.evaluate('window.__holdPrint = true');
    await ticket.getByRole('button', { name: 'Print ticket' }).click();
    await eventually(async () => ((await printedCodes(page)).length ? true : undefined), LIVE_TIMEOUT_MS, 'a print');
    expect(await printedCodes(page)).toEqual([`#${code}`]);

    await page.emulateMedia({ media: 'print' });
    const printed = page.getByRole('article', { name: `Ticket for order ${code}` });
    expect(await printed.isVisible()).toBe(true);
    expect(await page.getByTestId('kitchen').isVisible()).toBe(false);
    const box = await printed.boundingBox();
    expect(Math.round(box!.width)).toBe(302); // 80 mm at 96 CSS px per inch
    const text = (await printed.innerText()).replace(/\s+/g, ' ');
    for (const expected of ['#' + code, 'DELIVERY', '2×', 'Chicken Machboos', '2.500', '+0.150', '» Extra spicy']) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/Subtotal 2\.800 Delivery fee 0\.500 Discount -0\.300 Total KWD 3\.000/);
    expect(text).toContain('Allergy: nuts');
    expect(text).toContain('CASH · TO COLLECT');
    const arabic = await page.evaluate<string[][]>(
      `[...document.querySelectorAll('.print-root [lang=ar]')].map((el) => [el.textContent, getComputedStyle(el).direction])`,
    );
    expect(arabic).toEqual([
      ['مجبوس دجاج', 'rtl'],
      ['لبن', 'rtl'],
    ]);

    if (SHOTS)
      await page.screenshot({
        path: path.join(SHOTS, REFRESH_SCREENSHOTS ? 'kitchen-ticket.png' : 'ticket.png'),
        clip: box!,
        animations: 'disabled',
      });

    // The PDF Chromium prints: one page, 80 mm wide (226.8 pt), as long as the ticket.
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
    expect(boxes).toHaveLength(1);
    const [, width, height] = boxes[0]!.map(Number) as [number, number, number];
    expect(width).toBeCloseTo((80 / 25.4) * 72, 0);
    expect(height).toBeGreaterThan((60 / 25.4) * 72);
    if (SHOTS && !REFRESH_SCREENSHOTS) fs.writeFileSync(path.join(SHOTS, 'ticket.pdf'), pdf);

    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(`window.dispatchEvent(new Event('afterprint'))`);
    await page.locator('body:not(.printing-ticket)').waitFor({ state: 'attached' });
    expect(await page.getByTestId('print-root').textContent()).toBe('');
    await close();
  });

  it('auto-prints each order once it is accepted, once per device, reloads included', async () => {
    const owner = await signIn(platform, HARBOR);
    const { page, close } = await openKitchen(browser, web.url, HARBOR);
    const toggle = page.getByRole('button', { name: 'Auto-print' });
    await toggle.click();
    await page.locator('button[aria-pressed=true]', { hasText: 'Auto-print' }).waitFor();

    const first = await placeOrderWithCode(platform, 'harbor-grill');
    await kitchenTicket(page, first.displayCode).waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await printedCodes(page)).toEqual([]);
    await owner.query('mutation($id: ID!) { acceptOrder(id: $id, prepMinutes: 10) { id } }', { id: first.id });
    await eventually(
      async () => ((await printedCodes(page)).length ? true : undefined),
      LIVE_TIMEOUT_MS,
      'the accepted order to print',
    );
    expect(await printedCodes(page)).toEqual([`#${first.displayCode}`]);

    // A reload: the device remembers the setting and what it printed.
    await page.reload();
    await page.locator('main[aria-busy=false]').waitFor();
    await kitchenTicket(page, first.displayCode).waitFor();
    const second = await placeOrderWithCode(platform, 'harbor-grill');
    await kitchenTicket(page, second.displayCode).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await owner.query('mutation($id: ID!) { acceptOrder(id: $id, prepMinutes: 10) { id } }', { id: second.id });
    await eventually(
      async () => ((await printedCodes(page)).length ? true : undefined),
      LIVE_TIMEOUT_MS,
      'the second order to print',
    );
    // Had the first printed again, it would have printed on load, before the second existed.
    expect(await printedCodes(page)).toEqual([`#${second.displayCode}`]);
    await close();
  });
});
