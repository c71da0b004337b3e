import { eventually } from '@nexara/test-support';
import { randomUUID } from 'node:crypto';
import { freePorts, loadConfig, type Identity } from '@nexara/kit';
import { type Provider } from '@nexara/providers/display';
import { startProviderApi, type BuiltWebhook, type ProviderApi, type SimulatedConnection } from '@nexara/simulator';
import { createTestDatabase, testSecrets, type TestDatabase } from '@nexara/test-support';
import type { ConnectProviderRequest } from '../connections/connection.validation';
import type { ReceiveWebhookResult } from '../webhooks/webhook-inbox.service';
import { webhookWorkerConfigShape, type WebhookWorkerConfig } from '../worker/config';
import { createWebhookWorker, type WebhookWorker } from '../worker/webhook-worker';
import { aConnectProviderInput } from './connection-factory';
import type { GraphQLClient } from './graphql-client';
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
  /** Where the worker and callbacks look for the orders subgraph (nothing listens there unless the caller starts it). */
  ordersUrl: string;
  /** Connects a provider store for `tenantId` whose callbacks go to the simulator's provider API. */
  connect: (
    tenantId: string,
    provider: Provider,
    overrides?: Partial<ConnectProviderRequest>,
  ) => Promise<PipelineConnection>;
  /** What the shim would pass on for this built webhook, through the real `receiveWebhook` over HTTP. */
  receive: (
    connection: PipelineConnection,
    built: Pick<BuiltWebhook, 'provider' | 'method' | 'url' | 'headers' | 'body'>,
  ) => Promise<ReceiveWebhookResult>;
  /** A webhook worker in this process; stopped by `close` if the test does not stop it. */
  startWorker: (overrides?: Partial<Record<keyof WebhookWorkerConfig, string>>) => Promise<WebhookWorker>;
  workerConfig: (overrides?: Partial<Record<keyof WebhookWorkerConfig, string>>) => WebhookWorkerConfig;
  close: () => Promise<void>;
};

export type WebhookPipelineOptions = {
  /** The orders subgraph's URL; by default a free port where nothing listens (the subgraphs stay apart: docs/architecture.md). */
  ordersUrl?: string;
  /** Runs on `close` once the workers have stopped and before anything else goes (whatever the caller started beside the pipeline). */
  afterWorkersStop?: () => Promise<void>;
};

/**
 * A fresh database, the integrations subgraph and the simulator's provider
 * API for callbacks. The whole pipeline with a real orders subgraph behind
 * the worker is e2e/support/webhook-pipeline.ts.
 */
export async function startWebhookPipeline(options: WebhookPipelineOptions = {}): Promise<WebhookPipeline> {
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
  const ordersUrl = options.ordersUrl ?? `http://127.0.0.1:${(await freePorts(1))[0]}/graphql`;
  const workers: WebhookWorker[] = [];

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
    ordersUrl,
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
      await options.afterWorkersStop?.().catch(() => undefined);
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
