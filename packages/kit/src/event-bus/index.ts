import type { Logger } from '../logger';
import type { EventBus } from './event-bus';
import { createPostgresEventBus } from './postgres-event-bus';
import { createRedisEventBus } from './redis-event-bus';

export * from './event-bus';
export { createPostgresEventBus } from './postgres-event-bus';
export { createRedisEventBus } from './redis-event-bus';

/** Redis when REDIS_URL is set (several gateway instances), PostgreSQL LISTEN/NOTIFY otherwise. */
export function createEventBus(options: { redisUrl?: string; databaseUrl: string; logger: Logger }): EventBus {
  return options.redisUrl
    ? createRedisEventBus({ redisUrl: options.redisUrl, logger: options.logger })
    : createPostgresEventBus({ databaseUrl: options.databaseUrl, logger: options.logger });
}
