import type { Identity } from '@nexara/kit';
import { callSubgraph, type GraphQLResult } from '@nexara/test-support';

export { errorCodes } from '@nexara/test-support';

export type GraphQLClient = <T = Record<string, unknown>>(
  query: string,
  variables?: Record<string, unknown>,
  identity?: Identity | null,
) => Promise<GraphQLResult<T>>;

/** Calls one subgraph over real HTTP as the gateway would (see callSubgraph), the identity last. */
export function graphqlClient(url: string, internalTokenSecret: string): GraphQLClient {
  return (query, variables = {}, identity = null) => callSubgraph(url, identity, query, variables, internalTokenSecret);
}
