import type { Page } from 'playwright-core';
import { screenshot } from '../support/dashboard';
import { startDashboardStack, stopDashboardStack, type DashboardStack } from '../support/dashboard-stack';
import { horizontalOverflow, untranslatedText } from '../support/layout-checks';

/**
 * The dashboard in Arabic (issue #16): chosen by the user, kept on the user
 * (a fresh browser signs in to Arabic), every page right to left, fitting
 * 1440 px and 390 px screens, with no English left in its visible text but
 * names and codes (docs/dashboard.md, "Language").
 */
let stack: DashboardStack;
const OWNER = 'owner@demo-bistro.test';

const PAGES = [
  ['/', 'نظرة عامة على العمليات', 'overview'],
  ['/orders', 'الطلبات', 'orders'],
  ['/availability', 'التوفر', 'availability'],
  ['/store-status', 'حالة المتجر', 'store-status'],
  ['/integrations', 'التكاملات', 'integrations'],
  ['/webhooks', 'أحداث الويب هوك', 'webhook-events'],
  ['/alerts', 'التنبيهات', 'alerts'],
  ['/menu', 'القائمة', 'menu'],
  ['/sync-log', 'سجل المزامنة', 'sync-log'],
  ['/settings', 'الإعدادات', 'settings'],
  ['/kitchen', 'شاشة المطبخ', 'kitchen'],
] as const;

beforeAll(async () => {
  stack = await startDashboardStack({ ordersPerTenant: 20 });
}, 240_000);

afterAll(async () => {
  await stopDashboardStack(stack);
});

/** A new browser (nothing remembered), signed in as `email`: the page as the user's own language shows it. */
async function freshSignIn(viewport: { width: number; height: number }) {
  const context = await stack.browser.newContext({ viewport, baseURL: stack.web.url });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto('/');
  await page.locator('input[type="email"]').fill(OWNER);
  await page.locator('input[type="password"]').fill('nexara-demo');
  await page.locator('form button[type="submit"]').click();
  await page.locator('nav.sidebar').waitFor();
  return { context, page, pageErrors };
}

/** The user's choice as the Settings page stores it (arranged directly: the production gateway runs only the dashboard's own operations). */
async function chooseArabic(): Promise<void> {
  await stack.platform.database.queryAsAdmin(
    `update tenants.users set locale = 'ar', arabic_digits = false where email = $1`,
    [OWNER],
  );
}

/** Waits for what each page shows once its data is in. */
async function pageReady(page: Page, path: string): Promise<void> {
  if (path === '/') await page.getByTestId('live-stream').getByRole('listitem').first().waitFor();
  if (path === '/orders') await page.locator('.ag-row').first().waitFor();
  if (path === '/integrations') await page.getByTestId('connection-card').first().waitFor();
  if (path === '/settings') await page.getByRole('table').first().waitFor();
  if (path === '/menu') await page.locator('.state-empty').waitFor();
  if (path === '/sync-log') await page.locator('.grid-empty').waitFor();
  if (path === '/kitchen') await page.getByTestId('kitchen').waitFor();
  if (path === '/availability') await page.locator('.state-empty').waitFor();
  if (path === '/store-status') await page.getByTestId('store-connection').first().waitFor();
}

describe('the dashboard in Arabic', () => {
  it('is chosen in the header, kept on the user, and shown right to left in a new browser', async () => {
    const { context, page } = await freshSignIn({ width: 1440, height: 900 });
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    await page.getByRole('button', { name: 'Show the dashboard in Arabic' }).click();
    await page.getByRole('heading', { level: 1, name: 'نظرة عامة على العمليات' }).waitFor();
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    // Saved on the user: the Settings page says so and offers the digits.
    await page.goto('/settings');
    const digits = page.getByRole('checkbox', { name: /الأرقام العربية الهندية/ });
    await digits.check();
    await page.getByRole('heading', { level: 1, name: 'الإعدادات' }).waitFor();
    await page.waitForFunction(`/[٠-٩]/.test(document.querySelector('main')?.textContent ?? '')`);
    await digits.uncheck();
    await context.close();

    // Another browser, nothing in its storage: the user's choice arrives with the workspace.
    const other = await freshSignIn({ width: 1440, height: 900 });
    await other.page.getByRole('heading', { level: 1, name: 'نظرة عامة على العمليات' }).waitFor();
    expect(await other.page.getAttribute('html', 'dir')).toBe('rtl');
    await other.context.close();
  });

  describe.each([
    ['at 1440x900', { width: 1440, height: 900 }, ''],
    ['on a 390x844 phone', { width: 390, height: 844 }, '-phone'],
  ] as const)('%s', (_where, viewport, suffix) => {
    // Each test signs in to Arabic whatever ran before it.
    beforeAll(async () => {
      await chooseArabic();
    });

    it.each(PAGES)('%s is right to left, fits the screen and has no English left', async (path, heading, name) => {
      const { context, page, pageErrors } = await freshSignIn(viewport);
      await page.waitForFunction(`document.documentElement.dir === 'rtl'`);
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await pageReady(page, path);
      expect(await page.getAttribute('html', 'dir')).toBe('rtl');
      const { overflow, outside } = await horizontalOverflow(page);
      expect({ overflow: Math.max(overflow, 0), outside: overflow > 0 ? outside : [] }).toEqual({
        overflow: 0,
        outside: [],
      });
      expect(await untranslatedText(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
      await screenshot(page, `${name}-ar${suffix}`);
      await context.close();
    });
  });
});
