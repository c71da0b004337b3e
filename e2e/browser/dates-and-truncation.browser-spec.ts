import type { Page } from 'playwright-core';
import { eventually } from '@nexara/test-support';
import { goTo, openSignedIn } from '../support/dashboard';
import { startDashboardStack, stopDashboardStack, type DashboardStack } from '../support/dashboard-stack';
import { signIn } from '../support/platform';

/**
 * Issue #16, defect 8 (the rest), at the operations team's 1440x900: no
 * header is cut short, a cut-off value has its full text as a title, the
 * date shows only on rows from another day than the tenant's today, and
 * date filters read dd/mm/yyyy for a Riyadh tenant in an en-US browser.
 */
let stack: DashboardStack;
let owner: Awaited<ReturnType<typeof signIn>>;
let page: Page;
let pageErrors: string[];

const OWNER = 'owner@demo-bistro.test';
const ZONE = 'Asia/Riyadh';

beforeAll(async () => {
  stack = await startDashboardStack({ ordersPerTenant: 40 });
  owner = await signIn(stack.platform, OWNER);
  ({ page, pageErrors } = await openSignedIn(stack.browser, stack.web.url, OWNER, { width: 1440, height: 900 }));
}, 240_000);

afterAll(async () => {
  await stopDashboardStack(stack);
});

/** Riyadh's calendar date of an instant, "2026-03-05". */
const riyadhDate = (instant: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );

// Evaluated in the page, as text: this folder is type-checked without the DOM library.

/** Grid headers whose text does not fit. */
const cutHeaders = (page: Page) =>
  page.evaluate<(string | null)[]>(`[...document.querySelectorAll('.ag-header-cell-text')]
    .filter((el) => el.scrollWidth > el.clientWidth)
    .map((el) => el.textContent)`);

/** Every element in the page's content cut short with an ellipsis, and the title nearest it. */
const cutTexts = (page: Page) =>
  page.evaluate<{ text: string; title: string | null }[]>(`[...document.querySelectorAll('main *')]
    .filter((el) => el.scrollWidth > el.clientWidth && getComputedStyle(el).textOverflow === 'ellipsis')
    .map((el) => ({ text: el.textContent?.trim() ?? '', title: el.closest('[title]')?.getAttribute('title') ?? null }))`);

function expectFullTextInTitles(cut: { text: string; title: string | null }[]) {
  for (const { text, title } of cut)
    expect({ text, title: title?.includes(text) ? 'has it' : title }).toEqual({ text, title: 'has it' });
}

