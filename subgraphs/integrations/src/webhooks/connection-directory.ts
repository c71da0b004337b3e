import { egressRules, inTenantTransaction, type Logger } from '@nexara/kit';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { ConnectionEntity, type ConnectionStatus } from '../connections/connection.entity';
import type { AuditService } from '../audit/audit.service';
import { CONNECTION_CHANGED_CHANNEL, ConnectionService } from '../connections/connection.service';
import type { SecretBox } from '../secrets/secret-box';
import type { ConnectionContext } from '@nexara/providers';

/** A connection as the inbox and the worker need it: the adapter's context plus what decides how to treat it. */
export type DirectoryConnection = ConnectionContext & {
  /** The provider's other ids for the store, for control calls. */
  controlIds: Readonly<Record<string, string>>;
  connectionKey: string;
  status: ConnectionStatus;
  /** Archived connections are refused like paused ones (docs/dashboard.md, "Archived connections"). */
  archived: boolean;
  autoAccept: boolean;
  /** The tenant's branch the connection serves: whose menu a new order is checked against. */
  branchId: string;
};

/** The two ConnectionService reads the directory builds on. */
export type ConnectionLookup = Pick<ConnectionService, 'findConnectionByKey' | 'connectionSecrets'>;

export type ConnectionDirectoryOptions = {
  dataSource: DataSource;
  connections: ConnectionLookup;
  logger: Logger;
  /** Where to LISTEN for `integrations_connection_changed`; without it entries live only for their TTL. */
  listenUrl?: string;
  /** How long an entry is trusted without hearing of a change (default 60 s). */
  ttlMs?: number;
  now?: () => number;
};

type CachedSecret = { value: string; expiresAt: Date | null };
type Entry = { connection: Omit<DirectoryConnection, 'secrets'>; secrets: CachedSecret[]; loadedAt: number };

export const DEFAULT_DIRECTORY_TTL_MS = 60_000;
const LISTEN_APPLICATION_NAME = 'nexara-connection-directory';

/**
 * Connections by webhook key (inbox) and by id (worker), with their
 * decrypted secrets, cached in memory for `ttlMs`. Every instance LISTENs on
 * `integrations_connection_changed` (payload: the connection key), which
 * rotate/pause/resume/update send in their transaction, so a change reaches
 * every instance's cache as soon as it commits. The listener reconnects
 * with backoff when its connection drops, and then forgets everything: it
 * may have missed changes meanwhile. Unknown keys are never cached, so a
 * new connection works at once.
 */
export class ConnectionDirectory {
  private readonly byKey = new Map<string, Entry>();
  private readonly byId = new Map<string, Entry>();
  private readonly loading = new Map<string, { promise: Promise<Entry | null>; generation: number }>();
  /** Bumped by every invalidation: a load that overlapped one is used once but not cached. */
  private generation = 0;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private listener: Client | null = null;
  private closed = false;
  private retryMs = 100;
  private retryTimer: NodeJS.Timeout | null = null;
  private listeningResolve: (() => void) | null = null;

  constructor(private readonly options: ConnectionDirectoryOptions) {
    this.ttlMs = options.ttlMs ?? DEFAULT_DIRECTORY_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  /** The connection a webhook key names, or null (unknown key). */
  async findByKey(connectionKey: string): Promise<DirectoryConnection | null> {
    const cached = this.fresh(this.byKey.get(connectionKey));
    if (cached) return this.withLiveSecrets(cached);
    const entry = await this.load(`key:${connectionKey}`, async () => {
      const match = await this.options.connections.findConnectionByKey(connectionKey);
      return match ? this.read(match.tenantId, match.connectionId) : null;
    });
    return entry ? this.withLiveSecrets(entry) : null;
  }

  /** A connection of `tenantId` by id, or null. */
  async findById(tenantId: string, connectionId: string): Promise<DirectoryConnection | null> {
    const cached = this.fresh(this.byId.get(idKey(tenantId, connectionId)));
    if (cached) return this.withLiveSecrets(cached);
    const entry = await this.load(`id:${idKey(tenantId, connectionId)}`, () => this.read(tenantId, connectionId));
    return entry ? this.withLiveSecrets(entry) : null;
  }

  /** Forgets one connection (by its key) on this instance. */
  invalidate(connectionKey: string): void {
    this.generation += 1;
    const entry = this.byKey.get(connectionKey);
    this.byKey.delete(connectionKey);
    if (entry) this.byId.delete(idKey(entry.connection.tenantId, entry.connection.id));
  }

  invalidateAll(): void {
    this.generation += 1;
    this.byKey.clear();
    this.byId.clear();
  }

  /** True while the change listener is connected. */
  get listening(): boolean {
    return this.listener !== null;
  }

  /**
   * Starts listening for changes. Resolves once listening, or after the first
   * failed attempt (the listener keeps retrying in the background: a database
   * that is down at start must not stop the service from starting).
   */
  async start(): Promise<void> {
    if (!this.options.listenUrl || this.closed) return;
    await new Promise<void>((resolve) => {
      this.listeningResolve = resolve;
      void this.connect();
    });
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const current = this.listener;
    this.listener = null;
    await current?.end().catch(() => undefined);
    this.invalidateAll();
  }

  private async connect(): Promise<void> {
    if (this.closed || !this.options.listenUrl) return;
    const client = new Client({ connectionString: this.options.listenUrl, application_name: LISTEN_APPLICATION_NAME });
    client.on('notification', (message) => {
      if (message.channel === CONNECTION_CHANGED_CHANNEL && message.payload) this.invalidate(message.payload);
    });
    client.on('error', (error) => {
      this.options.logger.warn(
        { err: error.message },
        'connection directory listener lost its connection; reconnecting',
      );
      this.reconnect(client);
    });
    client.on('end', () => this.reconnect(client));
    try {
      await client.connect();
      await client.query(`listen ${CONNECTION_CHANGED_CHANNEL}`);
      if (this.closed) {
        await client.end().catch(() => undefined);
        return;
      }
      this.listener = client;
      this.retryMs = 100;
      // Changes made while nobody listened were never heard: start from nothing.
      this.invalidateAll();
    } catch (error) {
      this.options.logger.warn({ err: String(error) }, 'connection directory could not listen; retrying');
      this.reconnect(client);
    } finally {
      this.listeningResolve?.();
      this.listeningResolve = null;
    }
  }

  private reconnect(client: Client): void {
    if (this.closed || (this.listener !== null && this.listener !== client)) return;
    if (this.listener === client) this.listener = null;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.retryTimer) return;
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 5_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
    this.retryTimer.unref();
  }

