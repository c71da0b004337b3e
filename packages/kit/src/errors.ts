import { GraphQLError } from 'graphql';

/**
 * Every error a client can see, with its HTTP status and a default message a
 * person can act on. Resolvers throw `appError(code, message?)`; anything else
 * that escapes is masked as INTERNAL_SERVER_ERROR with a correlation id.
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: { status: 401, message: 'Sign in first: the request carries no valid credentials.' },
  FORBIDDEN: { status: 403, message: 'Your role does not allow this action.' },
  NOT_FOUND: { status: 404, message: 'Nothing with that id exists in your tenant.' },
  BAD_USER_INPUT: { status: 400, message: 'The input is not valid.' },
  INVALID_CREDENTIALS: { status: 401, message: 'Email or password is wrong.' },
  LOGIN_THROTTLED: { status: 429, message: 'Too many sign-in attempts; wait before trying again.' },
  INVALID_TRANSITION: { status: 409, message: 'The order cannot move to that status from its current one.' },
  CONFLICT: { status: 409, message: 'That conflicts with existing data.' },
  INTERNAL_SERVER_ERROR: { status: 500, message: 'Something went wrong on our side.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export function appError(code: ErrorCode, message?: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message ?? ERROR_CODES[code].message, { extensions: { code, ...extra } });
}

/**
 * The same error, also setting the HTTP status of the whole response. Only for
 * failures before execution (authentication in a context function): inside a
 * resolver a non-200 answer would make the gateway discard the subgraph's
 * GraphQL errors and report a bare "404: Not Found" instead.
 */
export function httpError(code: ErrorCode, message?: string, extra: Record<string, unknown> = {}): GraphQLError {
  const { status, message: fallback } = ERROR_CODES[code];
  return new GraphQLError(message ?? fallback, { extensions: { code, ...extra, http: { status } } });
}

export function isAppErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && code in ERROR_CODES;
}
