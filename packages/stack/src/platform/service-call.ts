import { signContextToken, type Identity } from '@nexara/kit';
import { CONTEXT_TOKEN_HEADER } from '@nexara/kit';

export type GraphQLResult<T> = { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };

export class GraphQLCallError extends Error {
  constructor(
    readonly errors: NonNullable<GraphQLResult<unknown>['errors']>,
    readonly status: number,
  ) {
    super(errors.map((e) => `${String(e.extensions?.['code'] ?? 'ERROR')}: ${e.message}`).join('; '));
    this.name = 'GraphQLCallError';
  }
  get code(): unknown {
    return this.errors[0]?.extensions?.['code'];
  }
}

/** POSTs one GraphQL operation and returns `data`, or throws GraphQLCallError with the errors. */
export async function postGraphQL<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as GraphQLResult<T>;
  if (result.errors?.length) throw new GraphQLCallError(result.errors, response.status);
  if (!result.data) throw new Error(`No data from ${url} (HTTP ${response.status})`);
  return result.data;
}

/** Calls a subgraph directly as an internal service (the seeder, tests): signs a context token with the internal key. */
export async function callAsService<T>(
  url: string,
  internalTokenSecret: string,
  identity: Identity,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const token = await signContextToken(identity, internalTokenSecret, { issuer: 'nexara-stack' });
  return postGraphQL<T>(url, query, variables, { [CONTEXT_TOKEN_HEADER]: token });
}
