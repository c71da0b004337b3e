import type { Logger } from '@nexara/kit';
import { graphileLogger } from './graphile-logger';

describe('graphileLogger', () => {
  function logged() {
    const lines: [string, string][] = [];
    const at = (level: string) => (_fields: unknown, message: string) => void lines.push([level, message]);
    const logger = { debug: at('debug'), warn: at('warn'), error: at('error') } as unknown as Logger;
    (logger as unknown as { child: () => Logger }).child = () => logger;
    return { lines, queue: graphileLogger(logger) };
  }

  it('keeps warnings, but for the pool-smaller-than-concurrency one, which does not apply to this worker', () => {
    const { lines, queue } = logged();
    queue.warn('WARNING: having maxPoolSize (10) smaller than concurrency (200) may lead to non-optimal performance.');
    queue.warn('Failed to release job');
    queue.error('Failed task');
    queue.info('Completed task');
    expect(lines.map(([level]) => level)).toEqual(['debug', 'warn', 'error', 'debug']);
  });
});
