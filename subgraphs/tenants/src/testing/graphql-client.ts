import type { Identity } from '@nexara/kit';
import { callSubgraph, dataOf, type GraphQLErrorResult, type GraphQLResult } from '@nexara/test-support';

export { errorCodes } from '@nexara/test-support';
export type GraphqlError = GraphQLErrorResult;
export type GraphqlResponse<T> = GraphQLResult<T>;

/** POSTs one operation to a tenants server (its base URL) over real HTTP, as the gateway would (see callSubgraph). */
export function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  identity: Identity | null = { kind: 'anonymous' },
): Promise<GraphqlResponse<T>> {
  return callSubgraph<T>(`${url}/graphql`, identity, query, variables);
}

/** The data of a call that must succeed; a failure shows the errors instead of a bare `null`. */
export async function graphqlOk<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  identity: Identity | null = { kind: 'anonymous' },
): Promise<T> {
  return dataOf(await graphql<T>(url, query, variables, identity));
}
