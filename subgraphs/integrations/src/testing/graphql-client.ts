import { CONTEXT_TOKEN_HEADER, signContextToken, type Identity } from '@nexara/kit';

export type GraphQLErrorBody = { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> };

export type GraphQLResponse<T> = { status: number; data: T | null; errors: GraphQLErrorBody[] };

export type GraphQLClient = <T = Record<string, unknown>>(
  query: string,
  variables?: Record<string, unknown>,
  identity?: Identity | null,
) => Promise<GraphQLResponse<T>>;

/**
 * Calls a subgraph over real HTTP as the gateway would: with a context token
 * signed by the internal key for `identity`, or with no token at all (null).
 */
export function graphqlClient(url: string, internalTokenSecret: string): GraphQLClient {
  return async <T>(query: string, variables: Record<string, unknown> = {}, identity: Identity | null = null) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (identity) headers[CONTEXT_TOKEN_HEADER] = await signContextToken(identity, internalTokenSecret);
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: T | null; errors?: GraphQLErrorBody[] };
    return { status: response.status, data: body.data ?? null, errors: body.errors ?? [] };
  };
}

/** The `extensions.code` of each error, for compact assertions. */
export const errorCodes = (response: GraphQLResponse<unknown>): unknown[] =>
  response.errors.map((error) => error.extensions?.['code']);
