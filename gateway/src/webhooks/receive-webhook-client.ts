import { CONTEXT_TOKEN_HEADER, signContextToken } from '@nexara/kit';

export type ReceiveWebhookInput = {
  provider: string;
  connectionKey: string;
  method: string;
  subPath: string;
  headers: Record<string, string>;
  bodyBase64: string;
  receivedAt: string;
};

export type ReceiveWebhookAnswer = {
  verdict: 'ACCEPTED' | 'DUPLICATE' | 'REJECTED';
  httpStatus: number;
  responseBody: string;
  eventId: string | null;
  errorCode: string | null;
};

/** Raised when the inbox could not confirm a durable commit: the shim answers 503 and the provider retries. */
export class InboxUnavailableError extends Error {
  override name = 'InboxUnavailableError';
}

const RECEIVE_WEBHOOK = `mutation ReceiveWebhook($input: ReceiveWebhookInput!) {
  receiveWebhook(input: $input) { verdict httpStatus responseBody eventId errorCode }
}`;

/**
 * Calls the integrations subgraph's internal `receiveWebhook` directly (not
 * through the supergraph, where it is inaccessible), as the webhook-shim
 * service. It resolves only after the inbox has committed (or rejected).
 */
export function createReceiveWebhookClient(options: { integrationsUrl: string; internalTokenSecret: string; timeoutMs?: number }) {
  return async function receiveWebhook(input: ReceiveWebhookInput): Promise<ReceiveWebhookAnswer> {
    const token = await signContextToken({ kind: 'service', service: 'webhook-shim', tenantId: null }, options.internalTokenSecret);
    let response: Response;
    try {
      response = await fetch(options.integrationsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CONTEXT_TOKEN_HEADER]: token },
        body: JSON.stringify({ query: RECEIVE_WEBHOOK, variables: { input } }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new InboxUnavailableError(`integrations unreachable: ${String(error)}`);
    }
    const result = (await response.json().catch(() => null)) as {
      data?: { receiveWebhook?: ReceiveWebhookAnswer };
      errors?: { message: string }[];
    } | null;
    const answer = result?.data?.receiveWebhook;
    if (!response.ok || !answer) {
      throw new InboxUnavailableError(
        `integrations answered HTTP ${response.status}: ${result?.errors?.map((e) => e.message).join('; ') ?? 'no body'}`,
      );
    }
    return answer;
  };
}
