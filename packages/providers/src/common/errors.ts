import type { Rejection, RejectionCode } from '../adapter';

/**
 * A payload that can never be processed however often it is retried (schema
 * mismatch, bad money, another store's order): the worker marks its event
 * FAILED at once and keeps `reason` for the person who replays it.
 */
export class PayloadError extends Error {
  override name = 'PayloadError';

  constructor(readonly reason: string) {
    super(reason);
  }
}

export function rejection(status: Rejection['status'], code: RejectionCode, message: string): Rejection {
  return { status, code, message };
}

export function isRejection(value: unknown): value is Rejection {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Rejection).code === 'string' &&
    typeof (value as Rejection).status === 'number'
  );
}

/** In `parse`: the stored delivery passed `idempotencyKey` once, so a rejection now means a corrupted record. */
export function keyOrThrow(key: string | Rejection): string {
  if (typeof key !== 'string') throw new PayloadError(key.message);
  return key;
}
