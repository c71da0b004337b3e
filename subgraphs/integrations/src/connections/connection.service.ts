import { randomUUID } from 'node:crypto';
import { appError, inTenantTransaction, requireUser, type Identity, type Logger, type Provider } from '@nexara/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { SecretBox } from '../secrets/secret-box';
import { ConnectionSecretEntity } from './connection-secret.entity';
import { ConnectionEntity, type ConnectionStatus } from './connection.entity';
import {
  isUuid,
  randomToken,
  validateConnectProvider,
  webhookUrlFor,
  type ConnectProviderRequest,
} from './connection.validation';

/** A connection as callers see it: never its secrets; the key only inside the webhook URL. */
export type ConnectionView = Omit<ConnectionEntity, 'connectionKey'> & { webhookUrl: string };

export type ConnectProviderResult = {
  connection: ConnectionView;
  /** The provider secret in clear: returned this once, stored only encrypted. */
  secret: string;
};

/** What a webhook's connection key resolves to, before the tenant is known. */
export type ConnectionKeyMatch = { tenantId: string; connectionId: string; provider: Provider; status: ConnectionStatus };

/** A decrypted secret that still verifies (current, or rotated out but not yet expired). */
export type ConnectionSecret = { id: string; value: string; keyId: string; createdAt: Date; expiresAt: Date | null };

export type ConnectionServiceDependencies = {
  dataSource: DataSource;
  secretBox: SecretBox;
  /** Where the gateway is reachable from outside (PUBLIC_URL). */
  publicUrl: string;
  logger: Logger;
};

const CONNECTION_KEY_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;
const DUPLICATE_STORE_CONSTRAINT = 'connections_tenant_provider_store_key';

type PostgresError = { code?: string; constraint?: string };

function uniqueViolationOf(error: unknown): string | null {
  const driverError = (error as { driverError?: PostgresError } | null)?.driverError;
  return driverError?.code === '23505' ? (driverError.constraint ?? '') : null;
}

/** Users of any role, services acting in a tenant, and partners holding `connections:read` may read connections. */
function readerTenantId(actor: Identity): string {
  switch (actor.kind) {
    case 'anonymous':
      throw appError('UNAUTHENTICATED');
    case 'user':
      return actor.tenantId;
    case 'service':
      if (!actor.tenantId) throw appError('BAD_USER_INPUT', 'This request needs a tenant to act in.');
      return actor.tenantId;
    case 'partner':
      if (!actor.scopes.includes('connections:read')) {
        throw appError('FORBIDDEN', 'This API key lacks the connections:read scope.');
      }
      return actor.tenantId;
  }
}

/** Tenant admins (and platform admins acting in a tenant) connect providers; so may internal services (the demo seeder). */
function adminTenantId(actor: Identity): string {
  switch (actor.kind) {
    case 'anonymous':
      throw appError('UNAUTHENTICATED');
    case 'partner':
      throw appError('FORBIDDEN', 'Partner API keys cannot manage provider connections.');
    case 'service':
      return readerTenantId(actor);
    case 'user':
      return requireUser(actor, ['TENANT_ADMIN']).tenantId;
  }
}

/** Provider connections of a tenant and their encrypted secrets. Every method checks access first. */
export class ConnectionService {
  constructor(private readonly deps: ConnectionServiceDependencies) {}

  async listConnections(actor: Identity): Promise<ConnectionView[]> {
    const tenantId = readerTenantId(actor);
    const rows = await this.inTenant(tenantId, (manager) =>
      manager.getRepository(ConnectionEntity).find({ where: { tenantId }, order: { createdAt: 'ASC', id: 'ASC' } }),
    );
    return rows.map((row) => this.view(row));
  }

  /** One connection of the caller's tenant, or null (also for another tenant's id: RLS hides it). */
  async findConnection(actor: Identity, id: string): Promise<ConnectionView | null> {
    const tenantId = readerTenantId(actor);
    if (!isUuid(id)) return null;
    const row = await this.inTenant(tenantId, (manager) =>
      manager.getRepository(ConnectionEntity).findOneBy({ tenantId, id }),
    );
    return row ? this.view(row) : null;
  }

