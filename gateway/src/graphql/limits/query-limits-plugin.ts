import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { checkQueryLimits, type QueryLimits } from './query-limits';

/**
 * Applies depth, alias and cost limits after validation and before the
 * gateway plans the query (the token limit is Apollo Server's `parseOptions`:
 * see `apolloHardeningOptions`). Errors thrown here reach the client as they
 * are, with HTTP 400.
 */
export function queryLimitsPlugin<TContext extends BaseContext>(limits: QueryLimits): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const error = checkQueryLimits(schema, document, {
            operationName: request.operationName,
            variables: request.variables,
            limits,
          });
          if (error) throw error;
        },
      };
    },
  };
}
