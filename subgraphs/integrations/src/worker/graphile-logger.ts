import type { Logger } from '@nexara/kit';
import { Logger as GraphileLogger } from 'graphile-worker';

/**
 * graphile-worker's log lines into our pino logger. Its `info` lines (every
 * job completed, workers connecting) are routine for a queue and go to
 * debug; warnings and errors stay what they are.
 */
export function graphileLogger(logger: Logger): GraphileLogger {
  const queue = logger.child({ component: 'graphile-worker' });
  return new GraphileLogger((scope) => (level, message, meta) => {
    const fields = { ...scope, ...meta };
    switch (String(level)) {
      case 'error':
        queue.error(fields, message);
        break;
      case 'warning':
        queue.warn(fields, message);
        break;
      default:
        queue.debug(fields, message);
    }
  });
}
