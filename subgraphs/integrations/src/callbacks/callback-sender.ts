import type { OutboundCall } from '../providers/adapter';

export type CallbackResponse = { ok: true; status: number } | { ok: false; status: number | null; detail: string };

export const CALLBACK_TIMEOUT_MS = 10_000;
const DETAIL_LENGTH = 300;

/**
 * Makes one provider call exactly as the adapter built it (the body is the
 * signed text). 2xx is delivered; anything else, or no answer within the
 * timeout, is a failure worth retrying. Redirects are not followed: a
 * provider API that moved must be reconfigured, not guessed at with our
 * credentials attached.
 */
export async function sendCallback(call: OutboundCall, timeoutMs = CALLBACK_TIMEOUT_MS): Promise<CallbackResponse> {
  let response: Response;
  try {
    response = await fetch(call.url, {
      method: call.method,
      headers: call.headers,
      body: call.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return {
      ok: false,
      status: null,
      detail: `no answer: ${error instanceof Error ? error.message : String(error)}${cause}`,
    };
  }
  const text = await response.text().catch(() => '');
  if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
  const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, DETAIL_LENGTH);
  return { ok: false, status: response.status, detail: `HTTP ${response.status}${excerpt ? `: ${excerpt}` : ''}` };
}
