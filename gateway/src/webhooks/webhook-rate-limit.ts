import { BurstyRateLimiter, RateLimiterRes } from 'rate-limiter-flexible';
import { memoryLimiterStore, type LimiterStore } from '../rate-limit-store';

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Per-connection limit on deliveries that authenticated: `perSecond`
 * sustained and up to `burst` at once (rate-limiter-flexible's
 * BurstyRateLimiter: the steady limiter plus a reserve of
 * `burst - perSecond` that refills over `burstWindowSeconds`). Counters live
 * in `store`: Redis shared by all replicas when REDIS_URL is set, this
 * process's memory otherwise (see rate-limit-store.ts).
 *
 * Two steps, so that forged deliveries cannot spend a provider's allowance:
 * `check` (before the inbox) only looks, and refuses when authenticated
 * deliveries used it all; `spend` (after the inbox said the delivery
 * authenticated) takes the point. Anyone who knows a webhook URL can send to
 * it, only the provider can sign. Deliveries checked together may overshoot
 * the limit by as many as are in flight: it is a guard against a runaway
 * provider, not an exact quota.
 */
export function createWebhookRateLimit(options: {
  perSecond: number;
  burst: number;
  burstWindowSeconds?: number;
  store?: LimiterStore;
}) {
  const store = options.store ?? memoryLimiterStore();
  const steady = store.limiter({ keyPrefix: 'webhook', points: options.perSecond, duration: 1 });
  const reserve = store.limiter({
    keyPrefix: 'webhook-burst',
    points: Math.max(options.burst - options.perSecond, 0),
    duration: options.burstWindowSeconds ?? 10,
  });
  const limiter = new BurstyRateLimiter(steady, reserve);
  return {
    check: async (connectionKey: string): Promise<RateLimitDecision> => {
      const [used, reserved] = await Promise.all([steady.get(connectionKey), reserve.get(connectionKey)]);
      const steadyLeft = used ? used.remainingPoints : steady.points;
      const reserveLeft = reserved ? reserved.remainingPoints : reserve.points;
      if (steadyLeft > 0 || reserveLeft > 0) return { allowed: true };
      const waitMs = Math.min(used?.msBeforeNext ?? 1000, reserved?.msBeforeNext ?? Infinity);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    },
    spend: async (connectionKey: string): Promise<void> => {
      try {
        await limiter.consume(connectionKey);
      } catch (rejection) {
        // Over the limit already: the delivery is stored; the next one is refused by `check`.
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
      }
    },
  };
}

export type WebhookRateLimit = ReturnType<typeof createWebhookRateLimit>;

/**
 * Per source address, before anything is read or parsed: one host flooding
 * the shim (with forged deliveries, or random keys) is turned away with 429
 * at the cost of a counter lookup (a map, or one Redis round trip when the
 * budget is shared between replicas), whatever connection it names.
 */
export function createAddressRateLimit(options: { perSecond: number; burst: number; store?: LimiterStore }) {
  const store = options.store ?? memoryLimiterStore();
  const steady = store.limiter({ keyPrefix: 'webhook-address', points: options.perSecond, duration: 1 });
  const reserve = store.limiter({
    keyPrefix: 'webhook-address-burst',
    points: Math.max(options.burst - options.perSecond, 0),
    duration: 10,
  });
  const limiter = new BurstyRateLimiter(steady, reserve);
  return async (address: string): Promise<RateLimitDecision> => {
    try {
      await limiter.consume(address);
      return { allowed: true };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
  };
}

/**
 * Connection keys the inbox said do not exist, remembered for `ttlMs` (at
 * most `maxEntries`, oldest dropped first): a repeated unknown key is
 * answered 404 by the shim without reading the body, parsing it or asking
 * the inbox. Keys are random (43 characters), so a key cached as unknown is
 * not one a new connection will get; the TTL bounds it anyway.
 */
export function unknownKeyCache(options: { ttlMs: number; maxEntries?: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000;
  const unknown = new Map<string, { answer: { status: number; body: string }; until: number }>();
  return {
    get: (provider: string, key: string): { status: number; body: string } | null => {
      const id = `${provider}/${key}`;
      const entry = unknown.get(id);
      if (!entry) return null;
      if (entry.until > now()) return entry.answer;
      unknown.delete(id);
      return null;
    },
    remember: (provider: string, key: string, answer: { status: number; body: string }): void => {
      if (options.ttlMs <= 0) return;
      const id = `${provider}/${key}`;
      unknown.delete(id);
      if (unknown.size >= maxEntries) unknown.delete(unknown.keys().next().value!);
      unknown.set(id, { answer, until: now() + options.ttlMs });
    },
  };
}

export type UnknownKeyCache = ReturnType<typeof unknownKeyCache>;
