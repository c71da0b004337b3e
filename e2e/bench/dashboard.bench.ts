import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { REPO_ROOT } from '@nexara/stack';
import { insertBulkOrders } from '@nexara/test-support';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { goTo, openSignedIn } from '../support/dashboard';
import { placeOrder, startTestPlatform, type TestPlatform } from '../support/platform';
import { serveDashboard } from '../support/web-server';

/**
 * The dashboard's figures (`npm run bench:dashboard`; printed, never asserted): the
 * built bundle's gzip size, time to first render of the overview and the
 * orders grid with 100,000 orders of the tenant in the database, and frame
 * times in Chromium while 50 orders a second stream in and while the grid
 * is scrolled through thousands of rows.
 */
const BULK_ORDERS = 100_000;
const STREAM_RATE = 50;
const STREAM_SECONDS = 10;
const OWNER = 'owner@demo-bistro.test';

let platform: TestPlatform;
let web: Awaited<ReturnType<typeof serveDashboard>>;
let browser: Browser;

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 12 });
  const tenant = platform.seed.tenants.find((t) => t.slug === 'demo-bistro')!;
  const run = (sql: string, parameters: unknown[]) => platform.database.queryAsAdmin(sql, parameters);
  const started = performance.now();
  await insertBulkOrders(run, {
    tenantId: tenant.tenantId,
    count: BULK_ORDERS,
    from: new Date(Date.now() - 90 * 86_400_000),
    days: 90,
  });
  // The generator names made-up connections and mixes currencies: give the rows the tenant's real connections and SAR.
  for (const connection of tenant.connections) {
    await run(
      `update orders.orders set connection_id = $2, currency = 'SAR' where tenant_id = $1 and provider = $3 and external_id like 'bulk-%'`,
      [tenant.tenantId, connection.id, connection.provider],
    );
  }
  await run('vacuum analyze orders.orders', []);
  console.log(`${BULK_ORDERS} orders inserted and attached in ${Math.round(performance.now() - started)} ms`);
  web = await serveDashboard(platform.urls.gateway);
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await platform?.stop();
});

function gzipSizes(): { file: string; kb: number }[] {
  const assets = path.join(REPO_ROOT, 'web', 'dist', 'assets');
  return fs
    .readdirSync(assets)
    .filter((file) => /\.(js|css)$/.test(file))
    .map((file) => ({ file, kb: zlib.gzipSync(fs.readFileSync(path.join(assets, file))).length / 1024 }))
    .sort((a, b) => b.kb - a.kb);
}

/** Records every animation frame's interval in the page until `stop` is called. */
async function recordFrames(
  page: Page,
): Promise<() => Promise<{ frames: number; p50: number; p95: number; max: number; over50: number }>> {
  await page.evaluate(`(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (now) => { window.__frames.push(now - last); last = now; if (!window.__stopFrames) requestAnimationFrame(tick); };
    window.__stopFrames = false;
    requestAnimationFrame(tick);
  })()`);
  return async () => {
    const frames = await page.evaluate<number[]>('(() => { window.__stopFrames = true; return window.__frames; })()');
    const sorted = [...frames].sort((a, b) => a - b);
    const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10;
    return {
      frames: frames.length,
      p50: at(0.5),
      p95: at(0.95),
      max: Math.round(sorted.at(-1)! * 10) / 10,
      over50: frames.filter((f) => f > 50).length,
    };
  };
}

/** Long tasks (> 50 ms) of the page's main thread during a Chromium performance trace. */
async function traced<T>(
  page: Page,
  work: () => Promise<T>,
): Promise<{ result: T; longTasks: number; longestTaskMs: number }> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const result = await work();
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as {
    traceEvents: { name: string; dur?: number; ph: string }[];
  };
  const tasks = trace.traceEvents.filter(
    (event) => event.name === 'RunTask' && event.ph === 'X' && (event.dur ?? 0) > 50_000,
  );
  return {
    result,
    longTasks: tasks.length,
    longestTaskMs: Math.round(Math.max(0, ...tasks.map((t) => t.dur ?? 0)) / 1000),
  };
}

