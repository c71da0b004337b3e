import { ConnectionSecretEntity } from './connections/connection-secret.entity';
import { ConnectionEntity } from './connections/connection.entity';
import { CreateConnections1795920100000 } from './migrations/1795920100000-CreateConnections';
import { ConnectionsRowLevelSecurity1795920200000 } from './migrations/1795920200000-ConnectionsRowLevelSecurity';
import { CreateAuditLog1795920300000 } from './migrations/1795920300000-CreateAuditLog';
import { CreateWebhookEvents1795920400000 } from './migrations/1795920400000-CreateWebhookEvents';
import { RescueStaleQueuedEvents1795920600000 } from './migrations/1795920600000-RescueStaleQueuedEvents';
import { WebhookEventProviderNotice1795920650000 } from './migrations/1795920650000-WebhookEventProviderNotice';
import { CreateHealthAndAlerts1795920700000 } from './migrations/1795920700000-CreateHealthAndAlerts';
import { StoreWebhookEventsFunction1795920800000 } from './migrations/1795920800000-StoreWebhookEventsFunction';
import { PlatformReadForOwnerOnly1796410000000 } from './migrations/1796410000000-PlatformReadForOwnerOnly';
import { TestWebhookDeliveries1796500000000 } from './migrations/1796500000000-TestWebhookDeliveries';
import { ProviderCodesFromRegistry1796600000000 } from './migrations/1796600000000-ProviderCodesFromRegistry';
import { ArchiveConnections1796700000000 } from './migrations/1796700000000-ArchiveConnections';
import { ConnectionControl1796800000000 } from './migrations/1796800000000-ConnectionControl';
import { ControlAwaits1796900000000 } from './migrations/1796900000000-ControlAwaits';
import { OpenWebhookEventsIndex1797000000000 } from './migrations/1797000000000-OpenWebhookEventsIndex';
import { StaleQueuedEventsByTheirJob1797100000000 } from './migrations/1797100000000-StaleQueuedEventsByTheirJob';
import { OneJobCallPerStore1797200000000 } from './migrations/1797200000000-OneJobCallPerStore';

/** What the platform migrates (as the schema owner) and what the service maps (as nexara_integrations). */
export const integrationsDatabase = {
  schema: 'integrations',
  entities: [ConnectionEntity, ConnectionSecretEntity] as Function[],
  migrations: [
    CreateConnections1795920100000,
    ConnectionsRowLevelSecurity1795920200000,
    CreateAuditLog1795920300000,
    CreateWebhookEvents1795920400000,
    RescueStaleQueuedEvents1795920600000,
    WebhookEventProviderNotice1795920650000,
    CreateHealthAndAlerts1795920700000,
    StoreWebhookEventsFunction1795920800000,
    PlatformReadForOwnerOnly1796410000000,
    TestWebhookDeliveries1796500000000,
    ProviderCodesFromRegistry1796600000000,
    ArchiveConnections1796700000000,
    ConnectionControl1796800000000,
    ControlAwaits1796900000000,
    OpenWebhookEventsIndex1797000000000,
    StaleQueuedEventsByTheirJob1797100000000,
    OneJobCallPerStore1797200000000,
  ] as Function[],
};
