import { createHash } from 'node:crypto';
import { appError } from '@nexara/kit';
import type { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

export type LoginThrottleSettings = {
  /** Attempts one account may take per window before it must wait (success starts it over). */
  accountAttempts: number;
  accountWindowSeconds: number;
  /** Failed attempts one source address may make per window, over all accounts. */
  addressAttempts: number;
  addressWindowSeconds: number;
};

/** What a sign-in attempt may do: go ahead (and report how it went), or wait. */
export type LoginPermit =
  { allowed: true; succeeded: () => Promise<void> } | { allowed: false; retryAfterSeconds: number };

export type LoginThrottle = { attempt: (email: string, sourceAddress: string | undefined) => Promise<LoginPermit> };

export function loginThrottledError(retryAfterSeconds: number) {
  return appError('LOGIN_THROTTLED', `Too many sign-in attempts; try again in ${retryAfterSeconds} s.`, {
    retryAfterSeconds,
  });
}

/**
 * Throttles password guessing with rate-limiter-flexible's PostgreSQL store,
 * so every tenants instance (behind every gateway) counts in one place.
 *
 * Each attempt takes a point from its account (by email, known or not, so
 * the answer says nothing about which emails exist) and from its source
 * address before the password is checked: attempts sent together (30
 * aliased `login` fields in one request) are counted one by one, atomically,
 * and the ones over the limit cost no scrypt work. A successful sign-in gives
 * both points back and starts the account over, so the owner's own typos do
 * not add up, and an address only pays for its failures.
 *
 * Back off, not lock out: an account over its limit waits at most one window
 * (`accountWindowSeconds`, 5 minutes by default) and is never locked until an
 * admin steps in, so an attacker cannot keep its owner out for long; the
 * answer says how long to wait (`retryAfterSeconds`).
 */
export function createLoginThrottle(pool: Pool, settings: LoginThrottleSettings): LoginThrottle {
  const store = { storeClient: pool, schemaName: 'tenants', tableName: 'login_attempts', tableCreated: true };
  const byAccount = new RateLimiterPostgres({
    ...store,
    keyPrefix: 'account',
    points: settings.accountAttempts,
    duration: settings.accountWindowSeconds,
  });
  const byAddress = new RateLimiterPostgres({
    ...store,
    keyPrefix: 'address',
    points: settings.addressAttempts,
    duration: settings.addressWindowSeconds,
    // One sweeper of expired rows is enough for the shared table.
    clearExpiredByTimeout: false,
  });

  const take = async (limiter: RateLimiterPostgres, key: string): Promise<number | null> => {
    try {
      await limiter.consume(key);
      return null;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    }
  };

  return {
    attempt: async (email, sourceAddress) => {
      const account = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
      const [accountWait, addressWait] = await Promise.all([
        take(byAccount, account),
        sourceAddress ? take(byAddress, sourceAddress) : Promise.resolve(null),
      ]);
      if (accountWait !== null || addressWait !== null) {
        return { allowed: false, retryAfterSeconds: Math.max(accountWait ?? 0, addressWait ?? 0) };
      }
      return {
        allowed: true,
        succeeded: async () => {
          await Promise.all([byAccount.delete(account), sourceAddress ? byAddress.reward(sourceAddress, 1) : null]);
        },
      };
    },
  };
}
