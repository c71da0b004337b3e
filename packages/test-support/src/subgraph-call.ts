import type { Identity } from '@nexara/kit';
import { contextHeaders, testSecrets } from './identities';

export type GraphQLErrorResult = {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string } & Record<string, unknown>;
};

/** A GraphQL answer as tests assert on it: the HTTP status, `data` (null when absent) and the errors (never undefined). */
export type GraphQLResult<T> = { status: number; data: T | null; errors: GraphQLErrorResult[] };

/**
 * POSTs one operation to a subgraph over real HTTP as the gateway would:
 * with a context token for `identity` signed by the internal key, or with
 * none at all when it is null.
 */
export async function callSubgraph<T>(
  url: string,
  identity: Identity | null,
  query: string,
  variables: Record<string, unknown> = {},
  internalTokenSecret = testSecrets.internalTokenSecret,
): Promise<GraphQLResult<T>> {
  const headers = {
    'content-type': 'application/json',
    ...(identity ? await contextHeaders(identity, internalTokenSecret) : {}),
  };
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T | null; errors?: GraphQLErrorResult[] };
  return { status: response.status, data: body.data ?? null, errors: body.errors ?? [] };
}

/** The data of an answer that must have succeeded; fails the test with the errors otherwise. */
export function dataOf<T>(result: GraphQLResult<T>): T {
  if (result.errors.length > 0 || result.data === null) {
    throw new Error(`expected success, got HTTP ${result.status}: ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}

/** The `extensions.code` of each error, for assertions such as `expect(errorCodes(r)).toEqual(['FORBIDDEN'])`. */
export function errorCodes(result: GraphQLResult<unknown>): (string | undefined)[] {
  return result.errors.map((error) => error.extensions?.code);
}
