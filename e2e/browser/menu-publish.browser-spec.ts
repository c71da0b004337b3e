import { capabilityFor, providerDefinition, type Provider } from '@nexara/providers';
import type { Locator, Page } from 'playwright-core';
import { goTo, LIVE_TIMEOUT_MS, openSignedIn } from '../support/dashboard';
import { startDashboardStack, stopDashboardStack, type DashboardStack } from '../support/dashboard-stack';
import { giveControlIds, signIn } from '../support/platform';

/**
 * The Menu and Sync log pages (issue #13, docs/dashboard.md): a CSV with a
 * bad line is refused naming its line and column and stores nothing; a good
 * one is imported; a price edited in the grid is stored; a publish shows
 * each connection's result live as the simulated providers answer; a
 * provider's refusal is FAILED with its reason and is retried from the Sync
 * log. The API (and the simulator's failure switch) stand outside the pages
 * as the independent check.
 */
let stack: DashboardStack;
let owner: Awaited<ReturnType<typeof signIn>>;
let connections: { id: string; name: string; provider: Provider }[];

/**
 * How long a menu job may take to end: a second upload to a connection waits
 * out the provider's interval (a minute for some), and a loaded machine slows
 * the worker (a first upload once took over a minute at load average 30).
 */
const MENU_RESULT_WAIT_MS = 150_000;

const menuCapability = (provider: Provider) => capabilityFor(providerDefinition(provider).control, 'MENU');

beforeAll(async () => {
  stack = await startDashboardStack({ ordersPerTenant: 0, worker: true, providerApi: true });
  owner = await signIn(stack.platform, 'owner@demo-bistro.test');
  const listed = await owner.query<{
    connections: { id: string; name: string; provider: Provider; branch: { id: string } | null }[];
  }>('{ connections { id name provider branch { id } } }');
  connections = listed.connections.filter((c) => c.branch);
  await giveControlIds(owner, connections);
}, 240_000);

afterAll(async () => {
  await stopDashboardStack(stack);
});

async function menusByApi(): Promise<{ id: string; items: { ref: string; price: { amount: number } }[] }[]> {
  return (
    await owner.query<{ menus: { id: string; items: { ref: string; price: { amount: number } }[] }[] }>(
      '{ menus { id items { ref price { amount } } } }',
    )
  ).menus;
}

