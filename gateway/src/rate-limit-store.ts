import type { Logger } from '@nexara/kit';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

export type LimiterOptions = { keyPrefix: string; points: number; duration: number };

/** Makes the gateway's rate limiters; `shared` says whether their counters live in Redis (all replicas) or in this process. */
export type LimiterStore = {
  shared: boolean;
  limiter: (options: LimiterOptions) => RateLimiterAbstract;
  close: () => Promise<void>;
};

/** Counters in this process only: one gateway, or tests that build the routes by hand. */
export function memoryLimiterStore(): LimiterStore {
  return { shared: false, limiter: (options) => new RateLimiterMemory(options), close: async () => undefined };
}

/**
 * Counters in Redis (rate-limiter-flexible's RateLimiterRedis over ioredis),
 * so every gateway replica on the same REDIS_URL spends one budget per key
 * (docs/operations.md, "Running more than one replica"). While Redis is not
 * reachable each limiter answers from an in-memory one of the same size (its
 * insurance limiter): the limits then hold per replica, as without Redis,
 * rather than refusing every request or letting every request through.
 * Resolves once the first connection attempt has either succeeded or failed.
 */
export async function redisLimiterStore(options: { redisUrl: string; logger: Logger }): Promise<LimiterStore> {
  const client = new Redis(options.redisUrl, {
    connectionName: 'nexara-rate-limit',
    // A request never waits for Redis: when it is not connected, the in-memory limiter answers.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt: number) => Math.min(100 * 2 ** attempt, 5_000),
  });
  let reported = false;
  client.on('error', (error: Error) => {
    // Once per outage: ioredis reports every reconnection attempt.
    if (!reported) options.logger.warn({ err: error.message }, 'rate limit redis unavailable: limits are per replica');
    reported = true;
  });
  client.on('ready', () => {
    if (reported) options.logger.info('rate limit redis back: limits are shared again');
    reported = false;
  });
  await new Promise<void>((resolve) => {
    client.once('ready', () => resolve());
    client.once('error', () => resolve());
  });
  return {
    shared: true,
    limiter: (limit) =>
      new RateLimiterRedis({
        ...limit,
        storeClient: client,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory(limit),
      }),
    close: async () => {
      client.disconnect();
    },
  };
}
