import { buildFederatedSchema } from '@nexara/kit';
import type { GraphQLSchema } from 'graphql';
import { AlertResolver } from './alerts/alert.resolver';
import type { AlertService } from './alerts/alert.service';
import { AuditResolver } from './audit/audit.resolver';
import type { AuditService } from './audit/audit.service';
import { connectionReference } from './connections/connection.reference';
import { ConnectionResolver } from './connections/connection.resolver';
import type { ConnectionService } from './connections/connection.service';
import { TestWebhookResolver } from './connections/test-webhook.resolver';
import type { TestWebhookService } from './connections/test-webhook.service';
import { ConnectionHealthFieldResolver, ConnectionHealthResolver } from './health/connection-health.resolver';
import type { ConnectionHealthService } from './health/connection-health.service';
import { WebhookEventResolver } from './webhooks/webhook-event.resolver';
import type { WebhookEventService } from './webhooks/webhook-event.service';
import { WebhookInboxResolver } from './webhooks/webhook-inbox.resolver';
import type { WebhookInboxService } from './webhooks/webhook-inbox.service';

/** The services the schema's resolvers delegate to. */
export type IntegrationsServices = {
  connections: ConnectionService;
  audit: AuditService;
  testWebhooks: TestWebhookService;
  webhookInbox: WebhookInboxService;
  webhookEvents: WebhookEventService;
  health: ConnectionHealthService;
  alerts: AlertService;
};

export async function buildIntegrationsSchema(
  services: IntegrationsServices,
): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const instances = new Map<Function, object>([
    [ConnectionResolver, new ConnectionResolver(services.connections)],
    [AuditResolver, new AuditResolver(services.audit)],
    [TestWebhookResolver, new TestWebhookResolver(services.testWebhooks)],
    [WebhookInboxResolver, new WebhookInboxResolver(services.webhookInbox)],
    [WebhookEventResolver, new WebhookEventResolver(services.webhookEvents, services.connections)],
    [ConnectionHealthResolver, new ConnectionHealthResolver(services.health, services.connections)],
    [ConnectionHealthFieldResolver, new ConnectionHealthFieldResolver(services.health)],
    [AlertResolver, new AlertResolver(services.alerts, services.connections)],
  ]);
  return buildFederatedSchema(
    {
      resolvers: [
        ConnectionResolver,
        AuditResolver,
        TestWebhookResolver,
        WebhookInboxResolver,
        WebhookEventResolver,
        ConnectionHealthResolver,
        ConnectionHealthFieldResolver,
        AlertResolver,
      ],
      container: { get: (resolverClass: Function) => instances.get(resolverClass) },
    },
    { ProviderConnection: connectionReference(services.connections) },
  );
}

/** The subgraph SDL alone (composition, checks): resolvers are never called, so no services are needed. */
export async function integrationsSdl(): Promise<string> {
  const unused = {} as IntegrationsServices;
  return (await buildIntegrationsSchema(unused)).sdl;
}