async function importCsv(page: Page, csv: string): Promise<void> {
  await page.getByLabel('Menu file (CSV or JSON)').setInputFiles({
    name: 'lunch.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await page.getByLabel('Menu name (English)').fill('Lunch');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
}

/** Waits for `locator`; if it never shows, fails saying what the results table and the API held then. */
async function waitOrExplain(page: Page, locator: Locator, timeout: number): Promise<void> {
  try {
    await locator.waitFor({ timeout });
  } catch (error) {
    const shown = await page
      .getByTestId('publish-results')
      .innerText()
      .catch(() => '(no results table)');
    const { catalogSyncJobs } = await owner.query<{ catalogSyncJobs: unknown }>(
      '{ catalogSyncJobs(first: 20) { edges { node { kind status reason provider updatedAt } } } }',
    );
    throw new Error(`${(error as Error).message}\nshown:\n${shown}\nAPI: ${JSON.stringify(catalogSyncJobs)}`);
  }
}

const resultRow = (page: Page, connectionId: string): Locator =>
  page.getByTestId('publish-results').locator(`tr[data-connection-id="${connectionId}"]`);

describe('Menu and Sync log pages', () => {
  it('imports a CSV (refusing a bad line whole), edits a price, publishes live, and retries a refusal from the Sync log', async () => {
    const { page, pageErrors } = await openSignedIn(stack.browser, stack.web.url, 'owner@demo-bistro.test');
    await goTo(page, 'Menu');
    await page.getByText('No menus yet').waitFor();

    // A bad line: the API refuses the whole file, the page names the line and column, nothing is stored.
    const header = 'category,ref,name_en,name_ar,price,pos_id';
    await importCsv(
      page,
      [header, 'Burgers,burger-1,Burger,برجر,25.00,POS-1', 'Drinks,cola-1,Cola,,abc,POS-2'].join('\n'),
    );
    const problems = page.getByTestId('import-problems');
    await problems.getByText(/^Line 3, price: /).waitFor();
    expect(await problems.locator('strong').textContent()).toBe('Nothing was imported: 1 problem.');
    expect(await menusByApi()).toEqual([]);

    // The file mended: imported, and its items shown.
    await importCsv(
      page,
      [header, 'Burgers,burger-1,Burger,برجر,25.00,POS-1', 'Drinks,cola-1,Cola,,5.00,POS-2'].join('\n'),
    );
    await page.getByRole('status').filter({ hasText: 'Imported “Lunch”: 2 items.' }).waitFor();
    const grid = page.getByTestId('menu-items-grid');
    const burger = grid.locator('.ag-row').filter({ hasText: 'burger-1' });
    await burger.waitFor();
    expect(await menusByApi()).toMatchObject([{ items: [{ ref: 'burger-1', price: { amount: 2500 } }, {}] }]);

    // A price edited in place is stored.
    await burger.locator('[col-id="price"]').dblclick();
    const editor = burger.locator('[col-id="price"] input');
    await editor.fill('27.50');
    await editor.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Saved Burger.' }).waitFor();
    await burger.locator('[col-id="price"]').getByText('27.50', { exact: true }).waitFor();
    expect((await menusByApi())[0]!.items.find((item) => item.ref === 'burger-1')!.price.amount).toBe(2750);

    // One provider refuses the next call (one that takes the menu with no token first, so the menu call is the one
    // refused): its job FAILS with the provider's reason, the others end as the provider answers.
    const refusing = connections.find(
      (c) => menuCapability(c.provider) && !providerDefinition(c.provider).control?.token,
    )!;
    expect(refusing).toBeDefined();
    stack.platform.providerApi!.failNext(refusing.provider, 1, 400);
    await page.getByRole('button', { name: 'Publish to all connections' }).click();
    for (const connection of connections) {
      const row = resultRow(page, connection.id);
      await row.waitFor({ timeout: LIVE_TIMEOUT_MS });
      if (connection.id === refusing.id) {
        await waitOrExplain(page, row.and(page.locator('[data-status="FAILED"]')), MENU_RESULT_WAIT_MS);
        expect(await row.locator('td').nth(3).textContent()).toMatch(/\b400\b/);
      } else if (!menuCapability(connection.provider)) {
        await waitOrExplain(page, row.and(page.locator('[data-status="FAILED"]')), LIVE_TIMEOUT_MS);
        expect(await row.locator('td').nth(3).textContent()).toBe(
          `${connection.provider} has no MENU capability in Nexara.`,
        );
      } else {
        // APPLIED, or accepted and waiting for the provider's result webhook (which the simulator does not send).
        await waitOrExplain(
          page,
          row
            .and(page.locator('[data-status="APPLIED"]'))
            .or(row.and(page.locator('[data-status="PENDING"]')).filter({ hasText: /result webhook/ })),
          MENU_RESULT_WAIT_MS,
        );
      }
    }

    // Retried from the Sync log: a new job for the same connection, shown live until the provider applies it.
    await goTo(page, 'Sync log');
    await page.getByRole('combobox', { name: /^Status/ }).selectOption('FAILED');
    await page.getByRole('combobox', { name: /^Connection/ }).selectOption(refusing.id);
    const failedRow = page.getByTestId('sync-log-grid').locator('.ag-row').filter({ hasText: 'Failed' });
    await failedRow.first().waitFor({ timeout: LIVE_TIMEOUT_MS });
    await failedRow.first().click();
    const drawer = page.getByRole('dialog', { name: 'Sync job' });
    await drawer
      .getByTestId('job-reason')
      .getByText(/\b400\b/)
      .waitFor();
    expect(await drawer.getByLabel('Request (what we asked)').textContent()).toContain('"kind": "MENU"');
    await drawer.getByRole('button', { name: 'Retry' }).click();
    // Taken by the provider: APPLIED, or accepted and waiting for its result webhook (the simulator sends none).
    await drawer
      .getByText('Applied', { exact: true })
      .or(drawer.getByTestId('job-reason').getByText(/result webhook/))
      .waitFor({ timeout: MENU_RESULT_WAIT_MS });
    expect(await drawer.getByLabel('Answer (what the provider said)').textContent()).toContain('"calls"');

    // The API agrees: the retried job APPLIED, the failed one kept with its reason.
    const { catalogSyncJobs } = await owner.query<{
      catalogSyncJobs: { edges: { node: { status: string; reason: string | null } }[] };
    }>(
      'query ($f: CatalogSyncJobFilter) { catalogSyncJobs(filter: $f, first: 10) { edges { node { status reason } } } }',
      {
        f: { connectionId: refusing.id },
      },
    );
    const [retried, failed, ...none] = catalogSyncJobs.edges.map((e) => e.node);
    expect(none).toEqual([]);
    expect(failed).toMatchObject({ status: 'FAILED', reason: expect.stringMatching(/\b400\b/) });
    expect(retried!.status === 'APPLIED' || /result webhook/.test(retried!.reason ?? '')).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 420_000);
});
