import { GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { persistedQueryNotAllowed, type TrustedDocuments } from '../graphql/trusted-documents';
import {
  checkQueryLimits,
  isTokenLimitMessage,
  tooManyTokensError,
  type QueryLimits,
} from '../graphql/limits/query-limits';

/** What a graphql-ws `subscribe` message carries. */
export type SocketOperationPayload = {
  query?: string | null;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  extensions?: Record<string, unknown> | null;
};

export type SocketOperationRules = {
  schema: GraphQLSchema;
  limits: QueryLimits;
  /** Production, for a browser's socket: only these documents run (null: no such rule). */
  trustedOnly: TrustedDocuments | null;
  /** Persisted documents a client may name by hash (`extensions.persistedQuery.sha256Hash`). */
  trusted: TrustedDocuments | null;
};

/** The error as a socket client should see it: the HTTP status means nothing here. */
function forSocket(error: GraphQLError): GraphQLError {
  const { http: _http, ...extensions } = error.extensions;
  return new GraphQLError(error.message, { extensions });
}

/**
 * The checks an HTTP request meets, for an operation sent over the socket,
 * before anything runs: the token limit while parsing, validation against
 * the endpoint's schema, the depth, alias and cost limits, and in production
 * for browsers the persisted documents. Returns what to run, or the errors
 * to answer with (graphql-ws sends them as the operation's `error`).
 */
export function checkSocketOperation(
  payload: SocketOperationPayload,
  rules: SocketOperationRules,
):
  | { document: DocumentNode; operationName: string | undefined; variableValues: Record<string, unknown> }
  | readonly GraphQLError[] {
  const hash = (payload.extensions?.['persistedQuery'] as { sha256Hash?: unknown } | undefined)?.sha256Hash;
  const query = payload.query ?? (typeof hash === 'string' ? rules.trusted?.documentFor(hash) : undefined);
  if (typeof query !== 'string') {
    return [
      new GraphQLError('The operation has no query (nor a known persisted document).', {
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ];
  }
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: rules.limits.maxTokens });
  } catch (error) {
    if (error instanceof GraphQLError && isTokenLimitMessage(error.message)) {
      return [forSocket(tooManyTokensError(rules.limits.maxTokens))];
    }
    if (error instanceof GraphQLError) return [error];
    throw error;
  }
  const invalid = validate(rules.schema, document);
  if (invalid.length > 0) return invalid;
  const variableValues = payload.variables ?? {};
  const operationName = payload.operationName ?? undefined;
  const overLimit = checkQueryLimits(rules.schema, document, {
    operationName,
    variables: variableValues,
    limits: rules.limits,
  });
  if (overLimit) return [forSocket(overLimit)];
  if (rules.trustedOnly && !rules.trustedOnly.includes(document)) return [forSocket(persistedQueryNotAllowed())];
  return { document, operationName, variableValues };
}
