import { createHash, timingSafeEqual } from 'node:crypto';

function digest(value: string | Buffer): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Constant-time equality for values of any length: both sides are hashed
 * first, so `timingSafeEqual` always compares 32 bytes and neither the
 * position of the first difference nor the expected length leaks.
 */
export function constantTimeEqual(a: string | Buffer, b: string | Buffer): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Does `provided` equal any of `candidates`? Every candidate is compared,
 * even after a match, so timing does not tell which secret (current or
 * rotated-out) verified, nor how many there are before it.
 */
export function matchesAny(candidates: readonly (string | Buffer)[], provided: string | Buffer): boolean {
  let matched = false;
  for (const candidate of candidates) {
    // Non-short-circuit on purpose.
    matched = constantTimeEqual(candidate, provided) || matched;
  }
  return matched;
}