async function streamOrders(): Promise<number> {
  let placed = 0;
  const inFlight: Promise<unknown>[] = [];
  const started = Date.now();
  for (let i = 0; i < STREAM_RATE * STREAM_SECONDS; i += 1) {
    const due = started + (i * 1000) / STREAM_RATE;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    inFlight.push(placeOrder(platform, 'demo-bistro').then(() => (placed += 1)));
  }
  await Promise.all(inFlight);
  return placed;
}

it('measures bundle size, first render with 100,000 orders, and frame times under a 50 orders/s stream', async () => {
  const sizes = gzipSizes();
  const total = sizes.reduce((sum, s) => sum + s.kb, 0);
  console.log(
    `bundle gzip: ${total.toFixed(1)} KB in ${sizes.length} files; largest: ${sizes
      .slice(0, 5)
      .map((s) => `${s.file} ${s.kb.toFixed(1)} KB`)
      .join(', ')}`,
  );

  const { page } = await openSignedIn(browser, web.url, OWNER);
  // First render of the overview on a fresh load (session already stored): until tiles, stream and chart show data.
  const overviewMs: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    await page.goto('/');
    overviewMs.push(
      await page
        .waitForFunction(
          `(() => {
          const kpi = document.querySelector('.kpi-value');
          const ready = kpi && kpi.textContent !== '…' && document.querySelector('[data-testid=live-stream] li') && document.querySelector('.chart-host canvas');
          return ready ? performance.now() : false;
        })()`,
          undefined,
          { polling: 'raf', timeout: 30_000 },
        )
        .then((handle) => handle.jsonValue() as Promise<number>),
    );
  }
  const ordersMs: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    await page.goto('/orders');
    ordersMs.push(
      await page
        .waitForFunction(
          `document.querySelector('[data-testid=orders-grid] .ag-row') ? performance.now() : false`,
          undefined,
          { polling: 'raf', timeout: 30_000 },
        )
        .then((handle) => handle.jsonValue() as Promise<number>),
    );
  }
  const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!);
  console.log(
    `first render with ${BULK_ORDERS} orders (median of 5, from navigation start): overview ${median(overviewMs)} ms, orders grid ${median(ordersMs)} ms`,
  );

  // Scroll the grid through cursor pages: rows load as the viewport nears the end.
  // Scroll the way a user does: mouse wheel over the grid.
  await page.locator('[data-testid=orders-grid] .ag-row').first().hover();
  const stopScrollFrames = await recordFrames(page);
  const scrollStarted = performance.now();
  for (let step = 0; step < 300; step += 1) await page.mouse.wheel(0, 800);
  const scrollMs = performance.now() - scrollStarted;
  const scrollFrames = await stopScrollFrames();
  const loadedText = await page.getByRole('status').filter({ hasText: 'orders' }).first().textContent();
  console.log(
    `grid scroll: 300 × 800 px in ${Math.round(scrollMs)} ms, frames ${JSON.stringify(scrollFrames)}; ${loadedText}`,
  );

  // 50 orders per second for 10 s, on the orders grid (with the rows above loaded), then on the overview.
  await page.mouse.wheel(0, -1_000_000);
  for (const view of ['Orders', 'Overview'] as const) {
    if (view === 'Overview') await goTo(page, 'Overview');
    await page.waitForTimeout(1000);
    const stopFrames = await recordFrames(page);
    const { result: placed, longTasks, longestTaskMs } = await traced(page, streamOrders);
    const frames = await stopFrames();
    console.log(
      `${view} while ${STREAM_RATE} orders/s stream in for ${STREAM_SECONDS} s (${placed} placed): frame ms ${JSON.stringify(frames)}; long tasks ${longTasks}, longest ${longestTaskMs} ms`,
    );
  }
}, 600_000);
