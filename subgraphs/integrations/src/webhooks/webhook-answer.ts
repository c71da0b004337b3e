import type { Provider } from '@nexara/kit';

/** The body of every refusal (DESIGN §4): a stable code and a message that never echoes a secret. */
export function errorBody(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

/**
 * Talabat's middleware understands only 200, 201, 202, 400, 401, 429, 500
 * and 502 (providers.md) and treats anything else as a broken plugin. The
 * inbox's own refusals outside that list, 404 (unknown connection or route)
 * and 409 (paused), mean "this request will not be taken as it is": 400 keeps
 * that meaning for Talabat, while the code in the body still says which.
 */
const TALABAT_STATUS: Readonly<Record<number, number>> = { 404: 400, 409: 400 };

export function answerStatusFor(provider: Provider, status: number): number {
  return provider === 'TALABAT' ? (TALABAT_STATUS[status] ?? status) : status;
}
