import type { Identity } from '@nexara/kit';
import { contextHeaders } from '@nexara/test-support';

export type GraphqlError = {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string } & Record<string, unknown>;
};

export type GraphqlResponse<T> = { status: number; data: T | null; errors: GraphqlError[] };

/**
 * POSTs one operation to a subgraph over real HTTP, as the gateway would:
 * with a context token for `identity`, or with none at all when it is null.
 */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  identity: Identity | null = { kind: 'anonymous' },
): Promise<GraphqlResponse<T>> {
  const headers = { 'content-type': 'application/json', ...(identity ? await contextHeaders(identity) : {}) };
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T | null; errors?: GraphqlError[] };
  return { status: response.status, data: body.data ?? null, errors: body.errors ?? [] };
}

/** The data of a call that must succeed; a failure shows the errors instead of a bare `null`. */
export async function graphqlOk<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  identity: Identity | null = { kind: 'anonymous' },
): Promise<T> {
  const result = await graphql<T>(url, query, variables, identity);
  if (result.errors.length > 0 || result.data === null) {
    throw new Error(`GraphQL call failed (HTTP ${result.status}): ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}

/** The `extensions.code` of each error, for assertions such as `expect(codes(r)).toEqual(['FORBIDDEN'])`. */
export function errorCodes(result: GraphqlResponse<unknown>): (string | undefined)[] {
  return result.errors.map((error) => error.extensions?.code);
}
