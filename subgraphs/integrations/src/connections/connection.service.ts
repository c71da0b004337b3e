import { randomUUID } from 'node:crypto';
import { appError, inTenantTransaction, type EgressRules, type Identity, type Logger } from '@nexara/kit';
import { type Provider } from '@nexara/providers/display';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { SecretBox } from '../secrets/secret-box';
import { ADMIN_ROLES, managingTenantId, OPERATOR_ROLES } from '../access/connection-access';
import { ConnectionSecretEntity } from './connection-secret.entity';
import { ConnectionEntity, type ConnectionStatus } from './connection.entity';
import {
  isUuid,
  randomToken,
  validateConnectProvider,
  validateRotationSecret,
  validateUpdateConnection,
  webhookUrlFor,
  type ConnectionChanges,
  type ConnectProviderRequest,
  type UpdateConnectionRequest,
} from './connection.validation';

/** A connection as callers see it: never its secrets; the key only inside the webhook URL. */
export type ConnectionView = Omit<ConnectionEntity, 'connectionKey'> & { webhookUrl: string };

export type ConnectProviderResult = {
  connection: ConnectionView;
  /** The provider secret in clear: returned this once, stored only encrypted. */
  secret: string;
};

/** What a webhook's connection key resolves to, before the tenant is known. */
export type ConnectionKeyMatch = {
  tenantId: string;
  connectionId: string;
  provider: Provider;
  status: ConnectionStatus;
};

/** A decrypted secret that still verifies (current, or rotated out but not yet expired). */
export type ConnectionSecret = { id: string; value: string; keyId: string; createdAt: Date; expiresAt: Date | null };

export type ConnectionServiceDependencies = {
  dataSource: DataSource;
  secretBox: SecretBox;
  /** Where the gateway is reachable from outside (PUBLIC_URL). */
  publicUrl: string;
  logger: Logger;
  /** Admin actions are written in the transaction of the change. */
  audit: AuditService;
  /** How long a rotated-out secret keeps verifying (SECRET_ROTATION_GRACE_SECONDS). */
  rotationGraceSeconds: number;
  /** What a saved `apiBaseUrl` may point at (EGRESS_ALLOW, production); sends are checked again. */
  egress: EgressRules;
};

export type RotateConnectionSecretResult = {
  connection: ConnectionView;
  /** The new secret in clear: returned this once, stored only encrypted. */
  secret: string;
};

/** A connection with its webhook key and current secret in clear: for sending signed test webhooks only. */
export type ConnectionWithSecret = { connection: ConnectionEntity; secret: string };

/** PostgreSQL channel the webhook shim listens on to drop its cached copy of a connection (payload: the connection key). */
export const CONNECTION_CHANGED_CHANNEL = 'integrations_connection_changed';

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

/** Told after a change to a connection commits: its webhook key, and which connection it is. */
export type ConnectionChangeListener = (connectionKey: string, connection: { tenantId: string; id: string }) => void;

/** Provider connections of a tenant and their encrypted secrets. Every method checks access first. */
export class ConnectionService {
  private readonly changeListeners: ConnectionChangeListener[] = [];

  constructor(private readonly deps: ConnectionServiceDependencies) {}

  /**
   * Called with a connection's webhook key after a change to it commits. Other
   * processes learn of it by NOTIFY; a listener here (this process's directory)
   * hears at once, so a pause takes effect for the very next delivery.
   */
  onConnectionChanged(listener: ConnectionChangeListener): void {
    this.changeListeners.push(listener);
  }

  private announceChange(connection: ConnectionEntity): void {
    for (const listener of this.changeListeners) {
      listener(connection.connectionKey, { tenantId: connection.tenantId, id: connection.id });
    }
  }

