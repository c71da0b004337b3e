import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import { maskingErrorFormatter, signContextToken, type Logger } from '@nexara/kit';
import type { FastifyInstance } from 'fastify';
import { authenticateUser } from '../auth/authenticate';
import type { GatewayConfig } from '../config';
import { SubgraphDataSource, type GatewayContext } from './subgraph-data-source';

export function subgraphUrls(config: GatewayConfig): Record<string, string> {
  return { tenants: config.TENANTS_URL, orders: config.ORDERS_URL, integrations: config.INTEGRATIONS_URL };
}

/**
 * Apollo Gateway over the checked-in supergraph, mounted on `/graphql`.
 * Each request's caller is authenticated once here and travels to the
 * subgraphs as a signed context token.
 */
export async function mountGateway(app: FastifyInstance, config: GatewayConfig, logger: Logger): Promise<ApolloServer<GatewayContext>> {
  const production = config.NODE_ENV === 'production';
  const urls = subgraphUrls(config);
  const gateway = new ApolloGateway({
    supergraphSdl: fs.readFileSync(config.SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name }) => {
      const url = urls[name];
      if (!url) throw new Error(`The supergraph names subgraph "${name}", which has no URL configured`);
      return new SubgraphDataSource({ url });
    },
    logger,
  });

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    formatError: maskingErrorFormatter(logger, production),
    plugins: [
      fastifyApolloDrainPlugin(app),
      production
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
    ],
  });
  await apollo.start();

  await app.register(fastifyApollo(apollo), {
    path: '/graphql',
    method: ['GET', 'POST'],
    context: async (request) => {
      const requestId = randomUUID();
      const identity = await authenticateUser(request.headers, config.AUTH_TOKEN_SECRET);
      const contextToken = await signContextToken(identity, config.INTERNAL_TOKEN_SECRET);
      return { contextToken, requestId };
    },
  });
  return apollo;
}
