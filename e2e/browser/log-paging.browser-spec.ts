import { buildWebhook, sendWebhook } from '@nexara/simulator';
import type { Page } from 'playwright-core';
import { allGridRowIds, goTo, LIVE_TIMEOUT_MS, openSignedIn } from '../support/dashboard';
import { startDashboardStack, stopDashboardStack, type DashboardStack } from '../support/dashboard-stack';
import { seededConnection, signIn } from '../support/platform';

/**
 * A log page's "Load more" (PagedGrid, docs/dashboard.md): the Webhook
 * events page holding more deliveries than one page (100) shows each next
 * page once, in the API's order, until the last, and a delivery arriving
 * live after that keeps what is shown the API's newest rows, none skipped.
 * No worker: the deliveries stay queued, so only what the test sends
 * changes the list.
 */
let stack: DashboardStack;
let owner: Awaited<ReturnType<typeof signIn>>;

const OWNER = 'owner@demo-bistro.test';
const GRID = 'webhook-events-grid';
/** Two full pages and part of a third. */
const DELIVERIES = 230;

beforeAll(async () => {
  stack = await startDashboardStack({ ordersPerTenant: 0 });
  owner = await signIn(stack.platform, OWNER);
  await deliver(DELIVERIES);
}, 240_000);

afterAll(async () => {
  await stopDashboardStack(stack);
});

let sent = 0;

/**
 * `count` new-order deliveries through the gateway, spread over the
 * tenant's connections (each connection's rate limit allows a burst of 100),
 * a few at a time.
 */
async function deliver(count: number): Promise<void> {
  const tenant = stack.platform.seed.tenants.find((t) => t.slug === 'demo-bistro')!;
  const connections = tenant.connections.map((c) => seededConnection(stack.platform, 'demo-bistro', c.provider));
  const one = async (n: number) => {
    const built = await buildWebhook(connections[n % connections.length]!, 'new_order', { seed: 9000 + n });
    const { status, body } = await sendWebhook(built);
    if (status >= 300) throw new Error(`delivery ${n} answered ${status}: ${body}`);
  };
  const numbers = Array.from({ length: count }, () => (sent += 1));
  for (let i = 0; i < numbers.length; i += 10) await Promise.all(numbers.slice(i, i + 10).map(one));
}

type EventsPage = {
  webhookEvents: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
};

/** Every delivery id of the tenant in the API's order (newest first), page after page. */
async function apiOrder(): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const { webhookEvents }: EventsPage = await owner.query<EventsPage>(
      'query($after: String) { webhookEvents(first: 200, after: $after) { edges { node { id } } pageInfo { endCursor hasNextPage } } }',
      { after },
    );
    ids.push(...webhookEvents.edges.map((edge) => edge.node.id));
    if (!webhookEvents.pageInfo.hasNextPage) return ids;
    after = webhookEvents.pageInfo.endCursor;
  }
}

const shownStatus = (page: Page, total: number, shown: number) =>
  page
    .getByRole('status')
    .filter({ hasText: new RegExp(`^${total} deliveries · ${shown} shown$`) })
    .waitFor({ timeout: LIVE_TIMEOUT_MS });

/** The grid's rows are `expected`, each once, in that order (the status line says how many it holds). */
async function expectRows(page: Page, expected: string[]): Promise<void> {
  expect(await allGridRowIds(page, GRID, expected.length)).toEqual(expected);
}

describe('log paging', () => {
  it('loads the next page once each, in order, until the last, and stays whole when a delivery arrives live', async () => {
    const expected = await apiOrder();
    expect(expected).toHaveLength(DELIVERIES);

    const { page, pageErrors } = await openSignedIn(stack.browser, stack.web.url, OWNER);
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    await goTo(page, 'Webhook events');
    const loadMore = page.getByRole('button', { name: 'Load 100 more' });

    await shownStatus(page, DELIVERIES, 100);
    await expectRows(page, expected.slice(0, 100));
    await loadMore.click();
    await shownStatus(page, DELIVERIES, 200);
    await expectRows(page, expected.slice(0, 200));
    await loadMore.click();
    await shownStatus(page, DELIVERIES, DELIVERIES);
    await expectRows(page, expected);
    expect(await loadMore.count()).toBe(0);

    // One more arrives: the page re-reads what it shows. The rows are still the API's newest, none skipped where
    // the first page ends; the oldest one is now behind "Load more".
    await deliver(1);
    const after = await apiOrder();
    expect(after).toHaveLength(DELIVERIES + 1);
    await shownStatus(page, DELIVERIES + 1, DELIVERIES);
    await page.locator(`[data-testid="${GRID}"] .ag-row[row-index="0"][row-id="${after[0]}"]`).waitFor({
      timeout: LIVE_TIMEOUT_MS,
    });
    await expectRows(page, after.slice(0, DELIVERIES));
    await loadMore.click();
    await shownStatus(page, DELIVERIES + 1, DELIVERIES + 1);
    await expectRows(page, after);
    expect(await loadMore.count()).toBe(0);

    expect(pageErrors).toEqual([]);
    expect(problems).toEqual([]);
    // Reading 230 rows row by row through the grid, three times over, on a shared machine.
  }, 240_000);
});