  async listConnections(actor: Identity, options: { includeArchived?: boolean } = {}): Promise<ConnectionView[]> {
    const tenantId = readerTenantId(actor);
    const where = options.includeArchived ? { tenantId } : { tenantId, archivedAt: IsNull() };
    const rows = await this.inTenant(tenantId, (manager) =>
      manager.getRepository(ConnectionEntity).find({ where, order: { createdAt: 'ASC', id: 'ASC' } }),
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

  /** Connections of the caller's tenant by id, in one read; ids of nothing (or of another tenant) are absent. */
  async findConnections(actor: Identity, ids: readonly string[]): Promise<Map<string, ConnectionView>> {
    const tenantId = readerTenantId(actor);
    const wanted = ids.filter(isUuid);
    if (wanted.length === 0) return new Map();
    const rows = await this.inTenant(tenantId, (manager) =>
      manager.getRepository(ConnectionEntity).findBy({ tenantId, id: In(wanted) }),
    );
    return new Map(rows.map((row) => [row.id, this.view(row)]));
  }

  async connectProvider(actor: Identity, request: ConnectProviderRequest): Promise<ConnectProviderResult> {
    const tenantId = managingTenantId(actor, ADMIN_ROLES);
    const valid = validateConnectProvider(request, this.deps.egress);
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
      await manager
        .getRepository(ConnectionSecretEntity)
        .insert({ tenantId, connectionId, ...sealed, expiresAt: null });
      await this.deps.audit.recordAdminAction(manager, {
        tenantId,
        actor,
        action: 'PROVIDER_CONNECTED',
        subjectType: 'ProviderConnection',
        subjectId: connectionId,
        detail: {
          provider: valid.provider,
          name: valid.name,
          branchId: valid.branchId,
          externalStoreId: valid.externalStoreId,
          currency: valid.currency,
          apiBaseUrl: valid.apiBaseUrl,
          autoAccept: valid.autoAccept,
          secretGenerated: valid.secret === null,
        },
      });
      return manager.getRepository(ConnectionEntity).findOneByOrFail({ tenantId, id: connectionId });
    });

    this.deps.logger.info(
      { tenantId, connectionId, provider: valid.provider, secretGenerated: valid.secret === null },
      'provider connected',
    );
    return { connection: this.view(connection), secret };
  }

  /**
   * Replaces the current secret with a new one (the provider-issued `secret`,
   * or a generated one), returned this once. The previous secret keeps
   * verifying for the grace period so deliveries signed before the provider
   * switched still pass; older rotated-out secrets keep their own expiry.
   */
  async rotateConnectionSecret(
    actor: Identity,
    id: string,
    providerSecret?: string | null,
  ): Promise<RotateConnectionSecretResult> {
    const tenantId = managingTenantId(actor, ADMIN_ROLES);
    const given = validateRotationSecret(providerSecret);
    const secret = given ?? randomToken();
    const graceSeconds = this.deps.rotationGraceSeconds;

    const connection = await this.inTenant(tenantId, async (manager) => {
      const row = await this.lockConnection(manager, tenantId, id);
      // Wrapped in a select so the driver returns plain rows (a bare UPDATE comes back as [rows, count]).
      const expired = (await manager.query(
        `with expired as (
           update integrations.connection_secrets
              set expires_at = now() + make_interval(secs => $3)
            where tenant_id = $1 and connection_id = $2 and expires_at is null
           returning expires_at
         )
         select expires_at from expired`,
        [tenantId, row.id, graceSeconds],
      )) as { expires_at: Date }[];
      const sealed = this.deps.secretBox.seal(secret, { tenantId, connectionId: row.id });
      await manager
        .getRepository(ConnectionSecretEntity)
        .insert({ tenantId, connectionId: row.id, ...sealed, expiresAt: null });
      const updated = await this.touchConnection(manager, row, {});
      await this.deps.audit.recordAdminAction(manager, {
        tenantId,
        actor,
        action: 'CONNECTION_SECRET_ROTATED',
        subjectType: 'ProviderConnection',
        subjectId: row.id,
        detail: {
          secretGenerated: given === null,
          graceSeconds,
          previousSecretExpiresAt: expired[0]?.expires_at.toISOString() ?? null,
        },
      });
      return updated;
    });

    this.announceChange(connection);
    this.deps.logger.info(
      { tenantId, connectionId: connection.id, secretGenerated: given === null },
      'connection secret rotated',
    );
    return { connection: this.view(connection), secret };
  }

