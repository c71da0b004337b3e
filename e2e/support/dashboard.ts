import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '@nexara/stack';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * `npm run screenshots` sets this to refresh the screenshots checked in under
 * docs/screenshots; every other run (`npm test`) writes them to a temporary
 * folder, so tests never change tracked files.
 */
export const REFRESH_SCREENSHOTS = process.env['NEXARA_REFRESH_SCREENSHOTS'] === '1';

/** Where the browser tests write their screenshots (see REFRESH_SCREENSHOTS). */
export const SCREENSHOTS = REFRESH_SCREENSHOTS
  ? path.join(REPO_ROOT, 'docs', 'screenshots')
  : path.join(os.tmpdir(), 'nexara-screenshots');

/** How long a browser test waits for something live to show (webhook -> worker -> bus -> socket -> DOM). */
export const LIVE_TIMEOUT_MS = 20_000;

/** A fresh browser context (its own localStorage) signed in to the dashboard. */
export async function openSignedIn(
  browser: Browser,
  webUrl: string,
  email: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({ viewport, baseURL: webUrl });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto('/');
  await signInOn(page, email);
  return { context, page, pageErrors };
}

export async function signInOn(page: Page, email: string, password = 'nexara-demo'): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

export async function goTo(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: label === 'Overview' ? 'Operations overview' : label }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** The rendered rows of an AG Grid (by its data-testid), as [row index, row id] pairs. */
const renderedRows = (testId: string) => `[...document.querySelectorAll('[data-testid="${testId}"] .ag-row[row-id]')]
  .map((row) => [Number(row.getAttribute('row-index')), row.getAttribute('row-id')])`;

/**
 * Finds the element that scrolls the grid's rows: the element itself, not
 * the mouse wheel (a wheel scrolls whatever is under the pointer, and a
 * banner or an alert arriving under load moves that).
 */
const rowsViewport = (testId: string) => `(() => {
  let el = document.querySelector('[data-testid="${testId}"] .ag-row');
  while (el && !(el.scrollHeight > el.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(el).overflowY))) el = el.parentElement;
  return el;
})()`;

/**
 * After the next frame: true once row `index` is rendered with its data (a
 * row still loading has no id); until then puts that row at the top of the
 * viewport. Positioning at the row, rather than scrolling on by a step, is what
 * keeps this safe under load: the grid may move its viewport itself (a
 * reload after a sort, a page arriving) and a step from there could pass
 * the row for good.
 */
const rowShown = (testId: string, index: number) => `new Promise((resolve) => requestAnimationFrame(() => {
  if (document.querySelector('[data-testid="${testId}"] .ag-row[row-index="${index}"][row-id]')) return resolve(true);
  const viewport = ${rowsViewport(testId)};
  const row = document.querySelector('[data-testid="${testId}"] .ag-row');
  if (viewport && row) viewport.scrollTop = ${index} * row.offsetHeight;
  resolve(false);
}))`;

/** Brings row `index` into view and waits, frame by frame, for it to show its data (evaluate, not waitForFunction: the production CSP forbids the eval a string predicate needs). */
async function showRow(page: Page, testId: string, index: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await page.evaluate<boolean>(rowShown(testId, index)))) {
    if (Date.now() > deadline) throw new Error(`row ${index} of ${testId} never showed its data`);
  }
}

/**
 * Every row id of a virtualised AG Grid in display order, bringing each
 * first row not yet seen into view until `count` rows were seen (its later
 * pages load as it scrolls), so no row is skipped. Waits for rows to
 * appear, never for time.
 */
export async function allGridRowIds(page: Page, testId: string, count: number): Promise<string[]> {
  const seen = new Map<number, string>();
  for (;;) {
    let next = 0;
    while (seen.has(next)) next++;
    await showRow(page, testId, next);
    const rows = await page.evaluate<[number, string][]>(renderedRows(testId));
    rows.forEach(([index, id]) => seen.set(index, id));
    if (seen.size >= count) break;
  }
  await page.evaluate(`(() => { const viewport = ${rowsViewport(testId)}; if (viewport) viewport.scrollTop = 0; })()`);
  return [...seen.entries()].sort(([a], [b]) => a - b).map(([, id]) => id);
}