  async connectProvider(actor: Identity, request: ConnectProviderRequest): Promise<ConnectProviderResult> {
    const tenantId = adminTenantId(actor);
    const valid = validateConnectProvider(request);
    const secret = valid.secret ?? randomToken();
    const connectionId = randomUUID();

    const connection = await this.inTenant(tenantId, async (manager) => {
      try {
        await manager.getRepository(ConnectionEntity).insert({
          tenantId,
          id: connectionId,
          provider: valid.provider,
          name: valid.name,
          branchId: valid.branchId,
          externalStoreId: valid.externalStoreId,
          currency: valid.currency,
          apiBaseUrl: valid.apiBaseUrl,
          autoAccept: valid.autoAccept,
          status: 'ACTIVE',
          connectionKey: randomToken(),
        });
      } catch (error) {
        if (uniqueViolationOf(error) === DUPLICATE_STORE_CONSTRAINT) {
          throw appError(
            'CONFLICT',
            `This tenant already has a ${valid.provider} connection for store "${valid.externalStoreId}".`,
            { field: 'externalStoreId' },
          );
        }
        throw error;
      }
      const sealed = this.deps.secretBox.seal(secret, { tenantId, connectionId });
      await manager.getRepository(ConnectionSecretEntity).insert({ tenantId, connectionId, ...sealed, expiresAt: null });
      return manager.getRepository(ConnectionEntity).findOneByOrFail({ tenantId, id: connectionId });
    });

    this.deps.logger.info(
      { tenantId, connectionId, provider: valid.provider, secretGenerated: valid.secret === null },
      'provider connected',
    );
    return { connection: this.view(connection), secret };
  }

  /**
   * The connection a webhook's key names, in any tenant (the webhook shim calls
   * this before it knows the tenant), through the SECURITY DEFINER function
   * `integrations.connection_for_key`, which returns that one row and no secret.
   */
  async findConnectionByKey(connectionKey: string): Promise<ConnectionKeyMatch | null> {
    if (!CONNECTION_KEY_PATTERN.test(connectionKey)) return null;
    const rows = await inTenantTransaction(this.deps.dataSource, { tenantId: null }, (manager) =>
      manager.query<{ tenant_id: string; id: string; provider: Provider; status: ConnectionStatus }[]>(
        'select tenant_id, id, provider, status from integrations.connection_for_key($1)',
        [connectionKey],
      ),
    );
    const row = rows[0];
    return row ? { tenantId: row.tenant_id, connectionId: row.id, provider: row.provider, status: row.status } : null;
  }

  /**
   * The secrets that currently verify a connection's webhooks, decrypted,
   * newest first: the current one and any rotated-out one not yet expired.
   * Internal: callers (webhook shim, worker) pass the tenant the key resolved to.
   */
  async connectionSecrets(tenantId: string, connectionId: string): Promise<ConnectionSecret[]> {
    if (!isUuid(tenantId) || !isUuid(connectionId)) return [];
    const rows = await this.inTenant(tenantId, (manager) =>
      manager
        .getRepository(ConnectionSecretEntity)
        .createQueryBuilder('secret')
        .where('secret.tenant_id = :tenantId and secret.connection_id = :connectionId', { tenantId, connectionId })
        .andWhere('(secret.expires_at is null or secret.expires_at > now())')
        .orderBy('secret.created_at', 'DESC')
        .addOrderBy('secret.id', 'DESC')
        .getMany(),
    );
    return rows.map((row) => ({
      id: row.id,
      value: this.deps.secretBox.open(row, { tenantId, connectionId }),
      keyId: row.keyId,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
    }));
  }

  private inTenant<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inTenantTransaction(this.deps.dataSource, { tenantId }, work);
  }

  private view(row: ConnectionEntity): ConnectionView {
    const { connectionKey, ...rest } = row;
    return { ...rest, webhookUrl: webhookUrlFor(this.deps.publicUrl, row.provider, connectionKey) };
  }
}
