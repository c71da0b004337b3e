import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { allGridRowIds, goTo, openSignedIn } from '../support/dashboard';
import { startGateway } from '../support/gateway';
import { signIn, startTestPlatform, type TestPlatform } from '../support/platform';
import { serveDashboard } from '../support/web-server';

/**
 * The orders grid's sorting against the API: more orders than one page
 * (200), so a sort the grid did only on its loaded rows would differ from
 * the server's order.
 */
let platform: TestPlatform;
let gateway: Awaited<ReturnType<typeof startGateway>>;
let web: Awaited<ReturnType<typeof serveDashboard>>;
let browser: Browser;
let owner: Awaited<ReturnType<typeof signIn>>;

const OWNER = 'owner@demo-bistro.test';
const ORDERS = 210;

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: ORDERS });
  gateway = await startGateway(platform, { NODE_ENV: 'production' });
  web = await serveDashboard(gateway.url);
  browser = await launchChromium();
  owner = await signIn(platform, OWNER);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await gateway?.stop();
  await platform?.stop();
});

type Page200 = { orders: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } };

/** Every order id in the API's order for `orderBy`, page after page. */
async function apiOrder(field: string, direction: 'ASC' | 'DESC'): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const { orders }: Page200 = await owner.query<Page200>(
      'query($after: String, $orderBy: OrderSortInput) { orders(first: 200, after: $after, orderBy: $orderBy) { edges { node { id } } pageInfo { endCursor hasNextPage } } }',
      { after, orderBy: { field, direction } },
    );
    ids.push(...orders.edges.map((edge) => edge.node.id));
    if (!orders.pageInfo.hasNextPage) return ids;
    after = orders.pageInfo.endCursor;
  }
}

const header = (page: Page, colId: string) => page.locator(`.ag-header-cell[col-id="${colId}"]`);
const sortedHeaders = (page: Page) =>
  page.locator('.ag-header-cell[aria-sort="ascending"], .ag-header-cell[aria-sort="descending"]');

describe('orders grid sorting', () => {
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    const opened = await openSignedIn(browser, web.url, OWNER);
    page = opened.page;
    problems = opened.pageErrors;
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    await goTo(page, 'Orders');
    await page.getByText(`${ORDERS} orders · 200 loaded`).waitFor();
    // Newest first by default; scrolling to the end loads the second page.
    expect(await allGridRowIds(page, 'orders-grid', ORDERS)).toEqual(await apiOrder('PLACED_AT', 'DESC'));
    await page
      .getByRole('status')
      .filter({ hasText: new RegExp(`^${ORDERS} orders$`) })
      .waitFor();
  });

  it.each([
    ['provider', 'PROVIDER'],
    ['status', 'STATUS'],
    ['acceptBy', 'ACCEPT_BY'],
    ['placedAt', 'PLACED_AT'],
    ['total', 'TOTAL'],
  ])('sorts by %s as the API orders by %s, across pages, both ways', async (colId, field) => {
    for (const direction of ['DESC', 'ASC'] as const) {
      const ariaSort = direction === 'ASC' ? 'ascending' : 'descending';
      // Descending first, then ascending (the grid never goes back to unsorted). One click at a time, each
      // waited for: a second click before the header shows the first would sort twice (two reloads).
      let shownSort = await header(page, colId).getAttribute('aria-sort');
      while (shownSort !== ariaSort) {
        await header(page, colId).locator('.ag-header-cell-label').click();
        await page.locator(`.ag-header-cell[col-id="${colId}"]:not([aria-sort="${shownSort}"])`).waitFor();
        shownSort = await header(page, colId).getAttribute('aria-sort');
      }
      await page.getByText(`${ORDERS} orders · 200 loaded`).waitFor();
      expect(await sortedHeaders(page).count()).toBe(1);
      const shown = await allGridRowIds(page, 'orders-grid', ORDERS);
      expect(shown).toEqual(await apiOrder(field, direction));
    }
    expect(problems).toEqual([]);
  });

  it('keeps a single sort marker when a filter changes', async () => {
    const { orders: careem } = await owner.query<{ orders: { totalCount: number } }>(
      '{ orders(filter: { provider: [CAREEM] }) { totalCount } }',
    );
    await header(page, 'total').locator('.ag-header-cell-label').click();
    await page.getByLabel('Provider').selectOption('CAREEM');
    await page
      .getByRole('status')
      .filter({ hasText: new RegExp(`^${careem.totalCount} orders?$`) })
      .waitFor();
    expect(await sortedHeaders(page).count()).toBe(1);
    expect(await header(page, 'total').getAttribute('aria-sort')).not.toBe('none');
    await page.getByLabel('Provider').selectOption('');
    await page.getByText(`${ORDERS} orders`).waitFor();
    expect(await sortedHeaders(page).count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
