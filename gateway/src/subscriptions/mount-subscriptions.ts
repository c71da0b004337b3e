import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApolloServer } from '@apollo/server';
import { contextTokenSigner, type EventBus, type Logger } from '@nexara/kit';
import type { FastifyInstance } from 'fastify';
import { buildSchema, type ExecutionResult } from 'graphql';
import type { WebSocketServer } from 'ws';
import type { SessionChecker } from '../auth/sessions';
import type { GatewayConfig } from '../config';
import { DEFAULT_QUERY_LIMITS } from '../graphql/limits/query-limits';
import type { GatewayContext } from '../graphql/subgraph-data-source';
import { loadTrustedDocuments } from '../graphql/trusted-documents';
import { PARTNER_PATH, type PartnerGateway } from '../partner/partner-gateway';
import { partnerSubscriberAuthenticator } from './partner-subscriber';
import { createSubscriptionServer, type DeliveryOutcome, type OperationRunner } from './subscription-server';
import { userSubscriberAuthenticator } from './user-subscriber';

/** Runs operations through `apollo` (the same pipeline, plugins and limits as HTTP) under a signed context token. */
function apolloRunner(apollo: ApolloServer<GatewayContext>, internalTokenSecret: string): OperationRunner {
  const signContext = contextTokenSigner(internalTokenSecret);
  return async (query, variables, identity, operationName, sourceAddress) => {
    const contextToken = await signContext(identity);
    const response = await apollo.executeOperation(
      { query, variables, operationName },
      { contextValue: { contextToken, requestId: randomUUID(), ...(sourceAddress ? { sourceAddress } : {}) } },
    );
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not supported over WebSocket');
    return response.body.singleResult as ExecutionResult;
  };
}

/**
 * Hands each HTTP upgrade to the WebSocket server of its path. Two
 * WebSocketServers attached to one HTTP server with `path` each answer
 * every upgrade (one aborts what the other accepts), so they run with
 * `noServer` and this one listener picks; any other path gets a 404.
 */
export function routeUpgrades(app: FastifyInstance, servers: ReadonlyMap<string, WebSocketServer>): void {
  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://gateway').pathname;
    const wsServer = servers.get(path);
    if (!wsServer) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    wsServer.handleUpgrade(request, socket, head, (ws) => wsServer.emit('connection', ws, request));
  });
}

/**
 * GraphQL over WebSocket (graphql-ws) on the gateway's own port, fed by the
 * event bus: dashboard users on `/graphql` (API schema), partners on
 * `/partner/graphql` (the public contract, API keys) when the partner API
 * is up.
 */
export function mountSubscriptions(
  app: FastifyInstance,
  apollo: ApolloServer<GatewayContext>,
  partner: PartnerGateway | null,
  config: GatewayConfig,
  logger: Logger,
  { bus, sessions }: { bus: EventBus; sessions: SessionChecker },
): {
  reReads: (path: string) => number;
  /** What became of the changes each path's subscriptions heard of, so far (see `DeliveryOutcome`). */
  deliveries: (path: string) => Readonly<Record<DeliveryOutcome, number>> | null;
  activeSubscriptions: (path: string) => number;
  /** WebSockets open now on a path, by graphql-ws's own count. */
  openSockets: (path: string) => number;
  paths: string[];
  close: () => Promise<void>;
} {
  const apiSchema = buildSchema(fs.readFileSync(config.API_SCHEMA_PATH, 'utf8'));
  const production = config.NODE_ENV === 'production';
  const log = logger.child({ component: 'subscriptions' });
  const socketRules = {
    limits: DEFAULT_QUERY_LIMITS,
    maxMessageBytes: config.WS_MAX_MESSAGE_BYTES,
    maxSubscriptionsPerSocket: config.MAX_SUBSCRIPTIONS_PER_SOCKET,
    maxSubscriptionsPerPrincipal: config.MAX_SUBSCRIPTIONS_PER_USER,
  };

  const servers = new Map([
    [
      '/graphql',
      createSubscriptionServer({
        schema: () => apiSchema,
        run: apolloRunner(apollo, config.INTERNAL_TOKEN_SECRET),
        bus,
        authenticate: userSubscriberAuthenticator(config.AUTH_TOKEN_SECRET, sessions),
        sessionRecheckMs: Math.max(config.SESSION_CACHE_MS, 1_000),
        production,
        logger: log,
        ...socketRules,
        trusted: loadTrustedDocuments(config.PERSISTED_DOCUMENTS_PATH),
      }),
    ],
  ]);
  if (partner) {
    servers.set(
      PARTNER_PATH,
      createSubscriptionServer({
        schema: () => partner.apiSchema,
        run: apolloRunner(partner.apollo, config.INTERNAL_TOKEN_SECRET),
        bus,
        authenticate: partnerSubscriberAuthenticator(partner, config.PARTNER_RATE_WINDOW_SECONDS),
        production,
        logger: log.child({ endpoint: 'partner' }),
        ...socketRules,
        // Partners are not browsers: no persisted-documents rule (as on HTTP).
        trusted: null,
      }),
    );
  }
  routeUpgrades(app, new Map([...servers].map(([path, server]) => [path, server.wsServer])));

  return {
    reReads: (path) => servers.get(path)?.reReads() ?? 0,
    deliveries: (path) => servers.get(path)?.deliveries() ?? null,
    activeSubscriptions: (path) => servers.get(path)?.active() ?? 0,
    openSockets: (path) => servers.get(path)?.wsServer.clients.size ?? 0,
    paths: [...servers.keys()],
    close: async () => {
      await Promise.all([...servers.values()].map((server) => server.close()));
    },
  };
}
