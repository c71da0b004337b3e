import { GraphQLError } from 'graphql';

/**
 * Why one item of a batch mutation was not applied, as the single
 * mutation's GraphQL error would say it: its code and message for an error
 * meant for the caller, else INTERNAL_SERVER_ERROR and `otherwise` (an
 * unexpected error's own message stays in the logs, not in the answer).
 */
export function batchItemError(error: unknown, otherwise: string): { code: string; message: string } {
  if (!(error instanceof GraphQLError)) return { code: 'INTERNAL_SERVER_ERROR', message: otherwise };
  const code = error.extensions['code'];
  return { code: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR', message: error.message };
}
