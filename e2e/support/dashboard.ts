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
 * Scrolls the element that scrolls the grid's rows by `fraction` of its
 * height (negative: up; Infinity: to the end). The element itself, not the
 * mouse wheel: a wheel scrolls whatever is under the pointer, and a banner
 * or an alert arriving under load moves that.
 */
const scrollRows = (testId: string, fraction: number) => `(() => {
  let el = document.querySelector('[data-testid="${testId}"] .ag-row');
  while (el && !(el.scrollHeight > el.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(el).overflowY))) el = el.parentElement;
  if (!el) return;
  el.scrollTop = ${Number.isFinite(fraction) ? `el.scrollTop + el.clientHeight * ${fraction}` : fraction > 0 ? 'el.scrollHeight' : '0'};
})()`;

/**
 * Every row id of a virtualised AG Grid in display order, scrolling it until
 * `count` rows were seen (its later pages load as it scrolls). Scrolls half a
 * screen at a time and only on once the first row not yet seen is rendered
 * with its data (a row still loading has no id), so no row is skipped. Waits
 * for rows to appear, never for time.
 */
export async function allGridRowIds(page: Page, testId: string, count: number): Promise<string[]> {
  const seen = new Map<number, string>();
  const grid = page.getByTestId(testId);
  await grid.locator('.ag-row[row-index="0"][row-id]').first().waitFor();
  for (;;) {
    const rows = await page.evaluate<[number, string][]>(renderedRows(testId));
    rows.forEach(([index, id]) => seen.set(index, id));
    if (seen.size >= count) break;
    let next = 0;
    while (seen.has(next)) next++;
    await page.evaluate(scrollRows(testId, 0.5));
    await grid.locator(`.ag-row[row-index="${next}"][row-id]`).first().waitFor();
  }
  await page.evaluate(scrollRows(testId, -Infinity));
  return [...seen.entries()].sort(([a], [b]) => a - b).map(([, id]) => id);
}
