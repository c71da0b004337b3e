import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import { contextTokenSigner, type Logger } from '@nexara/kit';
import type { FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import { createApiKeyAuthenticator, type ApiKeyAuthenticator } from '../auth/api-keys';
import { authenticatePartner } from '../auth/authenticate';
import type { GatewayConfig } from '../config';
import { createSupergraphGateway, graphqlTransportErrorHandler } from '../graphql/gateway-server';
import { hardenedApolloOptions } from '../graphql/hardening';
import type { QueryPlanCacheStats } from '../graphql/query-plan-stats';
import { DEFAULT_QUERY_LIMITS } from '../graphql/limits/query-limits';
import type { GatewayContext } from '../graphql/subgraph-data-source';
import type { LimiterStore } from '../rate-limit-store';
import { createRateLimit, rateLimitedError, rateLimitHeaders } from './partner-rate-limit';

export const PARTNER_PATH = '/partner/graphql';

/** Whether the composed contract has anything in it (`npm run compose` writes a placeholder while nothing is tagged public). */
export function isSupergraph(sdl: string): boolean {
  return /@link\(url: "https:\/\/specs\.apollo\.dev\/link\//.test(sdl);
}

/** What the partner endpoint's WebSocket side shares with its HTTP side: the gateway, its schema, key checks and per-key limits. */
export type PartnerGateway = {
  apollo: ApolloServer<GatewayContext>;
  /** The public contract as partners see it (the same schema `gateway/schema/public.graphql` holds). */
  apiSchema: GraphQLSchema;
  authenticateApiKey: ApiKeyAuthenticator;
  perKey: ReturnType<typeof createRateLimit>;
};

/**
 * The partner API on `/partner/graphql`: a second Apollo Gateway over the
 * public contract (the supergraph with everything not tagged `public`
 * @inaccessible), so partners can neither query nor introspect anything
 * else. API keys only; each key has its own rate limit, reported in
 * `RateLimit-*` headers on every answer. graphql-ws on the same path is
 * mounted with the other WebSocket endpoints (`mountSubscriptions`).
 */
export async function mountPartnerGateway(
  app: FastifyInstance,
  config: GatewayConfig,
  logger: Logger,
  options: { authenticateApiKey?: ApiKeyAuthenticator; planStats?: QueryPlanCacheStats; limiters?: LimiterStore } = {},
): Promise<PartnerGateway | null> {
  const log = logger.child({ component: 'partner' });
  const sdl = fs.existsSync(config.PARTNER_SUPERGRAPH_PATH)
    ? fs.readFileSync(config.PARTNER_SUPERGRAPH_PATH, 'utf8')
    : '';
  if (!isSupergraph(sdl)) {
    log.warn(
      { path: config.PARTNER_SUPERGRAPH_PATH },
      'no public contract: nothing is tagged public yet; /partner/graphql answers 503',
    );
    app.all(PARTNER_PATH, async (_request, reply) =>
      reply.code(503).send({
        errors: [{ message: 'The partner API has no public schema yet.', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
      }),
    );
    return null;
  }

  const production = config.NODE_ENV === 'production';
  const authenticateApiKey =
    options.authenticateApiKey ??
    createApiKeyAuthenticator({
      tenantsUrl: config.TENANTS_URL,
      internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
      cacheMs: config.PARTNER_KEY_CACHE_MS,
      timeoutMs: config.GRAPHQL_REQUEST_TIMEOUT_MS,
    });
  const perKey = createRateLimit({
    keyPrefix: 'partner-key',
    limit: config.PARTNER_RATE_LIMIT,
    windowSeconds: config.PARTNER_RATE_WINDOW_SECONDS,
    ...(options.limiters ? { store: options.limiters } : {}),
  });

  // Partners always see the contract's schema (introspection, Sandbox in development): it is public by definition.
  const hardening = hardenedApolloOptions<GatewayContext>({
    production,
    logger: log,
    limits: DEFAULT_QUERY_LIMITS,
    introspection: true,
  });
  const gateway = createSupergraphGateway(sdl, config, log, options.planStats);
  // The contract's API schema, exactly as this gateway serves it (what WebSocket operations are validated against).
  const loaded: { apiSchema?: GraphQLSchema } = {};
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => (loaded.apiSchema = apiSchema));
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...hardening,
    plugins: [fastifyApolloDrainPlugin(app), ...hardening.plugins],
  });
  await apollo.start();
  const apiSchema = loaded.apiSchema;
  if (!apiSchema) throw new Error('the partner gateway started without a schema');

  const signContext = contextTokenSigner(config.INTERNAL_TOKEN_SECRET);
  await app.register(async (scope) => {
    scope.setErrorHandler(graphqlTransportErrorHandler(log));
    scope.route({
      method: ['GET', 'POST'],
      url: PARTNER_PATH,
      handler: fastifyApolloHandler(apollo, {
        context: async (request, reply) => {
          const requestId = randomUUID();
          const deadline = Date.now() + config.GRAPHQL_REQUEST_TIMEOUT_MS;
          // No limit per client address before this: behind a load balancer every partner shares one,
          // and guessing a 256-bit key is hopeless anyway. A lookup is one indexed hash match.
          const identity = await authenticatePartner(request.headers, authenticateApiKey);
          const state = await perKey.consume(identity.apiKeyId);
          void reply.headers(rateLimitHeaders(state));
          if (!state.allowed) throw rateLimitedError(state, config.PARTNER_RATE_WINDOW_SECONDS, 'http');
          const contextToken = await signContext(identity);
          return { contextToken, requestId, deadline };
        },
      }),
    });
  });
  return { apollo, apiSchema, authenticateApiKey, perKey };
}
