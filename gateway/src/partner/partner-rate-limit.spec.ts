import { createRateLimit, rateLimitHeaders } from './partner-rate-limit';

describe('partner rate limit', () => {
  it('counts down per key, then refuses with the seconds until the window resets', async () => {
    const limit = createRateLimit({ keyPrefix: `spec-${Math.random()}`, limit: 2, windowSeconds: 60 });
    const first = await limit.consume('key-a');
    const second = await limit.consume('key-a');
    const third = await limit.consume('key-a');
    expect([first.allowed, second.allowed, third.allowed]).toEqual([true, true, false]);
    expect([first.remaining, second.remaining, third.remaining]).toEqual([1, 0, 0]);
    expect(third.resetSeconds).toBeGreaterThan(0);
    expect(third.resetSeconds).toBeLessThanOrEqual(60);
    expect((await limit.consume('key-b')).allowed).toBe(true);
  });

  it('writes the three RateLimit headers', () => {
    expect(rateLimitHeaders({ allowed: true, limit: 600, remaining: 599, resetSeconds: 42 })).toEqual({
      'ratelimit-limit': '600',
      'ratelimit-remaining': '599',
      'ratelimit-reset': '42',
    });
  });
});
