import { CONTEXT_TOKEN_HEADER, contextTokenSigner } from './identity';

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
 * internal calls use fetch rather than the egress client.
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

  /** Sends the operation and returns the answer as it came; rejects only when the service could not be reached. */
  async function post<T>(
    tenantId: string | null,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<ServiceAnswer<T>> {
    const token = await tokenFor({ kind: 'service', service: options.service, tenantId });
    const response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CONTEXT_TOKEN_HEADER]: token },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text().catch(() => '');
    return { status: response.status, text, body: parseBody<T>(text) };
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