  /** Stops accepting the connection's webhooks (the shim answers 409). Pausing a paused connection changes nothing. */
  pauseConnection(actor: Identity, id: string): Promise<ConnectionView> {
    return this.setStatus(actor, id, 'PAUSED');
  }

  /** Accepts the connection's webhooks again. Resuming an active connection changes nothing. */
  resumeConnection(actor: Identity, id: string): Promise<ConnectionView> {
    return this.setStatus(actor, id, 'ACTIVE');
  }

  /**
   * Archives a connection (or brings it back): the shim refuses its webhooks
   * while archived, lists leave it out unless asked, and its orders, events and
   * audit trail stay. Its status (active or paused) is kept for the unarchive.
   */
  async setArchived(actor: Identity, id: string, archived: boolean): Promise<ConnectionView> {
    const tenantId = managingTenantId(actor, ADMIN_ROLES);
    const { connection, changed } = await this.inTenant(tenantId, async (manager) => {
      const row = await this.lockConnection(manager, tenantId, id);
      const changed = archived !== (row.archivedAt !== null);
      const updated = changed
        ? await this.touchConnection(manager, row, { archivedAt: archived ? () => 'now()' : null })
        : row;
      await this.deps.audit.recordAdminAction(manager, {
        tenantId,
        actor,
        action: archived ? 'CONNECTION_ARCHIVED' : 'CONNECTION_UNARCHIVED',
        subjectType: 'ProviderConnection',
        subjectId: row.id,
        detail: { changed, archivedAt: (archived ? updated : row).archivedAt?.toISOString() ?? null },
      });
      return { connection: updated, changed };
    });
    if (changed) {
      this.announceChange(connection);
      this.deps.logger.info({ tenantId, connectionId: connection.id, archived }, 'connection archive changed');
    }
    return this.view(connection);
  }

  /** Changes the fields given (name, autoAccept, apiBaseUrl, controlIds), validated as in connectProvider. */
  async updateConnection(actor: Identity, request: UpdateConnectionRequest): Promise<ConnectionView> {
    const tenantId = managingTenantId(actor, ADMIN_ROLES);
    const requested = validateUpdateConnection(request, this.deps.egress);

    const connection = await this.inTenant(tenantId, async (manager) => {
      const row = await this.lockConnection(manager, tenantId, request.id);
      const changes: ConnectionChanges = {};
      const changed: Record<string, { from: unknown; to: unknown }> = {};
      for (const field of ['name', 'autoAccept', 'apiBaseUrl', 'controlIds'] as const) {
        const value = requested[field];
        if (value !== undefined && JSON.stringify(value) !== JSON.stringify(row[field])) {
          Object.assign(changes, { [field]: value });
          changed[field] = { from: row[field], to: value };
        }
      }
      const updated = Object.keys(changes).length > 0 ? await this.touchConnection(manager, row, changes) : row;
      await this.deps.audit.recordAdminAction(manager, {
        tenantId,
        actor,
        action: 'CONNECTION_UPDATED',
        subjectType: 'ProviderConnection',
        subjectId: row.id,
        detail: { changes: changed },
      });
      return updated;
    });
    this.announceChange(connection);
    return this.view(connection);
  }

