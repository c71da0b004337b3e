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
 * row still loading has no id); until then moves the viewport towards it,
 * from the rows rendered now: to the row's place when it is near, by half a
 * screen when it is far. Each frame looks again, so the walk cannot pass the
 * row for good whatever moves the viewport meanwhile (a reload after a sort,
 * a page arriving, rows re-sorted around it).
 */
const rowShown = (testId: string, index: number) => `new Promise((resolve) => requestAnimationFrame(() => {
  const grid = '[data-testid="${testId}"]';
  if (document.querySelector(grid + ' .ag-row[row-index="${index}"][row-id]')) return resolve(true);
  const viewport = ${rowsViewport(testId)};
  const rows = [...document.querySelectorAll(grid + ' .ag-row[row-index]')];
  const rendered = rows.map((row) => Number(row.getAttribute('row-index')));
  // A row of a visible container (a pinned one with no columns is hidden and measures 0).
  const height = rows.map((row) => row.getBoundingClientRect().height).find((h) => h > 0) || 0;
  if (!viewport || rendered.length === 0 || height === 0) return resolve(false);
  const first = Math.min(...rendered);
  const last = Math.max(...rendered);
  const distance = ${index} < first ? ${index} - first : ${index} > last ? ${index} - last : 0;
  const step = Math.sign(distance) * Math.min(Math.abs(distance) * height, viewport.clientHeight / 2);
  viewport.scrollTop = distance === 0 ? ${index} * height : viewport.scrollTop + step;
  resolve(false);
}))`;

/** What a failure message needs to say where the grid was: its scroller, the rows it rendered, the row height. */
const gridState = (testId: string) => `(() => {
  const viewport = ${rowsViewport(testId)};
  const rows = [...document.querySelectorAll('[data-testid="${testId}"] .ag-row')];
  const indexes = rows.filter((row) => row.hasAttribute('row-id')).map((row) => Number(row.getAttribute('row-index')));
  return {
    viewport: viewport ? viewport.className : null,
    scrollTop: viewport?.scrollTop, scrollHeight: viewport?.scrollHeight, clientHeight: viewport?.clientHeight,
    rowHeight: rows[0]?.offsetHeight, rows: rows.length, withIds: indexes.length,
    firstIndex: Math.min(...indexes), lastIndex: Math.max(...indexes),
    status: document.querySelector('[role="status"]')?.textContent,
  };
})()`;

/** Brings row `index` into view and waits, frame by frame, for it to show its data (evaluate, not waitForFunction: the production CSP forbids the eval a string predicate needs). */
async function showRow(page: Page, testId: string, index: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await page.evaluate<boolean>(rowShown(testId, index)))) {
    if (Date.now() > deadline) {
      const state = await page.evaluate<unknown>(gridState(testId));
      throw new Error(`row ${index} of ${testId} never showed its data: ${JSON.stringify(state)}`);
    }
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
