import type { Browser, Page } from 'playwright-core';
import { openSignedIn } from './dashboard';

/**
 * Stands in for the browser's print dialog (the printer is outside the
 * project): records the order code of each ticket handed to print, then
 * answers as a browser does when the dialog closes (`afterprint`), unless
 * `window.__holdPrint` is set: then the ticket stays laid out for print
 * until the test dispatches `afterprint` itself.
 */
const PRINT_RECORDER = `
  window.__printed = [];
  window.print = () => {
    const code = document.querySelector('.print-root .ticket-code');
    window.__printed.push(code ? code.textContent : null);
    if (!window.__holdPrint) window.dispatchEvent(new Event('afterprint'));
  };
`;

/** A fresh browser context signed in as `email`, on the kitchen display, live. */
export async function openKitchen(
  browser: Browser,
  webUrl: string,
  email: string,
  viewport = { width: 1280, height: 800 },
): Promise<{ page: Page; pageErrors: string[]; close: () => Promise<void> }> {
  const { context, page, pageErrors } = await openSignedIn(browser, webUrl, email, viewport);
  await context.addInitScript(PRINT_RECORDER);
  await page.goto('/kitchen');
  await page.getByRole('heading', { level: 1, name: 'Kitchen display' }).waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: /^Live$/ })
    .waitFor();
  await page.locator('main[aria-busy=false]').waitFor();
  return { page, pageErrors, close: () => context.close() };
}

export const kitchenTicket = (page: Page, code: string) => page.getByRole('article', { name: `Order ${code}` });

export const kitchenColumn = (page: Page, name: 'New' | 'Accepted' | 'Preparing' | 'Ready') =>
  page.getByRole('region', { name });

/** The codes of the tickets handed to print on this page load. */
export const printedCodes = (page: Page) => page.evaluate<string[]>('window.__printed');
