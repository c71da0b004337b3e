import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '@nexara/stack';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { openKitchen } from '../support/kitchen';
import {
  placeOrderWithCode,
  signIn,
  startTestPlatform,
  type PlacedOrderContents,
  type TestPlatform,
} from '../support/platform';
import { serveDashboard } from '../support/web-server';

/**
 * The kitchen display left on for a service (`npm run bench:dashboard`;
 * printed, never asserted): orders arrive at KITCHEN_BENCH_RATE a second for
 * KITCHEN_BENCH_MINUTES (defaults 2 and 30) and flow through the kitchen as
 * other screens move them (accepted after 3 s, preparing after 8, ready after
 * 20, picked up after 35, each step once the one before is through: about
 * seventy tickets on the board at a time, more when the server is slow).
 * Measured in Chromium: every frame's interval (p50/p95/p99/max, frames over
 * 50 ms) and the page's JavaScript heap used after a forced GC every 30 s:
 * at the start, once the board has filled (its first 40 s) and at the end,
 * its slope per hour over the samples after the fill, and the first window
 * after the fill against the last (5 minutes each, or a sixth of a shorter
 * run), with DOM nodes and event listeners beside it: a screen that leaks
 * grows here. A run of 30 minutes or more writes bench/results/kitchen.json
 * (BENCHMARKS.md's "Kitchen display" section); a shorter one writes to the
 * temporary folder.
 */
const MINUTES = Number(process.env['KITCHEN_BENCH_MINUTES'] ?? 30);
const RATE = Number(process.env['KITCHEN_BENCH_RATE'] ?? 2);
const WINDOW_MS = Math.min(5, MINUTES / 6) * 60_000;
const SAMPLE_MS = Math.min(30_000, WINDOW_MS / 4);
/** Seconds after placement at which another screen moves the order on. */
const LIFECYCLE = [
  { after: 3, mutation: 'acceptOrder(id: $id, prepMinutes: 15)' },
  { after: 8, mutation: 'markPreparing(id: $id)' },
  { after: 20, mutation: 'markReady(id: $id)' },
  { after: 35, mutation: 'markPickedUp(id: $id)' },
] as const;
/** The board fills for as long as an order stays on it; the first window starts after that. */
const WARMUP_MS = (LIFECYCLE.at(-1)!.after + 5) * 1000;
const OWNER = 'owner@demo-bistro.test';
/** A folder for two heap snapshots (after the fill, at the end) to compare when the heap grows; none unless set. */
const SNAPSHOTS = process.env['KITCHEN_BENCH_SNAPSHOTS'];

let platform: TestPlatform;
let web: Awaited<ReturnType<typeof serveDashboard>>;
let browser: Browser;

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 12 });
  web = await serveDashboard(platform.urls.gateway);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await platform?.stop();
});

const MENU: NonNullable<PlacedOrderContents['items']> = [
  {
    name: 'Chicken Shawarma Wrap | شاورما دجاج',
    quantity: 2,
    unitPrice: 1850,
    total: 3700,
    notes: 'No pickles',
    modifiers: [
      {
        name: 'Make it a meal',
        quantity: 1,
        unitPrice: 900,
        modifiers: [{ name: 'Laban | لبن', quantity: 1, unitPrice: 0 }],
      },
    ],
  },
  {
    name: 'Fattoush',
    quantity: 1,
    unitPrice: 1500,
    total: 1500,
    modifiers: [{ name: 'Extra sumac', quantity: 1, unitPrice: 0 }],
  },
  { name: 'Kunafa | كنافة', quantity: 1, unitPrice: 2200, total: 2200, modifiers: [] },
];

function contents(n: number): PlacedOrderContents {
  const items = MENU.slice(0, 1 + (n % MENU.length));
  const subtotal = items.reduce((sum, item) => sum + item.total, 0);
  return { items, subtotal, total: subtotal, ...(n % 7 === 0 ? { notes: 'Allergy: sesame' } : {}) };
}

