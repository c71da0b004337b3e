import { eventually } from '@nexara/test-support';
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { loadConfig, type Identity } from '@nexara/kit';
import { type Provider } from '@nexara/providers/display';
import { createOrdersServer, ordersConfigShape, type OrdersServer } from '@nexara/orders';
import { startProviderApi, type BuiltWebhook, type ProviderApi, type SimulatedConnection } from '@nexara/simulator';
import { createTestDatabase, testSecrets, type TestDatabase } from '@nexara/test-support';
import type { ConnectProviderRequest } from '../connections/connection.validation';
import type { ReceiveWebhookResult } from '../webhooks/webhook-inbox.service';
import { webhookWorkerConfigShape, type WebhookWorkerConfig } from '../worker/config';
import { createWebhookWorker, type WebhookWorker } from '../worker/webhook-worker';
import { aConnectProviderInput } from './connection-factory';
import { graphqlClient, type GraphQLClient } from './graphql-client';
import { tenantAdmin } from './identities';
import { startIntegrations, TEST_EGRESS_ALLOW, type RunningIntegrations } from './integrations-test-server';

/** A connected provider store, as the simulator needs it to sign webhooks, plus our ids. */
export type PipelineConnection = SimulatedConnection & { id: string; tenantId: string; connectionKey: string };

/** The webhook shim's identity, exactly as the gateway signs it. */
export const WEBHOOK_SHIM: Identity = { kind: 'service', service: 'webhook-shim', tenantId: null };

const RECEIVE = `mutation Receive($input: ReceiveWebhookInput!) {
  receiveWebhook(input: $input) { verdict httpStatus responseBody eventId errorCode }
}`;

export type WebhookPipeline = {
  db: TestDatabase;
  integrations: RunningIntegrations;
  providerApi: ProviderApi;
  /** The integrations subgraph, called as anyone. */
  graphql: GraphQLClient;
  /** The orders subgraph (running or not), called as anyone. */
  orders: GraphQLClient;
  ordersUrl: string;
  startOrders: () => Promise<void>;
  stopOrders: () => Promise<void>;
  /** Connects a provider store for `tenantId` whose callbacks go to the simulator's provider API. */
  connect: (
    tenantId: string,
    provider: Provider,
    overrides?: Partial<ConnectProviderRequest>,
  ) => Promise<PipelineConnection>;
  /** What the shim would pass on for this built webhook, through the real `receiveWebhook` over HTTP. */
  receive: (connection: PipelineConnection, built: BuiltWebhook) => Promise<ReceiveWebhookResult>;
  /** A webhook worker in this process; stopped by `close` if the test does not stop it. */
  startWorker: (overrides?: Partial<Record<keyof WebhookWorkerConfig, string>>) => Promise<WebhookWorker>;
  workerConfig: (overrides?: Partial<Record<keyof WebhookWorkerConfig, string>>) => WebhookWorkerConfig;
  close: () => Promise<void>;
};

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A fresh database, the integrations subgraph, a REAL orders subgraph (on a
 * port fixed up front, so it can be stopped and started again under the
 * worker), and the simulator's provider API for callbacks.
 */
