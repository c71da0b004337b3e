import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { httpError, isAppErrorCode } from './errors';
import { CONTEXT_TOKEN_HEADER, SOURCE_ADDRESS_HEADER, contextTokenVerifier, type Identity } from './identity';
import type { Logger } from './logger';
import { activeTraceId } from './tracing';
import {
  createMetricsRegistry,
  instrumentHttpServer,
  observeConnectionPools,
  type PoolCounters,
  type Registry,
} from './metrics';

export type RequestContext = {
  identity: Identity;
  /** Correlates logs across gateway and subgraphs; echoed in masked errors. */
  requestId: string;
  /** The client's address as the gateway saw it (absent on service-to-service calls). */
  sourceAddress?: string;
  logger: Logger;
};

export type SubgraphServerOptions = {
  name: string;
  schema: GraphQLSchema;
  /** Key that verifies the context token minted by the gateway or another service. */
  contextTokenSecret: string;
  logger: Logger;
  production: boolean;
  /** Throws when the service cannot serve (database unreachable): drives /readyz. */
  checkReady: () => Promise<void>;
  /** Largest request body accepted (default 1 MiB). */
  bodyLimit?: number;
  /** The service's Prometheus registry, served on `/metrics` (one is made when none is given). */
  metrics?: Registry;
  /** Connection pools whose usage `/metrics` shows, by name. */
  pools?: Record<string, () => PoolCounters | null>;
  /** Accept a JSON array of operations in one request, run side by side (Apollo's batching; off by default). */
  allowBatchedHttpRequests?: boolean;
};

export type RunningServer = {
  app: FastifyInstance;
  /** What `/metrics` serves. */
  metrics: Registry;
  listen: (port: number, host?: string) => Promise<string>;
  close: () => Promise<void>;
};

/** Codes GraphQL itself produces for client mistakes; safe to show as they are. */
const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'ARGUMENT_VALIDATION_ERROR',
]);

/**
 * Errors a client may see keep their code and message; anything else becomes
 * INTERNAL_SERVER_ERROR with a correlation id that also appears in the log
 * next to the real error, so support can find it without leaking internals.
 */
export function maskingErrorFormatter(logger: Logger, production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.['code'];
    if (isAppErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') return formatted;
    if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) return formatted;
    // Already masked by the subgraph that raised it: keep its correlation id.
    if (code === 'INTERNAL_SERVER_ERROR' && formatted.extensions?.['correlationId']) return formatted;
    const correlationId = randomUUID();
    logger.error({ err: error, correlationId, path: formatted.path }, 'unexpected error in resolver');
    // With tracing on, the request's trace id too: the whole request in the trace viewer (docs/operations.md).
    const traceId = activeTraceId();
    return {
      message: production ? `Internal error; quote ${correlationId} when reporting it.` : formatted.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId, ...(traceId ? { traceId } : {}) },
    };
  };
}

/** One HTTP server per subgraph: POST /graphql (context token required), /healthz, /readyz, /metrics. */
export async function createSubgraphServer(options: SubgraphServerOptions): Promise<RunningServer> {
  const app = Fastify({ logger: false, bodyLimit: options.bodyLimit ?? 1024 * 1024 });
  const { logger } = options;
  const metrics = options.metrics ?? createMetricsRegistry(options.name);
  instrumentHttpServer(app, metrics);
  observeConnectionPools(metrics, options.pools ?? {});

  const logErrors: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (error.extensions?.['code'] === 'UNAUTHENTICATED') contextValue?.logger?.warn({ msg: error.message });
          }
        },
      };
    },
  };

  const apollo = new ApolloServer<RequestContext>({
    schema: options.schema,
    introspection: !options.production,
    includeStacktraceInErrorResponses: !options.production,
    formatError: maskingErrorFormatter(logger, options.production),
    allowBatchedHttpRequests: options.allowBatchedHttpRequests ?? false,
    // No Apollo usage reporting here, so no inline traces either (and no log line announcing them).
    // No cache control: no field has a cache hint and nothing caches our answers (the gateway reads a subgraph
    // answer without a Cache-Control header as uncacheable, as it read our `no-store`). Apollo Server's default
    // cache control plugin hooks into every resolved field (willResolveField): on orderMetrics, a week by hour
    // of 840 buckets, that was about a third of the orders subgraph's GraphQL execution (docs/architecture.md,
    // "Order metrics").
    plugins: [
      fastifyApolloDrainPlugin(app),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      logErrors,
    ],
  });
  await apollo.start();

  app.get('/healthz', async () => ({ status: 'ok', service: options.name }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await options.checkReady();
      return { status: 'ready', service: options.name };
    } catch (error) {
      logger.warn({ err: error }, 'not ready');
      return reply.code(503).send({ status: 'unavailable', service: options.name });
    }
  });

  const verifyToken = contextTokenVerifier(options.contextTokenSecret);
  await app.register(fastifyApollo(apollo), {
    path: '/graphql',
    method: ['POST'],
    context: async (request) => {
      const requestId = String(request.headers['x-request-id'] ?? randomUUID());
      const token = request.headers[CONTEXT_TOKEN_HEADER];
      if (typeof token !== 'string' || token.length === 0) {
        throw httpError(
          'UNAUTHENTICATED',
          'Requests to this service must come through the gateway (no context token).',
        );
      }
      const identity = await verifyToken(token);
      const tenantId = 'tenantId' in identity ? identity.tenantId : null;
      const source = request.headers[SOURCE_ADDRESS_HEADER];
      return {
        identity,
        requestId,
        logger: logger.child(tenantId ? { requestId, tenantId } : { requestId }),
        ...(typeof source === 'string' && source.length > 0 && source.length <= 100 ? { sourceAddress: source } : {}),
      };
    },
  });

  return {
    app,
    metrics,
    listen: async (port, host = '127.0.0.1') => app.listen({ port, host }),
    close: async () => {
      await app.close();
    },
  };
}
