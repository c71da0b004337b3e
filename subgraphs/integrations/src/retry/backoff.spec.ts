import { createRandom } from '@nexara/simulator';
import { backoffCeiling, retryDelayMs, type BackoffPolicy } from './backoff';

/** The same seed gives the same jitter table on every run. */
const seededRandom = (seed: number): (() => number) => createRandom(seed).next;

describe('retry backoff', () => {
  const defaults: BackoffPolicy = { baseMs: 1_000, maxMs: 300_000 };

  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [4, 8_000],
    [5, 16_000],
    [6, 32_000],
    [7, 64_000],
    [8, 128_000],
    [9, 256_000],
    [10, 300_000],
    [11, 300_000],
    [50, 300_000],
    [5_000, 300_000],
  ])('waits at most the doubled delay, capped: failure %i -> %i ms', (failures, ceiling) => {
    expect(backoffCeiling(failures, defaults)).toBe(ceiling);
  });

  it.each([
    ['zero failures', 0, 1_000],
    ['a negative count', -3, 1_000],
    ['a fractional count', 2.7, 2_000],
  ])('treats %s like the first failure or its whole part', (_case, failures, ceiling) => {
    expect(backoffCeiling(failures, defaults)).toBe(ceiling);
  });

  it('never waits less than the base when the cap is configured below it', () => {
    expect(backoffCeiling(1, { baseMs: 500, maxMs: 100 })).toBe(500);
    expect(backoffCeiling(9, { baseMs: 500, maxMs: 100 })).toBe(500);
  });

  it('applies full jitter: every delay is a whole number within [0, ceiling]', () => {
    const random = seededRandom(42);
    for (let failures = 1; failures <= 12; failures += 1) {
      const ceiling = backoffCeiling(failures, defaults);
      for (let i = 0; i < 200; i += 1) {
        const delay = retryDelayMs(failures, defaults, random);
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('spreads the delays over the whole range rather than bunching them', () => {
    const random = seededRandom(7);
    const delays = Array.from({ length: 2_000 }, () => retryDelayMs(4, defaults, random));
    const mean = delays.reduce((sum, delay) => sum + delay, 0) / delays.length;
    // Uniform on [0, 8000]: mean 4000; both halves well populated.
    expect(mean).toBeGreaterThan(3_600);
    expect(mean).toBeLessThan(4_400);
    expect(delays.filter((delay) => delay < 4_000).length).toBeGreaterThan(800);
    expect(delays.filter((delay) => delay >= 4_000).length).toBeGreaterThan(800);
  });

  it.each([
    ['the lowest draw', 0, 0],
    ['the highest draw', 0.999_999_999, 8_000],
    ['the middle draw', 0.5, 4_000],
  ])('maps %s onto the range ends exactly', (_case, draw, delay) => {
    expect(retryDelayMs(4, defaults, () => draw)).toBe(delay);
  });

  it('is the same table for the same seed', () => {
    const first = Array.from({ length: 8 }, (_, i) => retryDelayMs(i + 1, defaults, seededRandom(2024 + i)));
    const second = Array.from({ length: 8 }, (_, i) => retryDelayMs(i + 1, defaults, seededRandom(2024 + i)));
    expect(first).toEqual(second);
  });
});
