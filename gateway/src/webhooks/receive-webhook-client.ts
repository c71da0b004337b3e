import { CONTEXT_TOKEN_HEADER, contextTokenSigner, keptAlivePoster, type Identity, type PostAnswer } from '@nexara/kit';

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

const WEBHOOK_SHIM: Identity = { kind: 'service', service: 'webhook-shim', tenantId: null };

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
 * Over kept-alive node:http rather than fetch (see keptAlivePoster).
 */
export function createReceiveWebhookClient(options: {
  integrationsUrl: string;
  internalTokenSecret: string;
  timeoutMs?: number;
}) {
  const sign = contextTokenSigner(options.internalTokenSecret);
  const post = keptAlivePoster();
  const timeoutMs = options.timeoutMs ?? 10_000;
  return async function receiveWebhook(input: ReceiveWebhookInput): Promise<ReceiveWebhookAnswer> {
    const token = await sign(WEBHOOK_SHIM);
    let response: PostAnswer;
    try {
      response = await post(options.integrationsUrl, {
        headers: { 'content-type': 'application/json', [CONTEXT_TOKEN_HEADER]: token },
        body: JSON.stringify({ query: RECEIVE_WEBHOOK, variables: { input } }),
        timeoutMs,
      });
    } catch (error) {
      throw new InboxUnavailableError(`integrations unreachable: ${String(error)}`);
    }
    const result = parseJson(response.body) as {
      data?: { receiveWebhook?: ReceiveWebhookAnswer };
      errors?: { message: string }[];
    } | null;
    const answer = result?.data?.receiveWebhook;
    if (response.status !== 200 || !answer) {
      throw new InboxUnavailableError(
        `integrations answered HTTP ${response.status}: ${result?.errors?.map((e) => e.message).join('; ') ?? 'no body'}`,
      );
    }
    return answer;
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