  private fresh(entry: Entry | undefined): Entry | null {
    return entry && this.now() - entry.loadedAt < this.ttlMs ? entry : null;
  }

  /** One read per connection at a time, however many deliveries ask at once. */
  private async load(slot: string, read: () => Promise<Entry | null>): Promise<Entry | null> {
    // Join a read in flight only if nothing changed since it began: a caller that comes
    // after an invalidation (a pause, a rotation) must see the database as it is now.
    const inFlight = this.loading.get(slot);
    if (inFlight && inFlight.generation === this.generation) return inFlight.promise;
    const generation = this.generation;
    const promise = read()
      .then((entry) => {
        if (entry && generation === this.generation) {
          this.byKey.set(entry.connection.connectionKey, entry);
          this.byId.set(idKey(entry.connection.tenantId, entry.connection.id), entry);
        }
        return entry;
      })
      .finally(() => {
        if (this.loading.get(slot)?.promise === promise) this.loading.delete(slot);
      });
    this.loading.set(slot, { promise, generation });
    return promise;
  }

  private async read(tenantId: string, connectionId: string): Promise<Entry | null> {
    const row = await inTenantTransaction(this.options.dataSource, { tenantId }, (manager) =>
      manager.getRepository(ConnectionEntity).findOneBy({ tenantId, id: connectionId }),
    );
    if (!row) return null;
    const secrets = await this.options.connections.connectionSecrets(tenantId, connectionId);
    return {
      connection: {
        id: row.id,
        tenantId: row.tenantId,
        provider: row.provider,
        currency: row.currency,
        externalStoreId: row.externalStoreId,
        apiBaseUrl: row.apiBaseUrl,
        connectionKey: row.connectionKey,
        status: row.status,
        archived: row.archivedAt !== null,
        autoAccept: row.autoAccept,
        branchId: row.branchId,
        controlIds: row.controlIds ?? {},
      },
      secrets: secrets.map((secret) => ({ value: secret.value, expiresAt: secret.expiresAt })),
      loadedAt: this.now(),
    };
  }

  /** A rotated-out secret stops verifying the moment it expires, cached or not. */
  private withLiveSecrets(entry: Entry): DirectoryConnection {
    const now = this.now();
    const secrets = entry.secrets
      .filter((secret) => secret.expiresAt === null || secret.expiresAt.getTime() > now)
      .map((secret) => secret.value);
    return { ...entry.connection, secrets };
  }
}

function idKey(tenantId: string, connectionId: string): string {
  return `${tenantId}:${connectionId}`;
}

/**
 * The connection service and the directory that caches it, as the API server
 * and the worker both run them: the directory listens for changes from other
 * processes and hears this process's own changes at once.
 */
export async function openConnections(options: {
  dataSource: DataSource;
  secretBox: SecretBox;
  audit: AuditService;
  logger: Logger;
  config: {
    DATABASE_URL: string;
    PUBLIC_URL: string;
    SECRET_ROTATION_GRACE_SECONDS: number;
    EGRESS_ALLOW: string;
    NODE_ENV: string;
  };
}): Promise<{ connections: ConnectionService; directory: ConnectionDirectory }> {
  const { dataSource, logger, config } = options;
  const connections = new ConnectionService({
    dataSource,
    secretBox: options.secretBox,
    publicUrl: config.PUBLIC_URL,
    logger,
    audit: options.audit,
    rotationGraceSeconds: config.SECRET_ROTATION_GRACE_SECONDS,
    egress: egressRules({ allow: config.EGRESS_ALLOW, production: config.NODE_ENV === 'production' }),
  });
  const directory = new ConnectionDirectory({ dataSource, connections, logger, listenUrl: config.DATABASE_URL });
  await directory.start();
  connections.onConnectionChanged((connectionKey) => directory.invalidate(connectionKey));
  return { connections, directory };
}