/** Frame intervals into a fixed histogram in the page (quarter milliseconds, up to a second): its memory never grows. */
const FRAME_RECORDER = `(() => {
  const f = (window.__kitchenFrames = { hist: new Uint32Array(4001), paused: false });
  let last = performance.now();
  const tick = (now) => {
    if (!f.paused) f.hist[Math.min(4000, Math.round((now - last) * 4))] += 1;
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

type Histogram = number[];
type Sample = {
  atMs: number;
  load1: number;
  heapMB: number;
  nodes: number;
  listeners: number;
  tickets: number;
  frames: Histogram;
};

function frameStats(hist: Histogram) {
  const count = hist.reduce((sum, n) => sum + n, 0);
  const at = (q: number) => {
    let seen = 0;
    for (let bucket = 0; bucket < hist.length; bucket += 1) {
      seen += hist[bucket]!;
      if (seen >= q * count) return bucket / 4;
    }
    return NaN;
  };
  let max = 0;
  hist.forEach((n, bucket) => n > 0 && (max = bucket / 4));
  const over50 = hist.slice(201).reduce((sum, n) => sum + n, 0);
  return { frames: count, p50: at(0.5), p95: at(0.95), p99: at(0.99), max, over50 };
}

const minus = (a: Histogram, b: Histogram) => a.map((n, i) => n - (b[i] ?? 0));

async function sample(page: Page, cdp: CDPSession, startedAt: number): Promise<Sample> {
  // A forced GC pauses the page: frames recorded meanwhile would be the benchmark's own doing.
  await page.evaluate('window.__kitchenFrames.paused = true');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const tickets = await page.evaluate<number>(`document.querySelectorAll('[data-testid=kitchen-ticket]').length`);
  const frames = await page.evaluate<Histogram>(
    '(() => { window.__kitchenFrames.paused = false; return [...window.__kitchenFrames.hist]; })()',
  );
  return {
    atMs: Date.now() - startedAt,
    load1: os.loadavg()[0]!,
    heapMB: metric('JSHeapUsedSize') / 2 ** 20,
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    tickets,
    frames,
  };
}

/** The page's heap as a .heapsnapshot file (open in Chrome DevTools' Memory tab), its frames paused meanwhile. */
async function heapSnapshot(page: Page, cdp: CDPSession, file: string): Promise<void> {
  await page.evaluate('window.__kitchenFrames.paused = true');
  const chunks: string[] = [];
  const collect = ({ chunk }: { chunk: string }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
  fs.writeFileSync(file, chunks.join(''));
  await page.evaluate('window.__kitchenFrames.paused = false');
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Least-squares slope of the heap over time, in MB per hour. */
function heapSlopePerHour(samples: Sample[]): number {
  const hours = samples.map((s) => s.atMs / 3_600_000);
  const meanHours = mean(hours);
  const meanHeap = mean(samples.map((s) => s.heapMB));
  let covariance = 0;
  let variance = 0;
  samples.forEach((s, i) => {
    covariance += (hours[i]! - meanHours) * (s.heapMB - meanHeap);
    variance += (hours[i]! - meanHours) ** 2;
  });
  return variance ? covariance / variance : NaN;
}

it(
  `runs the kitchen display for ${MINUTES} min at ${RATE} orders/s: frame times and heap growth`,
  async () => {
    const owner = await signIn(platform, OWNER);
    const { page, pageErrors, close } = await openKitchen(browser, web.url, OWNER);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.evaluate(FRAME_RECORDER);

    const startedAt = Date.now();
    const startedIso = new Date(startedAt).toISOString();
    const endsAt = startedAt + MINUTES * 60_000;
    const inFlight = new Set<Promise<unknown>>();
    const timers = new Set<ReturnType<typeof setTimeout>>();
    let placed = 0;
    let moved = 0;
    const failures = new Map<string, number>();
    const fail = (error: unknown) => {
      const reason = String((error as Error).message ?? error).slice(0, 120);
      failures.set(reason, (failures.get(reason) ?? 0) + 1);
    };
    const track = (work: Promise<unknown>) => {
      const tracked = work.catch(fail).finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    };
    const later = (ms: number, run: () => void) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        run();
      }, ms);
      timers.add(timer);
    };
    /** Each step waits for the one before (a loaded server must not see markPreparing before the accept). */
    const moveOn = (id: string, step: number, previousAfter: number) => {
      const next = LIFECYCLE[step];
      if (!next) return;
      later((next.after - previousAfter) * 1000, () =>
        track(
          owner.query(`mutation($id: ID!) { ${next.mutation} { id } }`, { id }).then(() => {
            moved += 1;
            moveOn(id, step + 1, next.after);
          }),
        ),
      );
    };

    const samples: Sample[] = [];
    let nextSample = startedAt;
    for (let n = 0; Date.now() < endsAt; n += 1) {
      const due = startedAt + (n * 1000) / RATE;
      if (nextSample <= due) {
        samples.push(await sample(page, cdp, startedAt));
        nextSample += SAMPLE_MS;
        if (SNAPSHOTS && samples.filter((s) => s.atMs >= WARMUP_MS).length === 1) {
          await heapSnapshot(page, cdp, path.join(SNAPSHOTS, 'kitchen-after-fill.heapsnapshot'));
        }
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
      track(
        placeOrderWithCode(platform, 'demo-bistro', contents(n)).then(({ id }) => {
          placed += 1;
          moveOn(id, 0, 0);
        }),
      );
    }
    samples.push(await sample(page, cdp, startedAt));
    if (SNAPSHOTS) await heapSnapshot(page, cdp, path.join(SNAPSHOTS, 'kitchen-end.heapsnapshot'));
    while (timers.size || inFlight.size) await Promise.all([...inFlight, new Promise((r) => setTimeout(r, 500))]);

    const first = samples.filter((s) => s.atMs >= WARMUP_MS && s.atMs <= WARMUP_MS + WINDOW_MS);
    const last = samples.filter((s) => s.atMs >= MINUTES * 60_000 - WINDOW_MS);
    const firstHeap = mean(first.map((s) => s.heapMB));
    const lastHeap = mean(last.map((s) => s.heapMB));
    const all = frameStats(samples.at(-1)!.frames);
    const lastFrames = frameStats(minus(samples.at(-1)!.frames, last[0]!.frames));
    const window = `${round(WINDOW_MS / 60_000)} min`;
    const start = samples[0]!;
    const warm = samples.find((s) => s.atMs >= WARMUP_MS) ?? samples.at(-1)!;
    const end = samples.at(-1)!;
    const afterWarmup = samples.filter((s) => s.atMs >= WARMUP_MS);
    const loads = samples.map((s) => s.load1).sort((a, b) => a - b);
    const result = {
      startedAt: startedIso,
      minutes: MINUTES,
      rate: RATE,
      placed,
      moved,
      failures: Object.fromEntries(failures),
      frames: all,
      framesLastWindow: lastFrames,
      loadAverage1m: {
        min: round(loads[0]!),
        median: round(loads[Math.floor(loads.length / 2)]!),
        max: round(loads.at(-1)!),
      },
      heapUsedMB: {
        start: round(start.heapMB, 2),
        afterWarmup: round(warm.heapMB, 2),
        end: round(end.heapMB, 2),
        slopePerHourAfterWarmup: round(heapSlopePerHour(afterWarmup), 2),
      },
      domNodes: { start: start.nodes, afterWarmup: warm.nodes, end: end.nodes },
      heapMB: { firstWindow: round(firstHeap), lastWindow: round(lastHeap), growth: round(lastHeap - firstHeap, 2) },
      heapGrowthPercent: round(((lastHeap - firstHeap) / firstHeap) * 100),
      nodes: {
        firstWindow: Math.round(mean(first.map((s) => s.nodes))),
        lastWindow: Math.round(mean(last.map((s) => s.nodes))),
      },
      listeners: {
        firstWindow: Math.round(mean(first.map((s) => s.listeners))),
        lastWindow: Math.round(mean(last.map((s) => s.listeners))),
      },
      ticketsInWindows: {
        first: Math.round(mean(first.map((s) => s.tickets))),
        last: Math.round(mean(last.map((s) => s.tickets))),
      },
      ticketsOnBoard: {
        max: Math.max(...samples.map((s) => s.tickets)),
        mean: Math.round(mean(samples.map((s) => s.tickets))),
      },
      samples: samples.map(({ atMs, load1, heapMB, nodes, listeners, tickets }) => ({
        atMs,
        load1: round(load1, 2),
        heapMB: round(heapMB, 2),
        nodes,
        listeners,
        tickets,
      })),
      pageErrors,
    };
    console.log(
      [
        `kitchen display, ${MINUTES} min at ${RATE} orders/s: ${placed} orders placed, ${moved} moves by other screens, failed requests: ${JSON.stringify(Object.fromEntries(failures))}`,
        `tickets on the board: up to ${result.ticketsOnBoard.max}, ${result.ticketsOnBoard.mean} on average (${result.ticketsInWindows.first} in the first window, ${result.ticketsInWindows.last} in the last)`,
        `frame ms (whole run): ${JSON.stringify(all)}; last ${window}: ${JSON.stringify(lastFrames)}`,
        `JS heap used after a forced GC: start ${result.heapUsedMB.start} MB, after ${WARMUP_MS / 1000} s ${result.heapUsedMB.afterWarmup} MB, end ${result.heapUsedMB.end} MB; slope after the fill ${result.heapUsedMB.slopePerHourAfterWarmup} MB/hour`,
        `JS heap means: first ${window} after the first ${WARMUP_MS / 1000} s ${result.heapMB.firstWindow} MB, last ${window} ${result.heapMB.lastWindow} MB (${result.heapMB.growth >= 0 ? '+' : ''}${result.heapMB.growth} MB, ${result.heapGrowthPercent} %)`,
        `DOM nodes start ${start.nodes}, after the fill ${warm.nodes}, end ${end.nodes}; window means ${result.nodes.firstWindow} -> ${result.nodes.lastWindow}; event listeners ${result.listeners.firstWindow} -> ${result.listeners.lastWindow}`,
        `load average (1 min) during the run: ${result.loadAverage1m.min}-${result.loadAverage1m.max}, median ${result.loadAverage1m.median}`,
        `page errors: ${pageErrors.length}`,
      ].join('\n'),
    );
    const out =
      MINUTES >= 30
        ? path.join(REPO_ROOT, 'bench', 'results', 'kitchen.json')
        : path.join(os.tmpdir(), `nexara-kitchen-bench-${MINUTES}min.json`);
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`figures written to ${out}`);
    await close();
  },
  (MINUTES + 10) * 60_000,
);