  /**
   * A connection's webhook key and current secret in clear, for building a
   * correctly signed test webhook. Internal: the caller has checked access.
   */
  async connectionWithCurrentSecret(tenantId: string, id: string): Promise<ConnectionWithSecret | null> {
    if (!isUuid(tenantId) || !isUuid(id)) return null;
    return this.inTenant(tenantId, async (manager) => {
      const connection = await manager.getRepository(ConnectionEntity).findOneBy({ tenantId, id });
      if (!connection) return null;
      const current = await manager
        .getRepository(ConnectionSecretEntity)
        .createQueryBuilder('secret')
        .where('secret.tenant_id = :tenantId and secret.connection_id = :id and secret.expires_at is null', {
          tenantId,
          id,
        })
        .getOne();
      if (!current) return null;
      return { connection, secret: this.deps.secretBox.open(current, { tenantId, connectionId: id }) };
    });
  }

  /** Rejected webhooks counted for the connection in the last hour. */
  async securityEventsLastHour(actor: Identity, connection: ConnectionView): Promise<number> {
    const tenantId = readerTenantId(actor);
    if (tenantId !== connection.tenantId) return 0;
    return this.deps.audit.countSecurityEvents(tenantId, connection.id, new Date(Date.now() - 3_600_000));
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

  private async setStatus(actor: Identity, id: string, status: ConnectionStatus): Promise<ConnectionView> {
    const tenantId = managingTenantId(actor, OPERATOR_ROLES);
    const { connection, changed } = await this.inTenant(tenantId, async (manager) => {
      const row = await this.lockConnection(manager, tenantId, id);
      const changed = row.status !== status;
      const updated = changed ? await this.touchConnection(manager, row, { status }) : row;
      await this.deps.audit.recordAdminAction(manager, {
        tenantId,
        actor,
        action: status === 'PAUSED' ? 'CONNECTION_PAUSED' : 'CONNECTION_RESUMED',
        subjectType: 'ProviderConnection',
        subjectId: row.id,
        detail: { from: row.status, to: status, changed },
      });
      return { connection: updated, changed };
    });
    if (changed) {
      this.announceChange(connection);
      this.deps.logger.info({ tenantId, connectionId: connection.id, status }, 'connection status changed');
    }
    return this.view(connection);
  }

  /** The connection row, locked until the transaction ends so concurrent changes apply one after another. */
  private async lockConnection(manager: EntityManager, tenantId: string, id: string): Promise<ConnectionEntity> {
    const row = isUuid(id)
      ? await manager
          .getRepository(ConnectionEntity)
          .createQueryBuilder('connection')
          .setLock('pessimistic_write')
          .where('connection.tenant_id = :tenantId and connection.id = :id', { tenantId, id })
          .getOne()
      : null;
    if (!row) throw appError('NOT_FOUND', 'No such provider connection in this tenant.');
    return row;
  }

  /**
   * Applies `changes`, sets updated_at, and tells the webhook shim to drop its
   * cached copy. NOTIFY is delivered only if this transaction commits.
   */
  private async touchConnection(
    manager: EntityManager,
    row: ConnectionEntity,
    changes: ConnectionChanges & { status?: ConnectionStatus; archivedAt?: null | (() => string) },
  ): Promise<ConnectionEntity> {
    await manager
      .createQueryBuilder()
      .update(ConnectionEntity)
      .set({ ...changes, updatedAt: () => 'now()' })
      .where('tenant_id = :tenantId and id = :id', { tenantId: row.tenantId, id: row.id })
      .execute();
    await manager.query('select pg_notify($1, $2)', [CONNECTION_CHANGED_CHANNEL, row.connectionKey]);
    return manager.getRepository(ConnectionEntity).findOneByOrFail({ tenantId: row.tenantId, id: row.id });
  }

  private inTenant<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inTenantTransaction(this.deps.dataSource, { tenantId }, work);
  }

  private view(row: ConnectionEntity): ConnectionView {
    const { connectionKey, ...rest } = row;
    return { ...rest, webhookUrl: webhookUrlFor(this.deps.publicUrl, row.provider, connectionKey) };
  }
}
