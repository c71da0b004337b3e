import type { Logger } from '@nexara/kit';
import { Logger as GraphileLogger } from 'graphile-worker';

/**
 * graphile-worker's startup warning that its pool is smaller than its
 * concurrency. It assumes each running job holds a connection; here none
 * does: a webhook job waits in a batch (applied over the integrations pool),
 * and the runner takes this pool's connections only to listen, to fill its
 * local queue and to complete or fail jobs in batches. The cap (see
 * `createWebhookWorker`) is still wanted: those batches flush without waiting
 * for each other, so a pool as large as the concurrency would let them open
 * up to that many connections at once while PostgreSQL is slow. Logged at
 * debug.
 */
const POOL_SMALLER_THAN_CONCURRENCY = /^WARNING: having maxPoolSize \(\d+\) smaller than concurrency/;

/**
 * graphile-worker's log lines into our pino logger. Its `info` lines (every
 * job completed, workers connecting) are routine for a queue and go to
 * debug; warnings and errors stay what they are, but for
 * `POOL_SMALLER_THAN_CONCURRENCY`.
 */
export function graphileLogger(logger: Logger): GraphileLogger {
  const queue = logger.child({ component: 'graphile-worker' });
  return new GraphileLogger((scope) => (level, message, meta) => {
    const routine = String(level) !== 'error' && String(level) !== 'warning';
    // A line per job completed: at the default level its fields are not even gathered.
    if (routine && !queue.isLevelEnabled('debug')) return;
    const fields = { ...scope, ...meta };
    switch (String(level)) {
      case 'error':
        queue.error(fields, message);
        break;
      case 'warning':
        if (POOL_SMALLER_THAN_CONCURRENCY.test(message)) queue.debug(fields, message);
        else queue.warn(fields, message);
        break;
      default:
        queue.debug(fields, message);
    }
  });
}
