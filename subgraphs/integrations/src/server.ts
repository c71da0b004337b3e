import {
  createDataSource,
  createEventBus,
  createLogger,
  createMetricsRegistry,
  createSubgraphServer,
  dataSourcePool,
  type Logger,
  type RunningServer,
} from '@nexara/kit';
import type { DataSource } from 'typeorm';
import type { IntegrationsConfig } from './config';
import { AlertService } from './alerts/alert.service';
import { AuditService } from './audit/audit.service';
import { TestWebhookService } from './connections/test-webhook.service';
import { integrationsDatabase } from './database';
import { integrationEventsOn } from './events/integration-events';
import { integrationsMetrics } from './metrics';
import { ConnectionHealthService } from './health/connection-health.service';
import { buildIntegrationsSchema, type IntegrationsServices } from './schema';
import { secretBoxFromConfig } from './secrets/secret-box';
import { ConnectionDirectory, openConnections } from './webhooks/connection-directory';
import { WebhookEventService } from './webhooks/webhook-event.service';
import { WebhookInboxService } from './webhooks/webhook-inbox.service';

export type IntegrationsServer = RunningServer & {
  dataSource: DataSource;
  /** Service functions for in-process callers (webhook shim, worker, tests). */
  services: IntegrationsServices;
  /** Connections by webhook key, cached; invalidated across instances by LISTEN. */
  directory: ConnectionDirectory;
};

export async function createIntegrationsServer(
  config: IntegrationsConfig,
  options: { logger?: Logger } = {},
): Promise<IntegrationsServer> {
  const logger = options.logger ?? createLogger('integrations', config.LOG_LEVEL);
  // Before any connection is opened: a bad key list must stop the service, naming the variable.
  const secretBox = secretBoxFromConfig(config.SECRETS_ENCRYPTION_KEYS);
  const dataSource = createDataSource({ url: config.DATABASE_URL, ...integrationsDatabase, poolSize: 10 });
  await dataSource.initialize();
  const bus = createEventBus({ redisUrl: config.REDIS_URL, databaseUrl: config.DATABASE_URL, logger });
  const events = integrationEventsOn(bus, logger);
  const registry = createMetricsRegistry('integrations');
  const metrics = integrationsMetrics(registry);
  let directory: ConnectionDirectory | null = null;
  try {
    const audit = new AuditService({ dataSource, logger });
    const opened = await openConnections({ dataSource, secretBox, audit, logger, config });
    directory = opened.directory;
    const connections = opened.connections;
    connections.onConnectionChanged((_key, connection) => events.connectionChanged(connection.tenantId, connection.id));
    const testWebhooks = new TestWebhookService({
      dataSource,
      connections,
      audit,
      targetUrl: config.WEBHOOK_TARGET_URL ?? config.PUBLIC_URL,
      logger,
    });
    const webhookInbox = new WebhookInboxService({ dataSource, directory, audit, logger, events, metrics });
    const webhookEvents = new WebhookEventService({ dataSource, audit, logger, events });
    const health = new ConnectionHealthService({ dataSource, events });
    const alerts = new AlertService({ dataSource, events, audit, logger });
    const services: IntegrationsServices = {
      connections,
      audit,
      testWebhooks,
      webhookInbox,
      webhookEvents,
      health,
      alerts,
    };
    const { schema } = await buildIntegrationsSchema(services);
    const server = await createSubgraphServer({
      name: 'integrations',
      schema,
      metrics: registry,
      pools: { integrations: dataSourcePool(dataSource) },
      contextTokenSecret: config.INTERNAL_TOKEN_SECRET,
      // A webhook of up to 1 MiB arrives base64-encoded inside a GraphQL request: a third larger, plus the envelope.
      bodyLimit: 2 * 1024 * 1024,
      // The webhook shim sends the deliveries that arrive together as one batch of receiveWebhook operations.
      allowBatchedHttpRequests: true,
      logger,
      production: config.NODE_ENV === 'production',
      checkReady: async () => {
        await dataSource.query('select 1');
      },
    });
    const startedDirectory = directory;
    return {
      ...server,
      dataSource,
      services,
      directory: startedDirectory,
      close: async () => {
        try {
          await server.close();
        } finally {
          await startedDirectory.stop();
          await events.flush();
          await bus.close();
          await dataSource.destroy();
        }
      },
    };
  } catch (error) {
    await directory?.stop();
    await bus.close();
    await dataSource.destroy();
    throw error;
  }
}
