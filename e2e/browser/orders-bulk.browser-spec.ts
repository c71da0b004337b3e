import fs from 'node:fs';
import { buildWebhook, sendWebhook } from '@nexara/simulator';
import { eventually } from '@nexara/test-support';
import type { Page } from 'playwright-core';
import { goTo, LIVE_TIMEOUT_MS, openSignedIn } from '../support/dashboard';
import { startDashboardStack, stopDashboardStack, type DashboardStack } from '../support/dashboard-stack';
import { seededConnection, signIn } from '../support/platform';

/**
 * Issue #16: bulk accept of the orders ticked in the grid (one failure is
 * reported against its order, the others are accepted), and the CSV export
 * of every order under the filter and sort, through all the API's pages
 * (more orders than the grid loads at once).
 */
let stack: DashboardStack;
let owner: Awaited<ReturnType<typeof signIn>>;

const OWNER = 'owner@demo-bistro.test';
const SEEDED = 205;

beforeAll(async () => {
  stack = await startDashboardStack({ worker: true, ordersPerTenant: SEEDED });
  owner = await signIn(stack.platform, OWNER);
}, 480_000);

afterAll(async () => {
  await stopDashboardStack(stack);
});

type Seen = { id: string; displayCode: string; status: string; externalId: string };

async function placeOrder(seed: number): Promise<Seen> {
  const webhook = await buildWebhook(seededConnection(stack.platform, 'demo-bistro', 'CAREEM'), 'new_order', { seed });
  expect((await sendWebhook(webhook)).status).toBeLessThan(300);
  return eventually(
    async () => {
      const { orders } = await owner.query<{ orders: { edges: { node: Seen }[] } }>(
        'query($s: String!) { orders(first: 5, filter: { search: $s }) { edges { node { id displayCode status externalId } } } }',
        { s: webhook.externalId },
      );
      return orders.edges.map((edge) => edge.node).find((node) => node.externalId === webhook.externalId);
    },
    LIVE_TIMEOUT_MS,
    `order ${webhook.externalId}`,
  );
}

async function statusOf(id: string): Promise<string> {
  const { order } = await owner.query<{ order: { status: string } }>('query($id: ID!) { order(id: $id) { status } }', {
    id,
  });
  return order.status;
}

type ApiRow = { displayCode: string; total: { amount: number; currency: string } };

/** Every order in the API's order for a filter and sort, page after page. */
async function apiOrders(filter: Record<string, unknown>, orderBy: Record<string, string>): Promise<ApiRow[]> {
  const rows: ApiRow[] = [];
  let after: string | null = null;
  for (;;) {
    type Page200 = { orders: { edges: { node: ApiRow }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } };
    const { orders }: Page200 = await owner.query<Page200>(
      'query($filter: OrderFilterInput, $after: String, $orderBy: OrderSortInput) { orders(filter: $filter, first: 200, after: $after, orderBy: $orderBy) { edges { node { displayCode total { amount currency } } } pageInfo { endCursor hasNextPage } } }',
      { filter, after, orderBy },
    );
    rows.push(...orders.edges.map((edge) => edge.node));
    if (!orders.pageInfo.hasNextPage) return rows;
    after = orders.pageInfo.endCursor;
  }
}

/** RFC 4180 fields: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

async function download(page: Page): Promise<string[][]> {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: LIVE_TIMEOUT_MS }),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const text = fs.readFileSync((await file.path())!, 'utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  return parseCsv(text.slice(1));
}

/** SAR's two decimals from minor units, as text. */
const decimal = (amount: number) => `${Math.trunc(amount / 100)}.${String(amount % 100).padStart(2, '0')}`;

