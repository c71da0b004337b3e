import { capabilityFor, providerDefinition, type Provider } from '@nexara/providers';
import type { ReceivedCall } from '@nexara/simulator';
import type { Locator, Page } from 'playwright-core';
import { goTo, LIVE_TIMEOUT_MS, openSignedIn } from '../support/dashboard';
import { startDashboardStack, stopDashboardStack, type DashboardStack } from '../support/dashboard-stack';
import { giveControlIds, signIn } from '../support/platform';

/**
 * The Availability and Store status pages (docs/dashboard.md) against the
 * whole stack: a tap in Chromium is queued by the catalog, run by the
 * integrations worker against the simulated providers, and each
 * connection's answer shows on the page live. The simulator's `/records` is
 * the independent ledger of what each provider received.
 */
let stack: DashboardStack;
let page: Page;
let closeBrowser: () => Promise<void>;
let pageErrors: string[];
let branchId: string;
let connections: { id: string; provider: Provider }[];
/** Our item ids by ref. */
let itemIds: Map<string, string>;

type Kind = Parameters<typeof capabilityFor>[1];
const offers = (provider: Provider, kind: Kind) => capabilityFor(providerDefinition(provider).control, kind) !== null;
/** A connection's expected answer: APPLIED where its provider offers the kind, else FAILED saying it does not. */
const expected = (provider: Provider, kind: Kind) =>
  offers(provider, kind)
    ? { status: 'APPLIED', reason: null }
    : { status: 'FAILED', reason: `${provider} has no ${kind} capability in Nexara.` };

const ITEMS = [
  { ref: 'burger', externalPosId: 'POS-21', name: { en: 'Smash Burger', ar: 'برجر سماش' }, price: '25.50' },
  { ref: 'fries', externalPosId: 'POS-22', name: { en: 'Curly Fries', ar: 'بطاطس حلزونية' }, price: '9' },
  { ref: 'shake', externalPosId: 'POS-23', name: { en: 'Date Shake', ar: 'ميلك شيك التمر' }, price: '14' },
];

async function records(provider: Provider, since: string): Promise<ReceivedCall[]> {
  const url = `${stack.platform.providerApi!.url}/records?provider=${provider.toLowerCase()}&since=${encodeURIComponent(since)}`;
  return (await (await fetch(url)).json()) as ReceivedCall[];
}

/**
 * Waits until each connection's answer shows as expected (its status, and
 * the reason when there is one); `answer` finds a connection's answer of a
 * status on the page.
 */
