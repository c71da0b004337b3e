import type { ExecutionResult } from 'graphql';

/**
 * Error codes that say the answer is final: the subject is not there or not
 * this subscriber's, or the question itself is wrong. Anything else (a
 * subgraph timing out, a pool with no free connection under load) may
 * answer on a second try.
 */
const FINAL_CODES = new Set([
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
]);

/** Pauses before the second, third and fourth try. */
export const RE_READ_BACKOFF_MS = [100, 400, 1_600] as const;

function transientFailure(result: ExecutionResult): boolean {
  if (!result.errors?.length) return false;
  return result.errors.some((error) => !FINAL_CODES.has(String(error.extensions?.['code'] ?? '')));
}

/**
 * Reads an event's subject, again after a transient failure: a subscriber is
 * promised every version of an order (see `VersionTracker`), so a read that
 * failed because the platform was busy is retried instead of dropping that
 * version. Settles with the last answer: the caller logs one that still
 * carries errors.
 */
export async function reReadWithRetries(
  read: () => Promise<ExecutionResult>,
  backoffMs: readonly number[] = RE_READ_BACKOFF_MS,
  pause: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<ExecutionResult> {
  let result = await read().catch(thrownAsResult);
  for (const ms of backoffMs) {
    if (!transientFailure(result)) return result;
    await pause(ms);
    result = await read().catch(thrownAsResult);
  }
  return result;
}

/**
 * Asks a credentials check again when it could not answer (it threw: the
 * tenants service timed out under load), with the same pauses as a re-read.
 * A "no" is final at once. Rejects with the last error when no try answered:
 * the caller must then neither deliver (the credentials may have ended) nor
 * drop the change silently.
 */
export async function checkWithRetries(
  check: () => Promise<boolean>,
  backoffMs: readonly number[] = RE_READ_BACKOFF_MS,
  pause: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<boolean> {
  for (const ms of backoffMs) {
    try {
      return await check();
    } catch {
      await pause(ms);
    }
  }
  return check();
}

function thrownAsResult(error: unknown): ExecutionResult {
  const message = error instanceof Error ? error.message : String(error);
  return { errors: [{ message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } as unknown as ExecutionResult;
}