describe('orders grid bulk actions', () => {
  it('accepts the ticked orders and reports the one that failed against its code', async () => {
    const { page, pageErrors } = await openSignedIn(stack.browser, stack.web.url, OWNER, { width: 1440, height: 900 });
    await goTo(page, 'Orders');
    await page.getByLabel('Status').selectOption('RECEIVED');
    const placed = [await placeOrder(801), await placeOrder(802), await placeOrder(803)];
    const row = (order: Seen) =>
      page
        .getByTestId('orders-grid')
        .locator('.ag-row')
        .filter({ hasText: `#${order.displayCode}` });
    // All three rows first: each arrives live and a new row moves the others, so a tick before the last one
    // arrived could land on a row as it moved. Then one tick at a time, each seen to hold.
    for (const order of placed) await row(order).waitFor({ timeout: LIVE_TIMEOUT_MS });
    for (const order of placed) {
      await row(order).locator('.ag-selection-checkbox input').click();
      await row(order).locator('.ag-selection-checkbox input:checked').waitFor();
    }
    // No drawer opened by ticking.
    expect(await page.getByRole('dialog').count()).toBe(0);

    // The third order's accept fails at the API (as when the provider withdrew it a moment before).
    const failing = placed[2]!;
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { operationName?: string; variables?: { id?: string } } | null;
      if (body?.operationName === 'AcceptOrder' && body.variables?.id === failing.id)
        await route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ data: null, errors: [{ message: 'Order is no longer waiting to be accepted' }] }),
        });
      else await route.continue();
    });
    const bulk = page.getByRole('form', { name: 'Accept selected orders' });
    await bulk.getByLabel('Ready in').selectOption('15');
    await bulk.getByRole('button', { name: 'Accept 3 selected' }).click();
    const outcome = page.getByTestId('bulk-outcome');
    await outcome.getByText('Accepted 2 of 3 orders; 1 could not be accepted:').waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await outcome.getByRole('listitem').allTextContents()).toEqual([
      `#${failing.displayCode}: Order is no longer waiting to be accepted`,
    ]);
    expect(await statusOf(placed[0]!.id)).toBe('ACCEPTED');
    expect(await statusOf(placed[1]!.id)).toBe('ACCEPTED');
    expect(await statusOf(failing.id)).toBe('RECEIVED');
    await page.unroute('**/graphql');
    expect(pageErrors).toEqual([]);
  });

  it('exports every order under the filter and sort as CSV, past the first page, money exact', async () => {
    const { page, pageErrors } = await openSignedIn(stack.browser, stack.web.url, OWNER, { width: 1440, height: 900 });
    await goTo(page, 'Orders');
    await page.getByText(/ · 200 loaded/).waitFor();
    // By Total, highest first (one header click).
    await page.locator('.ag-header-cell[col-id="total"] .ag-header-cell-label').click();
    await page.locator('.ag-header-cell[col-id="total"][aria-sort="descending"]').waitFor();
    await page.getByText(/ · 200 loaded/).waitFor();

    const all = await download(page);
    const expected = await apiOrders({}, { field: 'TOTAL', direction: 'DESC' });
    expect(expected.length).toBeGreaterThan(200);
    const [header, ...rows] = all;
    expect(header).toEqual([
      'Order',
      'Provider order id',
      'Provider',
      'Status',
      'Test',
      'Placed (Asia/Riyadh)',
      'Placed (UTC)',
      'Customer',
      'Customer phone',
      'Connection',
      'Total',
      'Currency',
    ]);
    expect(rows.map((r) => r[0])).toEqual(expected.map((o) => o.displayCode));
    expect(rows.map((r) => `${r[10]} ${r[11]}`)).toEqual(
      expected.map((o) => `${decimal(o.total.amount)} ${o.total.currency}`),
    );

    await page.getByLabel('Provider').selectOption('TALABAT');
    const talabat = await apiOrders({ provider: ['TALABAT'] }, { field: 'TOTAL', direction: 'DESC' });
    await page
      .getByRole('status')
      .filter({ hasText: new RegExp(`^${talabat.length} orders?$`) })
      .waitFor();
    const filtered = await download(page);
    expect(filtered.slice(1).map((r) => r[0])).toEqual(talabat.map((o) => o.displayCode));
    expect(new Set(filtered.slice(1).map((r) => r[2]))).toEqual(new Set(['TALABAT']));
    expect(pageErrors).toEqual([]);
  });
});
