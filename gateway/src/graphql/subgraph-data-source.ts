import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CONTEXT_TOKEN_HEADER } from '@nexara/kit';

export type GatewayContext = {
  /** Signed once per request from the caller's identity; subgraphs reject requests without it. */
  contextToken: string;
  requestId: string;
};

/**
 * Sends subgraph requests with exactly two headers of ours: the context token
 * and the request id. Nothing the client sent is forwarded, so a client can
 * never impersonate the gateway or smuggle headers to a subgraph.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!('contextToken' in context)) return; // health checks and schema loading carry no request context
    request.http?.headers.set(CONTEXT_TOKEN_HEADER, context.contextToken);
    request.http?.headers.set('x-request-id', context.requestId);
  }
}
