import { createLogger } from '@nexara/kit';
import { parse, type GraphQLError } from 'graphql';
import { gatewayErrorFormatter } from './hardening';
import { DEFAULT_QUERY_LIMITS } from './limits/query-limits';

const logger = createLogger('gateway-test', 'silent');

describe('gateway error formatting', () => {
  /** The syntax error Apollo Server's parse (`parseOptions.maxTokens`) raises. */
  const parseFailure = (source: string, maxTokens: number): GraphQLError => {
    try {
      parse(source, { maxTokens });
    } catch (error) {
      return error as GraphQLError;
    }
    throw new Error('expected the parser to stop');
  };

  it('reports the parser stopping at the token limit as TOO_MANY_TOKENS, naming the limit', () => {
    const error = parseFailure('{ a b c d e f }', 5);
    const formatted = gatewayErrorFormatter(logger, true, { ...DEFAULT_QUERY_LIMITS, maxTokens: 5 })(
      { message: error.message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
      error,
    );
    expect(formatted).toEqual({
      message: 'The query has more than 5 tokens; the limit is 5.',
      extensions: { code: 'TOO_MANY_TOKENS', limit: 5 },
    });
  });

  it('keeps other syntax errors as they are', () => {
    const formatted = gatewayErrorFormatter(
      logger,
      true,
      DEFAULT_QUERY_LIMITS,
    )({ message: 'Syntax Error: Expected Name, found <EOF>.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, null);
    expect(formatted.extensions?.['code']).toBe('GRAPHQL_PARSE_FAILED');
  });

  it.each([
    'QUERY_TOO_DEEP',
    'TOO_MANY_ALIASES',
    'QUERY_TOO_COSTLY',
    'PERSISTED_QUERY_NOT_ALLOWED',
    'RATE_LIMITED',
    'GATEWAY_TIMEOUT',
  ])('passes the gateway’s own %s through unmasked', (code) => {
    const formatted = gatewayErrorFormatter(
      logger,
      true,
      DEFAULT_QUERY_LIMITS,
    )({ message: 'readable', extensions: { code } }, null);
    expect(formatted).toEqual({ message: 'readable', extensions: { code } });
  });

  it('masks anything else in production, without stack traces or subgraph names', () => {
    const formatted = gatewayErrorFormatter(
      logger,
      true,
      DEFAULT_QUERY_LIMITS,
    )(
      {
        message: 'connect ECONNREFUSED 10.0.0.3:4003',
        extensions: { stacktrace: ['at x'], serviceName: 'integrations' },
      },
      new Error('connect ECONNREFUSED'),
    );
    expect(formatted.message).toMatch(/^Internal error; quote [0-9a-f-]{36} when reporting it\.$/);
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', correlationId: expect.any(String) });
  });

  it('keeps a subgraph’s client error but drops its subgraph name and stack trace in production', () => {
    const formatted = gatewayErrorFormatter(
      logger,
      true,
      DEFAULT_QUERY_LIMITS,
    )(
      {
        message: 'No order with that id.',
        extensions: { code: 'NOT_FOUND', serviceName: 'orders', stacktrace: ['at y'] },
      },
      null,
    );
    expect(formatted).toEqual({ message: 'No order with that id.', extensions: { code: 'NOT_FOUND' } });
  });
});
