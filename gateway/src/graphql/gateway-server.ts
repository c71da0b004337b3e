import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import { ConfigError, contextTokenSigner, type Identity, type Logger } from '@nexara/kit';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateUser } from '../auth/authenticate';
import { forgetSessionOnLogout, type SessionChecker } from '../auth/sessions';
import type { GatewayConfig } from '../config';
import type { EntityCache } from './entity-cache';
import { hardenedApolloOptions } from './hardening';
import type { QueryPlanCacheStats } from './query-plan-stats';
import { DEFAULT_QUERY_LIMITS } from './limits/query-limits';
import { SubgraphDataSource, type GatewayContext } from './subgraph-data-source';
import { loadTrustedDocuments, trustedDocumentsPlugin } from './trusted-documents';

export function subgraphUrls(config: GatewayConfig): Record<string, string> {
  return {
    tenants: config.TENANTS_URL,
    orders: config.ORDERS_URL,
    integrations: config.INTEGRATIONS_URL,
    catalog: config.CATALOG_URL,
  };
}

/** An Apollo Gateway over a checked-in supergraph, sending every subgraph fetch through `SubgraphDataSource`. */
export function createSupergraphGateway(
  supergraphSdl: string,
  config: GatewayConfig,
  logger: Logger,
  planStats?: QueryPlanCacheStats,
  entityCache?: EntityCache,
): ApolloGateway {
  const urls = subgraphUrls(config);
  // Apollo Gateway (2.14) reports usage to Apollo's OTLP endpoint and probes the cloud providers' metadata
  // addresses (169.254.169.254) when constructed, unless APOLLO_TELEMETRY_DISABLED is set. A self-hosted hub
  // sends nothing to a third party unasked (docs/operations.md, "What leaves the machine"); an operator who
  // wants it sets APOLLO_TELEMETRY_DISABLED=false.
  process.env['APOLLO_TELEMETRY_DISABLED'] ??= 'true';
  return new ApolloGateway({
    supergraphSdl,
    experimental_didResolveQueryPlan: planStats?.observe,
    buildService: ({ name }) => {
      const url = urls[name];
      if (!url) throw new Error(`The supergraph names subgraph "${name}", which has no URL configured`);
      return new SubgraphDataSource({ url, timeoutMs: config.GRAPHQL_REQUEST_TIMEOUT_MS, subgraph: name, entityCache });
    },
    logger,
  });
}

/**
 * Transport errors on a GraphQL route (body over 1 MiB, malformed JSON) in
 * the GraphQL error shape, so clients parse one kind of answer.
 */
export function graphqlTransportErrorHandler(logger: Logger) {
  return (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
    const status = error.statusCode ?? 500;
    const [code, message] =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? ['PAYLOAD_TOO_LARGE', 'The request body is over 1 MiB.']
        : status < 500
          ? ['BAD_REQUEST', error.message]
          : ['INTERNAL_SERVER_ERROR', 'Something went wrong on our side.'];
    if (status >= 500) logger.error({ err: error }, 'GraphQL transport error');
    return reply
      .code(status)
      .type('application/json')
      .send({ errors: [{ message, extensions: { code } }] });
  };
}

/**
 * Whether production `/graphql` runs only the dashboard's persisted
 * documents for this request: for browsers (they send `Origin`) and for
 * anonymous callers (who can do nothing but sign in). An integration with a
 * valid token and no `Origin` may send any operation; the limits still apply.
 */
export function requiresTrustedDocuments(
  headers: Record<string, string | string[] | undefined>,
  identity: Identity,
): boolean {
  return headers['origin'] !== undefined || identity.kind === 'anonymous';
}

/**
 * Apollo Gateway over the checked-in supergraph, mounted on `/graphql`.
 * Each request's caller is authenticated once here and travels to the
 * subgraphs as a signed context token.
 */
export async function mountGateway(
  app: FastifyInstance,
  config: GatewayConfig,
  logger: Logger,
  sessions: SessionChecker,
  planStats?: QueryPlanCacheStats,
  entityCache?: EntityCache,
): Promise<ApolloServer<GatewayContext>> {
  const production = config.NODE_ENV === 'production';
  const trusted = loadTrustedDocuments(config.PERSISTED_DOCUMENTS_PATH);
  if (production && !trusted) {
    throw new ConfigError([
      `PERSISTED_DOCUMENTS_PATH: ${config.PERSISTED_DOCUMENTS_PATH} does not exist; production needs the dashboard's persisted documents`,
    ]);
  }
  const hardening = hardenedApolloOptions<GatewayContext>({
    production,
    logger,
    limits: DEFAULT_QUERY_LIMITS,
    introspection: !production,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway: createSupergraphGateway(
      fs.readFileSync(config.SUPERGRAPH_PATH, 'utf8'),
      config,
      logger,
      planStats,
      entityCache,
    ),
    ...hardening,
    plugins: [
      fastifyApolloDrainPlugin(app),
      ...hardening.plugins,
      ...(trusted ? [trustedDocumentsPlugin(trusted)] : []),
      forgetSessionOnLogout(sessions),
    ],
  });
  await apollo.start();

  const signContext = contextTokenSigner(config.INTERNAL_TOKEN_SECRET);
  await app.register(async (scope) => {
    scope.setErrorHandler(graphqlTransportErrorHandler(logger));
    scope.route({
      method: ['GET', 'POST'],
      url: '/graphql',
      handler: fastifyApolloHandler(apollo, {
        context: async (request) => {
          const requestId = randomUUID();
          const deadline = Date.now() + config.GRAPHQL_REQUEST_TIMEOUT_MS;
          const identity = await authenticateUser(request.headers, config.AUTH_TOKEN_SECRET, sessions);
          const contextToken = await signContext(identity);
          const trustedDocumentsOnly = production && requiresTrustedDocuments(request.headers, identity);
          // Subgraphs answer a user what its tenant and role allow, so cached names are shared by exactly those.
          const entityCacheScope =
            identity.kind === 'user' ? { tenantId: identity.tenantId, partition: `user:${identity.role}` } : undefined;
          return {
            contextToken,
            requestId,
            deadline,
            trustedDocumentsOnly,
            sourceAddress: request.ip,
            ...(identity.kind === 'user' && identity.sessionId ? { sessionId: identity.sessionId } : {}),
            ...(entityCacheScope ? { entityCacheScope } : {}),
          };
        },
      }),
    });
  });
  return apollo;
}
