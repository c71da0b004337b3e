import type { Logger } from '@nexara/kit';
import { graphileLogger } from './graphile-logger';

describe('graphileLogger', () => {
  function logged(debugEnabled = true) {
    const lines: [string, string][] = [];
    const at = (level: string) => (_fields: unknown, message: string) => void lines.push([level, message]);
    const logger = {
      debug: at('debug'),
      warn: at('warn'),
      error: at('error'),
      isLevelEnabled: (level: string) => level !== 'debug' || debugEnabled,
    } as unknown as Logger;
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

  it('skips routine lines when debug is off, and keeps warnings and errors', () => {
    const { lines, queue } = logged(false);
    queue.info('Completed task');
    queue.debug('Fetched jobs');
    queue.warn('Failed to release job');
    queue.error('Failed task');
    expect(lines).toEqual([
      ['warn', 'Failed to release job'],
      ['error', 'Failed task'],
    ]);
  });
});
