import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { maskingErrorFormatter, type Logger } from '@nexara/kit';
import type { GraphQLFormattedError } from 'graphql';
import { QUERY_LIMIT_CODES, isTokenLimitMessage, tooManyTokensError, type QueryLimits } from './limits/query-limits';
import { queryLimitsPlugin } from './limits/query-limits-plugin';

/** Codes the gateway itself raises; their messages are written for clients and pass unmasked. */
export const GATEWAY_ERROR_CODES: ReadonlySet<string> = new Set([
  ...QUERY_LIMIT_CODES,
  'PERSISTED_QUERY_NOT_ALLOWED',
  'RATE_LIMITED',
  'GATEWAY_TIMEOUT',
]);

/** Extensions that only help someone who can read the code; production answers keep none of them. */
const INTERNAL_EXTENSIONS = ['stacktrace', 'exception', 'serviceName'];

/**
 * The kit's masking (unknown errors become INTERNAL_SERVER_ERROR with a
 * logged correlation id), plus the gateway's own codes: the parser's
 * token-limit syntax error is reported as TOO_MANY_TOKENS, and in production
 * no answer carries a stack trace or the name of a subgraph.
 */
export function gatewayErrorFormatter(logger: Logger, production: boolean, limits: QueryLimits) {
  const mask = maskingErrorFormatter(logger, production);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.['code'];
    let result: GraphQLFormattedError;
    if (code === 'GRAPHQL_PARSE_FAILED' && isTokenLimitMessage(formatted.message)) {
      const { message, extensions } = tooManyTokensError(limits.maxTokens);
      const { http: _http, ...visible } = extensions;
      result = { message, extensions: visible };
    } else if (typeof code === 'string' && GATEWAY_ERROR_CODES.has(code)) {
      result = formatted;
    } else {
      result = mask(formatted, error);
    }
    if (!production || !result.extensions) return result;
    const extensions = Object.fromEntries(
      Object.entries(result.extensions).filter(([key]) => !INTERNAL_EXTENSIONS.includes(key)),
    );
    return { ...result, extensions };
  };
}

export type HardeningOptions = {
  production: boolean;
  logger: Logger;
  limits: QueryLimits;
  /** Partners may always introspect their contract; the dashboard API only outside production. */
  introspection: boolean;
};

/**
 * The settings both GraphQL endpoints share: limits, no batching, CSRF
 * prevention, parse-time token limit, masked errors, and in production no
 * stack traces, no "Did you mean" suggestions and no Sandbox.
 */
export function hardenedApolloOptions<TContext extends BaseContext>(
  options: HardeningOptions,
): Pick<
  ApolloServerOptions<TContext>,
  | 'introspection'
  | 'includeStacktraceInErrorResponses'
  | 'hideSchemaDetailsFromClientErrors'
  | 'allowBatchedHttpRequests'
  | 'csrfPrevention'
  | 'parseOptions'
  | 'maxRecursiveSelections'
  | 'formatError'
> & { plugins: ApolloServerPlugin<TContext>[] } {
  const { production, logger, limits } = options;
  return {
    introspection: options.introspection,
    includeStacktraceInErrorResponses: !production,
    // Strips "Did you mean ...?" from validation errors: suggestions would reveal fields introspection hides.
    hideSchemaDetailsFromClientErrors: production && !options.introspection,
    allowBatchedHttpRequests: false,
    // Requires a preflighted content type or an Apollo header, so a browser form or image tag cannot send an operation.
    csrfPrevention: true,
    parseOptions: { maxTokens: limits.maxTokens },
    // Bounds the work validation does on fragments spread inside fragments.
    maxRecursiveSelections: true,
    formatError: gatewayErrorFormatter(logger, production, limits),
    plugins: [
      queryLimitsPlugin<TContext>(limits),
      production
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
    ],
  };
}