describe('dates and cut-off text in the dashboard', () => {
  it('shows the orders grid without cut headers, with titles for cut values and dates only on other days', async () => {
    await goTo(page, 'Orders');
    const grid = page.getByTestId('orders-grid');
    await grid.locator('.ag-row[row-index="0"][row-id]').waitFor();
    expect(await cutHeaders(page)).toEqual([]);
    expectFullTextInTitles(await cutTexts(page));

    const { orders } = await owner.query<{ orders: { edges: { node: { id: string; placedAt: string } }[] } }>(
      '{ orders(first: 40) { edges { node { id placedAt } } } }',
    );
    const today = riyadhDate(new Date());
    const cells = await page.evaluate<{ id: string; text: string; title: string | null }[]>(
      `[...document.querySelectorAll('[data-testid="orders-grid"] .ag-row[row-id]')].map((row) => {
        const cell = row.querySelector('[col-id="placedAt"]');
        return { id: row.getAttribute('row-id'), text: cell?.textContent ?? '', title: cell?.getAttribute('title') ?? null };
      })`,
    );
    expect(cells.length).toBeGreaterThan(5);
    let otherDays = 0;
    for (const cell of cells) {
      const placedAt = new Date(orders.edges.find((edge) => edge.node.id === cell.id)!.node.placedAt);
      const clock = new Intl.DateTimeFormat('en-GB', {
        timeZone: ZONE,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(placedAt);
      if (riyadhDate(placedAt) === today) expect(cell.text).toBe(clock);
      else {
        otherDays++;
        expect(cell.text).toMatch(new RegExp(`^\\d{1,2} [A-Z][a-z]{2}.*${clock}$`));
      }
      // The full date, to the second, is one hover away on every row.
      expect(cell.title).toMatch(/\d{4}.*\d\d:\d\d:\d\d/);
    }
    expect(otherDays).toBeGreaterThan(0);
  });

  it('reads the orders date filter as dd/mm/yyyy for a Riyadh tenant in an en-US browser', async () => {
    const from = page.getByLabel('From');
    expect(await from.getAttribute('placeholder')).toBe('dd/mm/yyyy');
    // Yesterday and today in Riyadh, typed day first.
    const today = riyadhDate(new Date());
    const yesterday = riyadhDate(new Date(new Date(`${today}T12:00:00Z`).getTime() - 86_400_000));
    const typed = (iso: string) => iso.split('-').reverse().join('/');
    await from.fill(typed(yesterday));
    await page.getByLabel('To').fill(typed(today));
    const fromInstant = new Date(`${yesterday}T00:00:00+03:00`).toISOString();
    const toInstant = new Date(new Date(`${today}T00:00:00+03:00`).getTime() + 86_400_000).toISOString();
    const { orders } = await owner.query<{ orders: { totalCount: number } }>(
      'query($from: DateTimeISO, $to: DateTimeISO) { orders(filter: { from: $from, to: $to }) { totalCount } }',
      { from: fromInstant, to: toInstant },
    );
    await page
      .getByRole('status')
      .filter({ hasText: new RegExp(`^${orders.totalCount} orders?$`) })
      .waitFor();
    expect(await from.inputValue()).toBe(typed(yesterday));
    // Not a date: marked, and the filter keeps the last good one.
    await from.fill('31/02/2026');
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Clear' }).click();
    expect(await from.inputValue()).toBe('');
  });

  it('shows webhook events without cut headers, dates typed day first', async () => {
    await goTo(page, 'Webhook events');
    await page.getByTestId('webhook-events-grid').locator('.ag-header-cell').first().waitFor();
    expect(await cutHeaders(page)).toEqual([]);
    expect(await page.getByLabel('From').getAttribute('placeholder')).toBe('dd/mm/yyyy');
    expect(await page.getByLabel('To').getAttribute('placeholder')).toBe('dd/mm/yyyy');
  });

  it('cuts nothing in the live stream without its full text in a title', async () => {
    await goTo(page, 'Overview');
    await page.getByTestId('live-stream').getByRole('listitem').first().waitFor();
    expectFullTextInTitles(await cutTexts(page));
    expect(pageErrors).toEqual([]);
  });

  it('shows skeletons, not spinners, while the overview loads', async () => {
    // The overview's reads are held until the placeholders have been looked at.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { operationName?: string } | null;
      if (body?.operationName === 'LatestOrders' || body?.operationName === 'TodayMetrics') await held;
      await route.continue();
    });
    await page.reload();
    const stream = page.getByRole('region', { name: 'Live orders' });
    await stream.getByRole('status').filter({ hasText: 'Loading the latest orders…' }).waitFor();
    expect(await stream.locator('.skeleton-line').count()).toBeGreaterThan(0);
    expect(await page.locator('.spinner').count()).toBe(0);
    release();
    await stream.getByRole('listitem').first().waitFor();
    expect(await stream.locator('.skeleton-line').count()).toBe(0);
    await page.unroute('**/graphql');
    expect(pageErrors).toEqual([]);
  });

  it('shows revenue for a custom range of days typed day first', async () => {
    await page.getByRole('heading', { level: 1, name: 'Operations overview' }).waitFor();
    const today = riyadhDate(new Date());
    const daysBefore = (n: number) => riyadhDate(new Date(new Date(`${today}T12:00:00Z`).getTime() - n * 86_400_000));
    const [fromDay, toDay] = [daysBefore(6), daysBefore(1)];
    const typed = (iso: string) => iso.split('-').reverse().join('/');
    const from = new Date(`${fromDay}T00:00:00+03:00`).toISOString();
    const to = new Date(new Date(`${toDay}T00:00:00+03:00`).getTime() + 86_400_000).toISOString();

    const revenue = page.getByRole('region', { name: 'Revenue by provider' });
    await revenue.getByRole('button', { name: 'Custom' }).click();
    const range = revenue.getByRole('form', { name: 'Custom range' });
    expect(await range.getByLabel('From').getAttribute('placeholder')).toBe('dd/mm/yyyy');
    const asked = page.waitForRequest((request) => {
      const body = request.postDataJSON() as { operationName?: string; variables?: Record<string, unknown> } | null;
      return (
        body?.operationName === 'RevenueByProvider' &&
        body.variables?.['from'] === from &&
        body.variables['to'] === to &&
        body.variables['bucket'] === 'DAY'
      );
    });
    await range.getByLabel('From').fill(typed(fromDay));
    await range.getByLabel('To').fill(typed(toDay));
    await asked;
    await revenue
      .getByRole('heading', { name: `Provider performance (${typed(fromDay)} – ${typed(toDay)})` })
      .waitFor();

    const { orders } = await owner.query<{ orders: { totalCount: number } }>(
      'query($from: DateTimeISO, $to: DateTimeISO) { orders(filter: { from: $from, to: $to }) { totalCount } }',
      { from, to },
    );
    const table = revenue.getByRole('table', { name: 'Provider performance' });
    const shown = async () =>
      (await table.locator('tbody tr td:nth-child(2)').allTextContents()).reduce((sum, n) => sum + Number(n), 0);
    if (orders.totalCount === 0) await revenue.getByText('No orders in this range').waitFor();
    else
      await eventually(
        async () => ((await shown()) === orders.totalCount ? true : undefined),
        10_000,
        'the range total',
      );

    await range.getByLabel('To').fill(typed(daysBefore(9)));
    await range.getByRole('alert').filter({ hasText: 'The range ends before it starts.' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
