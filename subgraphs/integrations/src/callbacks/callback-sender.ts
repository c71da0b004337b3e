import type { Egress, EgressOutcome } from '@nexara/kit';
import type { OutboundCall } from '@nexara/providers';

export type CallbackResponse =
  | { ok: true; status: number }
  /** `refused`: the egress policy refused the target; trying again would not change that. */
  | { ok: false; status: number | null; detail: string; refused?: true };

export const CALLBACK_TIMEOUT_MS = 10_000;

export type CallbackSender = (call: OutboundCall, timeoutMs?: number) => Promise<CallbackResponse>;

/**
 * Makes provider calls exactly as the adapter built them (the body is the
 * signed text), through the egress policy: a target on an internal address
 * is refused before anything (the secret included) leaves, and redirects
 * are not followed (a provider API that moved must be reconfigured, not
 * guessed at with our credentials attached). 2xx is delivered; anything
 * else, or no answer within the timeout, is a failure worth retrying.
 */
export function callbackSender(egress: Pick<Egress, 'send'>): CallbackSender {
  return async (call, timeoutMs = CALLBACK_TIMEOUT_MS) => responseOf(await egress.send({ ...call, timeoutMs }));
}

/**
 * The detail kept on the order (and the webhook event) is readable by every
 * role of the tenant, so it is only ever words of ours: the answer's body or
 * a network error's text would let a tenant read whatever the URL reached.
 */
export function responseOf(outcome: EgressOutcome): CallbackResponse {
  switch (outcome.kind) {
    case 'answered': {
      const { status } = outcome;
      if (status >= 200 && status < 300) return { ok: true, status };
      return { ok: false, status, detail: `HTTP ${status}: ${answerReason(status)}` };
    }
    case 'refused':
      return {
        ok: false,
        status: null,
        detail: `refused by the egress policy: ${outcome.refusal.rule}`,
        refused: true,
      };
    case 'failed':
      return { ok: false, status: null, detail: `not delivered: ${outcome.reason}` };
  }
}

function answerReason(status: number): string {
  if (status >= 300 && status < 400) return 'redirect not followed';
  if (status === 429) return 'rate limited by the provider';
  if (status >= 400 && status < 500) return 'the provider refused the call';
  if (status >= 500) return 'the provider failed';
  return 'unexpected answer';
}
