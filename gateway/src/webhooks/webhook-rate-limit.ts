import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Per-connection limit: `perSecond` sustained, and up to `burst` at once
 * (rate-limiter-flexible's BurstyRateLimiter: the steady limiter plus a
 * reserve of `burst - perSecond` that refills over `burstWindowSeconds`).
 * In memory per gateway instance.
 */
export function createWebhookRateLimit(options: { perSecond: number; burst: number; burstWindowSeconds?: number }) {
  const steady = new RateLimiterMemory({ keyPrefix: 'webhook', points: options.perSecond, duration: 1 });
  const reserve = new RateLimiterMemory({
    keyPrefix: 'webhook-burst',
    points: Math.max(options.burst - options.perSecond, 0),
    duration: options.burstWindowSeconds ?? 10,
  });
  const limiter = new BurstyRateLimiter(steady, reserve);
  return async function check(connectionKey: string): Promise<RateLimitDecision> {
    try {
      await limiter.consume(connectionKey);
      return { allowed: true };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
  };
}