async function expectAnswers(
  answer: (connectionId: string, status: string) => Locator,
  want: (connection: { id: string; provider: Provider }) => { status: string; reason: string | RegExp | null },
): Promise<void> {
  for (const connection of connections) {
    const { status, reason } = want(connection);
    const state = answer(connection.id, status);
    await state.waitFor({ timeout: LIVE_TIMEOUT_MS });
    if (reason) await state.locator('.sync-reason', { hasText: reason }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  }
}

/** A connection's answer about an item, in its row. */
const itemAnswer = (row: Locator) => (connectionId: string, status: string) =>
  row.locator(`[data-testid="sync-state"][data-connection="${connectionId}"][data-status="${status}"]`);

/** A connection's answer in one column (store status, busy mode) of the store-status page. */
const storeAnswer = (page: Page, column: string) => (connectionId: string, status: string) =>
  page
    .getByTestId('store-connections')
    .locator(
      `[data-connection="${connectionId}"] [data-testid="${column}"] [data-testid="job-state"][data-status="${status}"]`,
    );

beforeAll(async () => {
  stack = await startDashboardStack({ ordersPerTenant: 1, worker: true, providerApi: true });
  const owner = await signIn(stack.platform, 'owner@demo-bistro.test');
  const listed = await owner.query<{ connections: { id: string; provider: Provider; branch: { id: string } }[] }>(
    '{ connections { id provider branch { id } } }',
  );
  branchId = listed.connections[0]!.branch.id;
  connections = listed.connections.filter((c) => c.branch.id === branchId);
  await giveControlIds(owner, connections);
  const { importMenu } = await owner.query<{ importMenu: { items: { id: string; ref: string }[] } }>(
    'mutation ($input: ImportMenuInput!) { importMenu(input: $input) { items { id ref } } }',
    {
      input: {
        branchIds: [branchId],
        name: { en: 'Main', ar: 'الرئيسية' },
        currency: 'SAR',
        categories: [{ ref: 'c1', name: { en: 'Mains' }, itemRefs: ITEMS.map((item) => item.ref) }],
        items: ITEMS,
      },
    },
  );
  itemIds = new Map(importMenu.items.map((item) => [item.ref, item.id]));
  const opened = await openSignedIn(stack.browser, stack.web.url, 'owner@demo-bistro.test');
  page = opened.page;
  pageErrors = opened.pageErrors;
  closeBrowser = () => opened.context.close();
}, 240_000);

afterAll(async () => {
  await closeBrowser?.();
  await stopDashboardStack(stack);
});

describe('the availability page', () => {
  it("86s two items in one tap, and shows each connection's answer as the provider gives it", async () => {
    await goTo(page, 'Availability');
    const since = new Date().toISOString();
    const table = page.getByTestId('availability-table');
    await table.getByRole('checkbox', { name: 'Select Smash Burger' }).check();
    await table.getByRole('checkbox', { name: 'Select Curly Fries' }).check();
    const bar = page.getByRole('region', { name: '2 items selected' });
    await bar.getByRole('button', { name: 'Sold out', exact: true }).click();

    for (const name of ['Smash Burger', 'Curly Fries']) {
      const row = table.getByTestId('availability-row').filter({ hasText: name });
      await row.and(page.locator('[data-state="SOLD_OUT"]')).waitFor({ timeout: LIVE_TIMEOUT_MS });
      await expectAnswers(itemAnswer(row), (c) => expected(c.provider, 'AVAILABILITY'));
    }
    // The untouched item stays available, with nothing sent about it.
    const shake = table.getByTestId('availability-row').filter({ hasText: 'Date Shake' });
    expect(await shake.getAttribute('data-state')).toBe('AVAILABLE');
    expect(await shake.getByTestId('sync-state').count()).toBe(0);

    // The providers' own ledger: each one offering availability got both items (by POS id, or by ours where it keeps ours).
    const named = (body: string, ids: string[]) => ids.every((id) => body.includes(id));
    const both = [
      ['POS-21', 'POS-22'],
      [itemIds.get('burger')!, itemIds.get('fries')!],
    ];
    for (const { provider } of connections.filter((c) => offers(c.provider, 'AVAILABILITY'))) {
      const bodies = (await records(provider, since)).map((call) => JSON.stringify(call.body));
      expect([provider, bodies.some((body) => both.some((ids) => named(body, ids)))]).toEqual([provider, true]);
    }
  });

  it('snoozes one item for 30 minutes and shows when it comes back, in the branch time zone', async () => {
    await goTo(page, 'Availability');
    await page.getByRole('searchbox', { name: 'Search items' }).fill('shake');
    const table = page.getByTestId('availability-table');
    await table.getByTestId('availability-row').filter({ hasText: 'Smash Burger' }).waitFor({ state: 'detached' });
    const tapped = Date.now();
    await table.getByRole('combobox', { name: 'Change Date Shake' }).selectOption('SNOOZE_30');
    const row = table.getByTestId('availability-row').filter({ hasText: 'Date Shake' });
    await row.and(page.locator('[data-state="SOLD_OUT"]')).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectAnswers(itemAnswer(row), (c) => expected(c.provider, 'AVAILABILITY'));

    const owner = await signIn(stack.platform, 'owner@demo-bistro.test');
    const { branchAvailability } = await owner.query<{
      branchAvailability: { item: { ref: string }; state: string; until: string | null }[];
    }>('query ($b: ID!) { branchAvailability(branchId: $b) { item { ref } state until } }', { b: branchId });
    const snoozed = branchAvailability.find((entry) => entry.item.ref === 'shake')!;
    expect(snoozed.state).toBe('SOLD_OUT');
    // Set 30 minutes after the tap, by the browser's clock (this machine's).
    expect(Date.parse(snoozed.until!)).toBeGreaterThanOrEqual(tapped + 30 * 60_000 - 1_000);
    expect(Date.parse(snoozed.until!)).toBeLessThanOrEqual(Date.now() + 30 * 60_000);
    const clock = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Riyadh',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(snoozed.until!));
    expect(await row.getByTestId('until').textContent()).toContain(clock);
  });
});

describe('the store status page', () => {
  it("pauses the branch for 15 minutes with a reason, and shows each provider's confirmation and the time left", async () => {
    await goTo(page, 'Store status');
    await page.getByRole('combobox', { name: 'Pause reason' }).selectOption('STAFF_SHORTAGE');
    await page.getByRole('button', { name: 'Pause 15 min' }).click();
    await page.locator('[data-testid="store-status"][data-status="PAUSED"]').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await page.getByTestId('store-left').waitFor();
    expect(await page.getByTestId('store-reason').textContent()).toBe('Reason: Short of staff');
    const rows = page.getByTestId('store-connections');
    await expectAnswers(storeAnswer(page, 'store-status-cell'), (c) => expected(c.provider, 'STORE_STATUS'));
    for (const connection of connections.filter((c) => offers(c.provider, 'STORE_STATUS'))) {
      await rows
        .locator(`[data-connection="${connection.id}"] [data-testid="confirmed"]`, { hasText: 'Confirmed: Paused' })
        .waitFor({ timeout: LIVE_TIMEOUT_MS });
    }
  });

  it('turns busy mode on for +10 minutes and shows each answer and the time left', async () => {
    await goTo(page, 'Store status');
    await page.getByRole('button', { name: 'Busy +10 min' }).click();
    await page.getByTestId('busy-mode').getByText('Busy: +10 min').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await page.getByTestId('busy-left').waitFor();
    await expectAnswers(storeAnswer(page, 'busy-cell'), (c) => expected(c.provider, 'BUSY_MODE'));
  });

  it("shows a provider's refusal as FAILED with the provider's reason, the others APPLIED", async () => {
    // A provider that takes no token first, so its next call is the store-status call itself.
    const target = connections.find(
      (c) => offers(c.provider, 'STORE_STATUS') && !providerDefinition(c.provider).control?.token,
    )!;
    stack.platform.providerApi!.failNext(target.provider, 1, 400);
    await goTo(page, 'Store status');
    await page.getByRole('button', { name: 'Close for today' }).click();
    await page.locator('[data-testid="store-status"][data-status="CLOSED"]').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await expectAnswers(storeAnswer(page, 'store-status-cell'), (c) =>
      c.id === target.id ? { status: 'FAILED', reason: /^\s*HTTP 400: / } : expected(c.provider, 'STORE_STATUS'),
    );
    // What it last confirmed is still the pause.
    await page
      .getByTestId('store-connections')
      .locator(`[data-connection="${target.id}"] [data-testid="confirmed"]`, { hasText: 'Confirmed: Paused' })
      .waitFor();
    expect(pageErrors).toEqual([]);
  });
});
