import { eventually } from '@nexara/test-support';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { goTo, openSignedIn } from '../support/dashboard';
import { startGateway } from '../support/gateway';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { SECURITY_HEADERS, serveDashboard } from '../support/web-server';

/**
 * The dashboard under its production headers (web/nginx.conf, served the
 * same way here): the Content-Security-Policy breaks nothing on any page,
 * and no other site can frame it.
 */
let platform: TestPlatform;
let gateway: Awaited<ReturnType<typeof startGateway>>;
let web: Awaited<ReturnType<typeof serveDashboard>>;
let browser: Browser;

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 10 });
  gateway = await startGateway(platform, { NODE_ENV: 'production' });
  web = await serveDashboard(gateway.url);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await gateway?.stop();
  await platform?.stop();
});

/** Every CSP violation the page reports, from its first paint. */
const RECORD_VIOLATIONS = `(() => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (event) =>
    window.__violations.push(event.violatedDirective + ' ' + event.blockedURI));
})()`;

const violations = (page: Page) => page.evaluate<string[]>('window.__violations ?? []');

it('sends the security headers with the dashboard', async () => {
  const response = await fetch(`${web.url}/orders`);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    expect([name, response.headers.get(name)]).toEqual([name, value]);
  }
  expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
});

it('runs every page without a single CSP violation', async () => {
  const { page, context, pageErrors } = await openSignedIn(browser, web.url, 'owner@demo-bistro.test');
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await page.addInitScript(RECORD_VIOLATIONS);
  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();

  // The overview's live stream and chart, the orders grid (AG Grid's injected theme), and the rest.
  await page.getByRole('heading', { level: 1, name: 'Operations overview' }).waitFor();
  await page.locator('canvas').first().waitFor();
  await goTo(page, 'Orders');
  await page.locator('.ag-row').first().waitFor();
  for (const label of ['Integrations', 'Webhook events', 'Alerts', 'Settings', 'Overview']) await goTo(page, label);

  expect(await violations(page)).toEqual([]);
  expect(refused).toEqual([]);
  expect(pageErrors).toEqual([]);
  await context.close();
});

it('cannot be framed by another site', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (/frame-ancestors/.test(message.text())) blocked.push(message.text());
  });
  // Another origin (about:blank) framing the dashboard, as a clickjacking page would.
  await page.setContent(`<iframe id="target" src="${web.url}/" width="800" height="600"></iframe>`);
  await eventually(async () => (blocked.length > 0 ? true : undefined), 10_000, 'the frame refused by frame-ancestors');
  const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
  const framedHeading = await frame
    ?.getByRole('heading')
    .count()
    .catch(() => 0);
  expect(framedHeading ?? 0).toBe(0);
  await context.close();
});
