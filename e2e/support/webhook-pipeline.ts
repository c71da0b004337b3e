import { freePorts, loadConfig } from '@nexara/kit';
import {
  graphqlClient,
  startWebhookPipeline as startIntegrationsPipeline,
  type GraphQLClient,
  type WebhookPipeline as IntegrationsPipeline,
} from '@nexara/integrations/testing';
import { createOrdersServer, ordersConfigShape, type OrdersServer } from '@nexara/orders';
import { testSecrets } from '@nexara/test-support';

export {
  aDelivery,
  aPartner,
  aUser,
  backdateConnection,
  errorCodes,
  eventInStatus,
  eventually,
  queuedJobs,
  storedEvents,
  type PipelineConnection,
} from '@nexara/integrations/testing';

/** The integrations pipeline with a REAL orders subgraph behind its worker. */
export type WebhookPipeline = IntegrationsPipeline & {
  /** The orders subgraph (running or not), called as anyone. */
  orders: GraphQLClient;
  startOrders: () => Promise<void>;
  stopOrders: () => Promise<void>;
};

/**
 * A fresh database, the integrations subgraph, a real orders subgraph (on a
 * port fixed up front, so it can be stopped and started again under the
 * worker) and the simulator's provider API for callbacks: the webhook
 * pipeline from delivery to order, two subgraphs side by side, which is why
 * it lives in e2e/ (docs/architecture.md).
 */
export async function startWebhookPipeline(): Promise<WebhookPipeline> {
  const [ordersPort] = await freePorts(1);
  const ordersUrl = `http://127.0.0.1:${ordersPort}/graphql`;
  let ordersServer: OrdersServer | null = null;
  const stopOrders = async (): Promise<void> => {
    const server = ordersServer;
    ordersServer = null;
    await server?.close();
  };
  const pipeline = await startIntegrationsPipeline({ ordersUrl, afterWorkersStop: stopOrders });

  const startOrders = async (): Promise<void> => {
    if (ordersServer) return;
    const server = await createOrdersServer(
      loadConfig(ordersConfigShape, {
        DATABASE_URL: pipeline.db.serviceUrls.orders,
        INTERNAL_TOKEN_SECRET: testSecrets.internalTokenSecret,
        PORT: String(ordersPort),
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
      }),
    );
    await server.listen(ordersPort, '127.0.0.1');
    ordersServer = server;
  };
  try {
    await startOrders();
  } catch (error) {
    await pipeline.close();
    throw error;
  }

  return {
    ...pipeline,
    orders: graphqlClient(ordersUrl, testSecrets.internalTokenSecret),
    startOrders,
    stopOrders,
  };
}