export async function startWebhookPipeline(): Promise<WebhookPipeline> {
  const db = await createTestDatabase();
  const providerApi = await startProviderApi();
  // Callbacks may reach the simulator's provider APIs (and the factory's default, where nothing listens).
  const egressAllow = `${new URL(providerApi.url).host},${TEST_EGRESS_ALLOW}`;
  const integrations = await startIntegrations({
    databaseUrl: db.serviceUrls.integrations,
    internalTokenSecret: testSecrets.internalTokenSecret,
    encryptionKeys: testSecrets.secretsEncryptionKey,
    env: { EGRESS_ALLOW: egressAllow },
  });
  const ordersPort = await freePort();
  const ordersUrl = `http://127.0.0.1:${ordersPort}/graphql`;
  let ordersServer: OrdersServer | null = null;
  const workers: WebhookWorker[] = [];

  const startOrders = async (): Promise<void> => {
    if (ordersServer) return;
    const server = await createOrdersServer(
      loadConfig(ordersConfigShape, {
        DATABASE_URL: db.serviceUrls.orders,
        INTERNAL_TOKEN_SECRET: testSecrets.internalTokenSecret,
        PORT: String(ordersPort),
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
      }),
    );
    await server.listen(ordersPort, '127.0.0.1');
    ordersServer = server;
  };
  const stopOrders = async (): Promise<void> => {
    const server = ordersServer;
    ordersServer = null;
    await server?.close();
  };
  await startOrders();

  const workerConfig = (overrides: Partial<Record<keyof WebhookWorkerConfig, string>> = {}): WebhookWorkerConfig =>
    loadConfig(webhookWorkerConfigShape, {
      DATABASE_URL: db.serviceUrls.integrations,
      INTERNAL_TOKEN_SECRET: testSecrets.internalTokenSecret,
      SECRETS_ENCRYPTION_KEYS: testSecrets.secretsEncryptionKey,
      ORDERS_URL: ordersUrl,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      WORKER_CONCURRENCY: '4',
      RETRY_BASE_MS: '20',
      RETRY_MAX_MS: '100',
      WORKER_POLL_INTERVAL_MS: '50',
      EGRESS_ALLOW: egressAllow,
      ...overrides,
    });

  return {
    db,
    integrations,
    providerApi,
    graphql: integrations.graphql,
    orders: graphqlClient(ordersUrl, testSecrets.internalTokenSecret),
    ordersUrl,
    startOrders,
    stopOrders,
    workerConfig,
    connect: async (tenantId, provider, overrides = {}) => {
      const { connection, secret } = await integrations.server.services.connections.connectProvider(
        tenantAdmin(tenantId),
        aConnectProviderInput({
          provider,
          currency: 'SAR',
          externalStoreId: `store-${randomUUID().slice(0, 8)}`,
          apiBaseUrl: providerApi.baseUrl(provider),
          ...overrides,
        }),
      );
      return {
        provider,
        id: connection.id,
        tenantId,
        webhookUrl: connection.webhookUrl,
        connectionKey: connection.webhookUrl.split('/').pop()!,
        secret,
        externalStoreId: connection.externalStoreId,
        currency: connection.currency,
      };
    },
    receive: async (connection, built) => {
      const subPath = built.url
        .slice(connection.webhookUrl.length)
        .split('/')
        .filter((segment) => segment.length > 0)
        .map((segment) => decodeURIComponent(segment))
        .join('/');
      const response = await integrations.graphql<{ receiveWebhook: ReceiveWebhookResult }>(
        RECEIVE,
        {
          input: {
            provider: built.provider,
            connectionKey: connection.connectionKey,
            method: built.method,
            subPath,
            headers: built.headers,
            bodyBase64: Buffer.from(built.body, 'utf8').toString('base64'),
            receivedAt: new Date().toISOString(),
          },
        },
        WEBHOOK_SHIM,
      );
      if (!response.data) throw new Error(`receiveWebhook failed: ${JSON.stringify(response.errors)}`);
      return response.data.receiveWebhook;
    },
    startWorker: async (overrides = {}) => {
      const worker = await createWebhookWorker(workerConfig(overrides));
      workers.push(worker);
      return worker;
    },
    close: async () => {
      await Promise.allSettled(workers.map((worker) => worker.stop()));
      await stopOrders().catch(() => undefined);
      await providerApi.close();
      await integrations.server.close();
      await db.drop();
    },
  };
}

export { eventually };

export type StoredEvent = {
  id: string;
  connection_id: string;
  status: string;
  attempts: number;
  replays: number;
  last_error: string | null;
  idempotency_key: string;
  headers: Record<string, string>;
  body: Buffer;
  order_ids: string[];
  processing_ms: number | null;
  next_attempt_at: Date | null;
};

/** Every stored event of a connection (as superuser), oldest first. */
export async function storedEvents(db: TestDatabase, connectionId: string): Promise<StoredEvent[]> {
  return db.queryAsAdmin<StoredEvent>(
    `select id, connection_id, status, attempts, replays, last_error, idempotency_key, headers, body,
            order_ids::text[] as order_ids, processing_ms, next_attempt_at
       from integrations.webhook_events where connection_id = $1 order by received_at, id`,
    [connectionId],
  );
}

/** Waits until the event reaches `status`, and answers its row; on timeout says where it was instead. */
export async function eventInStatus(
  db: TestDatabase,
  eventId: string,
  status: string,
  timeoutMs = 20_000,
): Promise<StoredEvent> {
  let last: StoredEvent | undefined;
  try {
    return await eventually(
      async () => {
        [last] = await db.queryAsAdmin<StoredEvent>(
          `select id, connection_id, status, attempts, replays, last_error, idempotency_key, headers, body,
                  order_ids::text[] as order_ids, processing_ms, next_attempt_at
             from integrations.webhook_events where id = $1`,
          [eventId],
        );
        return last?.status === status ? last : undefined;
      },
      timeoutMs,
      `webhook event ${eventId} to be ${status}`,
    );
  } catch (error) {
    const where = last
      ? `${last.status} after ${last.attempts} attempts, last error: ${last.last_error}`
      : 'not stored';
    throw new Error(`${(error as Error).message} (it is ${where})`);
  }
}
