import { Counter, Gauge, Histogram, type Registry } from '@nexara/kit';
import type { DataSource } from 'typeorm';

/**
 * The integrations service's and the worker's own Prometheus series, beside
 * the ones every service has (kit's `metrics.ts`). docs/operations.md lists
 * them with the alert rules and dashboard panels built on them.
 */
export type IntegrationsMetrics = {
  /** Webhook deliveries by provider and outcome (accepted, duplicate, rejected). */
  deliveries: Counter<'provider' | 'outcome'>;
  /** Deliveries refused for failed authentication (bad or missing signature or token, stale timestamp). */
  forged: Counter<'provider' | 'reason'>;
  /** Processing attempts of stored deliveries by provider and outcome (processed, failed, retrying, dead). */
  processed: Counter<'provider' | 'outcome'>;
  /** From a delivery's receipt to the end of its processing attempt. */
  processingLag: Histogram<'provider'>;
  /** Provider callbacks (the restaurant's decisions told to the provider) by provider and outcome. */
  callbacks: Counter<'provider' | 'outcome'>;
  /** New orders applied without the menu check because the catalog did not answer (docs/control-plane.md). */
  menuCheckUnavailable: Counter<'provider'>;
};

const made = new WeakMap<Registry, IntegrationsMetrics>();

export function integrationsMetrics(registry: Registry): IntegrationsMetrics {
  const existing = made.get(registry);
  if (existing) return existing;
  const registers = [registry];
  const metrics: IntegrationsMetrics = {
    deliveries: new Counter({
      name: 'nexara_webhook_deliveries_total',
      help: 'Webhook deliveries by provider and outcome (accepted, duplicate, rejected).',
      labelNames: ['provider', 'outcome'],
      registers,
    }),
    forged: new Counter({
      name: 'nexara_webhook_forged_deliveries_total',
      help: 'Webhook deliveries refused because they failed authentication, by provider and reason.',
      labelNames: ['provider', 'reason'],
      registers,
    }),
    processed: new Counter({
      name: 'nexara_webhook_processing_total',
      help: 'Processing attempts of stored webhook deliveries by provider and outcome.',
      labelNames: ['provider', 'outcome'],
      registers,
    }),
    processingLag: new Histogram({
      name: 'nexara_webhook_processing_lag_seconds',
      help: 'Time from a delivery being received to the end of its processing attempt.',
      labelNames: ['provider'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
      registers,
    }),
    callbacks: new Counter({
      name: 'nexara_provider_callbacks_total',
      help: 'Provider callback attempts by provider and outcome (delivered, retrying, failed, not_supported).',
      labelNames: ['provider', 'outcome'],
      registers,
    }),
    menuCheckUnavailable: new Counter({
      name: 'nexara_menu_check_unavailable_total',
      help: 'New orders applied without menu warnings because the catalog did not answer the menu check, by provider.',
      labelNames: ['provider'],
      registers,
    }),
  };
  made.set(registry, metrics);
  return metrics;
}

/** The rejection codes that mean a delivery did not prove it came from the provider. */
export const FORGERY_CODES = new Set([
  'BAD_SIGNATURE',
  'MISSING_SIGNATURE',
  'WRONG_ALGORITHM',
  'INVALID_TOKEN',
  'MISSING_TOKEN',
  'TOKEN_EXPIRED',
  'STALE_TIMESTAMP',
  'FUTURE_TIMESTAMP',
  'INVALID_TIMESTAMP',
  'MISSING_TIMESTAMP',
]);

/**
 * The job queue as the worker sees it, read at scrape time: jobs by task and
 * state (ready, scheduled, locked, failed) and the age of the oldest job
 * ready to run (how far behind the worker is).
 */
export function observeJobQueue(registry: Registry, dataSource: DataSource, tasks: string[]): void {
  let reading: Promise<{ task: string; state: string; jobs: number; oldest: number | null }[]> | null = null;
  // One query per scrape feeds both gauges.
  const read = (): Promise<{ task: string; state: string; jobs: number; oldest: number | null }[]> => {
    reading ??= dataSource
      .query(
        `select t.identifier as task,
                case when j.locked_at is not null then 'locked'
                     when j.attempts >= j.max_attempts then 'failed'
                     when j.run_at > now() then 'scheduled'
                     else 'ready' end as state,
                count(*)::int as jobs,
                extract(epoch from now() - min(j.run_at))::float8 as oldest
           from graphile_worker._private_jobs j
           join graphile_worker._private_tasks t on t.id = j.task_id
          group by 1, 2`,
      )
      .finally(() => setImmediate(() => (reading = null)));
    return reading;
  };
  new Gauge({
    name: 'nexara_queue_jobs',
    help: 'Jobs in the queue by task and state.',
    labelNames: ['task', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      // An empty queue reads 0, not "no data".
      for (const task of tasks) this.set({ task, state: 'ready' }, 0);
      for (const row of await read().catch(() => [])) this.set({ task: row.task, state: row.state }, row.jobs);
    },
  });
  new Gauge({
    name: 'nexara_queue_oldest_job_age_seconds',
    help: 'Age of the oldest job ready to run, by task (0 when none waits).',
    labelNames: ['task'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const task of tasks) this.set({ task }, 0);
      for (const row of await read().catch(() => [])) {
        if (row.state === 'ready') this.set({ task: row.task }, Math.max(0, row.oldest ?? 0));
      }
    },
  });
}
