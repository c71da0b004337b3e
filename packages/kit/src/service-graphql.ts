import { CONTEXT_TOKEN_HEADER, contextTokenSigner } from './identity';
import { keptAlivePoster } from './kept-alive-post';

/** A GraphQL error as it comes over the wire: nothing in it is trusted to have a shape. */
export type GraphQLErrorBody = { message?: unknown; extensions?: { code?: unknown } };

/** What a service answered one operation: the HTTP status, the raw text, and the parsed body (null when not JSON). */
export type ServiceAnswer<T> = {
  status: number;
  text: string;
  body: { data?: T | null; errors?: GraphQLErrorBody[] } | null;
};

/**
 * One service calling another subgraph directly (not through the
 * supergraph, where internal fields are inaccessible) as the named internal
 * service acting in a tenant, with a context token signed by the internal key
 * (reused per tenant for half its life: see contextTokenSigner).
 *
 * These calls go to our own services at configured addresses, usually on
 * loopback or a private network, never to a provider: the egress policy
 * (./egress) exists to refuse exactly such addresses for provider calls, so
 * internal calls do not go through the egress client. They go over kept-alive
 * node:http (keptAlivePoster), as the gateway's do: fetch's per-request
 * Request, Headers and AbortSignal showed in the worker's CPU profile
 * (BENCHMARKS.md, "End to end").
 */
export function serviceGraphQL(options: {
  url: string;
  internalTokenSecret: string;
  /** The service this process speaks as: its context token's identity and issuer (`nexara-<service>`). */
  service: string;
  timeoutMs?: number;
}) {
  const tokenFor = contextTokenSigner(options.internalTokenSecret, { issuer: `nexara-${options.service}` });
  const timeoutMs = options.timeoutMs ?? 10_000;
  const send = keptAlivePoster();

  /** Sends the operation and returns the answer as it came; rejects only when the service could not be reached. */
  async function post<T>(
    tenantId: string | null,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<ServiceAnswer<T>> {
    const token = await tokenFor({ kind: 'service', service: options.service, tenantId });
    const answer = await send(options.url, {
      headers: { 'content-type': 'application/json', [CONTEXT_TOKEN_HEADER]: token },
      body: JSON.stringify({ query, variables }),
      timeoutMs,
    });
    return { status: answer.status, text: answer.body, body: parseBody<T>(answer.body) };
  }

  /** The operation's `data`, or an error naming the service's address, the HTTP status and what it said. */
  async function data<T>(tenantId: string | null, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const answer = await post<T>(tenantId, query, variables);
    if (!answer.body?.data || answer.body.errors?.length) {
      throw new Error(
        `${options.url} answered HTTP ${answer.status} for tenant ${tenantId ?? '(none)'}: ${answer.text.slice(0, 500)}`,
      );
    }
    return answer.body.data;
  }

  return { post, data };
}

function parseBody<T>(text: string): ServiceAnswer<T>['body'] {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as ServiceAnswer<T>['body']) : null;
  } catch {
    return null;
  }
}
