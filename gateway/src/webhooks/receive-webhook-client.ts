import {
  CONTEXT_TOKEN_HEADER,
  contextTokenSigner,
  keptAlivePoster,
  tracingConfigured,
  type Identity,
  type PostAnswer,
} from '@nexara/kit';

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
 * What one request to the inbox may carry, in bytes of JSON: the integrations
 * subgraph takes 2 MiB (a 1 MiB body is 1.4 MiB in base64); a delivery larger
 * than this still goes, alone.
 */
const MAX_BATCH_BYTES = 1024 * 1024;

type GraphQLResult = { data?: { receiveWebhook?: ReceiveWebhookAnswer } | null; errors?: { message: string }[] };

type Waiting = {
  operation: string;
  bytes: number;
  resolve: (answer: ReceiveWebhookAnswer) => void;
  reject: (error: InboxUnavailableError) => void;
};

/**
 * Calls the integrations subgraph's internal `receiveWebhook` directly (not
 * through the supergraph, where it is inaccessible), as the webhook-shim
 * service. Each call resolves only after the inbox has committed (or
 * rejected) that delivery. Over kept-alive node:http rather than fetch (see
 * keptAlivePoster).
 *
 * At most `maxRequests` requests are open at once; deliveries arriving while
 * they are all busy wait and go together in the next one, as a GraphQL batch
 * (an array of `receiveWebhook` operations, which the inbox runs side by side
 * and its writer commits together). Alone, a delivery is sent at once, as
 * one operation. Under load this saves each delivery an HTTP request of its
 * own on both sides (about a fifth of the CPU the hop cost; BENCHMARKS.md,
 * "Webhook accept"). With tracing on, every delivery is sent alone: a batch
 * would put the inbox's work for all of them in the trace of the first
 * (docs/operations.md, "One trace per webhook").
 */
export function createReceiveWebhookClient(options: {
  integrationsUrl: string;
  internalTokenSecret: string;
  timeoutMs?: number;
  /** Requests to the inbox open at once (default 2); more deliveries wait for the next batch. */
  maxRequests?: number;
  /** Deliveries in one request (default 100; 1 sends each alone). */
  maxBatch?: number;
}) {
  const sign = contextTokenSigner(options.internalTokenSecret);
  const post = keptAlivePoster();
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxRequests = options.maxRequests ?? 2;
  const maxBatch = tracingConfigured() ? 1 : (options.maxBatch ?? 100);
  const waiting: Waiting[] = [];
  let open = 0;

  const send = async (batch: Waiting[]): Promise<void> => {
    const single = batch.length === 1;
    let response: PostAnswer;
    try {
      response = await post(options.integrationsUrl, {
        headers: { 'content-type': 'application/json', [CONTEXT_TOKEN_HEADER]: await sign(WEBHOOK_SHIM) },
        body: single ? batch[0]!.operation : `[${batch.map((w) => w.operation).join(',')}]`,
        timeoutMs,
      });
    } catch (error) {
      const failure = new InboxUnavailableError(`integrations unreachable: ${String(error)}`);
      for (const w of batch) w.reject(failure);
      return;
    }
    const parsed = parseJson(response.body);
    const results = (single ? [parsed] : Array.isArray(parsed) ? parsed : []) as (GraphQLResult | null)[];
    batch.forEach((w, i) => {
      const result = results[i];
      const answer = result?.data?.receiveWebhook;
      // A batch shares one HTTP status: an operation's own answer stands whatever another's error made it.
      if (answer && (response.status === 200 || !single)) return w.resolve(answer);
      const reason = result?.errors?.map((e) => e.message).join('; ') ?? (single ? 'no body' : `no answer ${i + 1}`);
      w.reject(new InboxUnavailableError(`integrations answered HTTP ${response.status}: ${reason}`));
    });
  };

  const sendWaiting = (): void => {
    while (open < maxRequests && waiting.length > 0) {
      let count = 1;
      let bytes = waiting[0]!.bytes;
      while (count < Math.min(waiting.length, maxBatch) && bytes + waiting[count]!.bytes <= MAX_BATCH_BYTES) {
        bytes += waiting[count]!.bytes;
        count += 1;
      }
      open += 1;
      void send(waiting.splice(0, count)).finally(() => {
        open -= 1;
        sendWaiting();
      });
    }
  };

  return function receiveWebhook(input: ReceiveWebhookInput): Promise<ReceiveWebhookAnswer> {
    const operation = JSON.stringify({ query: RECEIVE_WEBHOOK, variables: { input } });
    return new Promise((resolve, reject) => {
      waiting.push({ operation, bytes: Buffer.byteLength(operation), resolve, reject });
      sendWaiting();
    });
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
