/** The error body every webhook rejection carries (DESIGN §4); never echoes a secret. */
export function errorBody(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

export const WEBHOOK_PROVIDERS = ['careem', 'talabat', 'deliveroo', 'jahez'] as const;
export type WebhookProvider = (typeof WEBHOOK_PROVIDERS)[number];

export function isWebhookProvider(value: string): value is WebhookProvider {
  return (WEBHOOK_PROVIDERS as readonly string[]).includes(value);
}

/**
 * Talabat's middleware understands only 200, 201, 202, 400, 401, 429, 500 and
 * 502 (providers.md); the shim's own transport answers are mapped onto that
 * list for it, keeping their meaning: "fix the request" -> 400, "try again" -> 500.
 */
const TALABAT_STATUS: Record<number, number> = { 404: 400, 409: 400, 413: 400, 415: 400, 503: 500 };

export function statusFor(provider: WebhookProvider, status: number): number {
  return provider === 'talabat' ? (TALABAT_STATUS[status] ?? status) : status;
}
