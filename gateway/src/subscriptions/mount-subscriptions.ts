import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import { ConfigError, createEventBus, signContextToken, type EventBus, type Logger } from '@nexara/kit';
import type { FastifyInstance } from 'fastify';
import { buildSchema, type ExecutionResult } from 'graphql';
import type { GatewayConfig } from '../config';
import type { GatewayContext } from '../graphql/subgraph-data-source';
import { attachSubscriptionServer, type OperationRunner } from './subscription-server';

/** Subscriptions (and queries/mutations) over graphql-ws on the gateway's `/graphql`, fed by the event bus. */
export function mountSubscriptions(
  app: FastifyInstance,
  apollo: ApolloServer<GatewayContext>,
  config: GatewayConfig,
  logger: Logger,
): { bus: EventBus; close: () => Promise<void> } {
  if (!config.REDIS_URL && !config.EVENT_BUS_DATABASE_URL) {
    throw new ConfigError(['EVENT_BUS_DATABASE_URL or REDIS_URL must be set (the event bus that feeds subscriptions)']);
  }
  const bus = createEventBus({ redisUrl: config.REDIS_URL, databaseUrl: config.EVENT_BUS_DATABASE_URL ?? '', logger });
  const apiSchema = buildSchema(fs.readFileSync(config.API_SCHEMA_PATH, 'utf8'));

  const run: OperationRunner = async (query, variables, identity, operationName) => {
    const contextToken = await signContextToken(identity, config.INTERNAL_TOKEN_SECRET);
    const response = await apollo.executeOperation(
      { query, variables, operationName },
      { contextValue: { contextToken, requestId: randomUUID() } },
    );
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not supported over WebSocket');
    return response.body.singleResult as ExecutionResult;
  };

  const subscriptions = attachSubscriptionServer({
    server: app.server,
    path: '/graphql',
    schema: () => apiSchema,
    run,
    bus,
    authTokenSecret: config.AUTH_TOKEN_SECRET,
    logger: logger.child({ component: 'subscriptions' }),
  });
  return {
    bus,
    close: async () => {
      await subscriptions.close();
      await bus.close();
    },
  };
}
