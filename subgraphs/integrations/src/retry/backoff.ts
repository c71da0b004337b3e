/** How retries are spaced: exponential from `baseMs`, doubling per failure, never above `maxMs`. */
export type BackoffPolicy = { baseMs: number; maxMs: number };

/**
 * The longest wait before the retry that follows failure number `failures`
 * (1 = the first failure): `baseMs * 2^(failures - 1)`, capped at `maxMs`
 * (and never below `baseMs`, should the two be configured the wrong way round).
 */
export function backoffCeiling(failures: number, policy: BackoffPolicy): number {
  const cap = Math.max(policy.baseMs, policy.maxMs);
  const exponent = Math.max(0, Math.floor(failures) - 1);
  // 2^exponent overflows to Infinity long before it matters; the cap takes over first.
  return Math.min(cap, policy.baseMs * 2 ** Math.min(exponent, 60));
}

/**
 * The wait before the next try, with full jitter: uniformly random in
 * [0, ceiling]. Full jitter spreads the retries of many events that failed
 * together (orders restarted, say) instead of bringing them back in waves.
 * `random` returns [0, 1), like Math.random; tests pass a seeded one.
 */
export function retryDelayMs(failures: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = backoffCeiling(failures, policy);
  return Math.min(ceiling, Math.floor(random() * (ceiling + 1)));
}
