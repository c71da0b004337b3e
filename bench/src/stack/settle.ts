import { performance } from 'node:perf_hooks';
import type { Client } from 'pg';
import type { BenchStack } from './bench-stack';

/** How long a scenario waits at most for what the one before it left. */
const SETTLE_LIMIT_SECONDS = 300;

/**
 * Inbox events received since `since` and not finished (QUEUED or PROCESSING): what the worker still has to do. The
 * partial index webhook_events_open answers it without reading the processed history.
 */
export async function openEvents(client: Client, since = new Date(0)): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `select count(*) as n from integrations.webhook_events where received_at >= $1 and status in ('QUEUED', 'PROCESSING')`,
    [since],
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Waits until the platform has nothing left to do from earlier work: no
 * inbox event open and no job in graphile-worker's queue (events, provider
 * callbacks, catalog syncs), starting the worker if work is waiting. The
 * webhook scenario's 56,000 orders leave about 14,000 callbacks queued, each
 * a new version of its order that every subscriber of its tenant re-reads:
 * the live-stream scenario's 1,000 subscribers then shared the gateway with
 * them, and half of them saw nothing within its limit. Every scenario starts
 * on a quiet platform; the wait is logged.
 */
export async function settle(stack: BenchStack, log: (line: string) => void): Promise<void> {
  await stack.withDatabase(async (client) => {
    const waiting = async (): Promise<{ events: number; jobs: number }> => {
      const { rows } = await client.query<{ jobs: string }>(
        'select count(*) as jobs from graphile_worker._private_jobs',
      );
      return { events: await openEvents(client), jobs: Number(rows[0]?.jobs ?? 0) };
    };
    const first = await waiting();
    if (first.events + first.jobs === 0) return;
    await stack.startWorker();
    const started = performance.now();
    let now = first;
    while (now.events + now.jobs > 0 && performance.now() - started < SETTLE_LIMIT_SECONDS * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      now = await waiting();
    }
    log(
      `settle: waited ${Math.round((performance.now() - started) / 100) / 10} s for ${first.events} open events and ` +
        `${first.jobs} queued jobs left by earlier work (${now.events + now.jobs} left)`,
    );
  });
}
