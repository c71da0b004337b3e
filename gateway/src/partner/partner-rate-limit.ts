import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { memoryLimiterStore, type LimiterStore } from '../rate-limit-store';

export type RateLimitState = {
  allowed: boolean;
  /** Requests allowed per window. */
  limit: number;
  /** Requests left in the current window. */
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
};

/**
 * A fixed window of `limit` requests per `windowSeconds` for each key
 * (rate-limiter-flexible). The counters live in `store`: Redis when
 * REDIS_URL is set, so all replicas together allow `limit`; otherwise this
 * process's memory, and N replicas would allow N times the limit.
 */
export function createRateLimit(options: {
  keyPrefix: string;
  limit: number;
  windowSeconds: number;
  store?: LimiterStore;
}) {
  const limiter = (options.store ?? memoryLimiterStore()).limiter({
    keyPrefix: options.keyPrefix,
    points: options.limit,
    duration: options.windowSeconds,
  });
  const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));
  return {
    /** Counts one request for `key`. */
    consume: async (key: string): Promise<RateLimitState> => {
      try {
        const result = await limiter.consume(key);
        return {
          allowed: true,
          limit: options.limit,
          remaining: result.remainingPoints,
          resetSeconds: seconds(result.msBeforeNext),
        };
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return { allowed: false, limit: options.limit, remaining: 0, resetSeconds: seconds(rejection.msBeforeNext) };
      }
    },
  };
}

/** The `RateLimit-*` response headers (IETF draft "RateLimit header fields for HTTP", the widely used three-header form). */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'ratelimit-limit': String(state.limit),
    'ratelimit-remaining': String(state.remaining),
    'ratelimit-reset': String(state.resetSeconds),
  };
}

/**
 * RATE_LIMITED for a key whose window is used up. Over HTTP it also sets
 * 429 and Retry-After; over a WebSocket there is no status, so the seconds
 * travel in `extensions.retryAfterSeconds` only.
 */
export function rateLimitedError(
  state: RateLimitState,
  windowSeconds: number,
  transport: 'http' | 'websocket',
): GraphQLError {
  const http = { status: 429, headers: new HeaderMap([['retry-after', String(state.resetSeconds)]]) };
  return new GraphQLError(
    `This API key's limit of ${state.limit} requests per ${windowSeconds} s is used up; retry in ${state.resetSeconds} s.`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        retryAfterSeconds: state.resetSeconds,
        ...(transport === 'http' ? { http } : {}),
      },
    },
  );
}
