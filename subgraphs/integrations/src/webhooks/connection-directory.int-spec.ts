import { randomUUID } from 'node:crypto';
import { createLogger } from '@nexara/kit';
import { createTestDatabase, testSecrets, type TestDatabase } from '@nexara/test-support';
import type { ConnectionView } from '../connections/connection.service';
import { aConnectProviderInput } from '../testing/connection-factory';
import { tenantAdmin } from '../testing/identities';
import { startIntegrations, type RunningIntegrations } from '../testing/integrations-test-server';
import { eventually } from '../testing/webhook-pipeline';
import { ConnectionDirectory } from './connection-directory';

/**
 * The cached connection directory as a second service instance sees it:
 * its own cache, told about changes only through PostgreSQL NOTIFY.
 */
describe('connection directory (real PostgreSQL, LISTEN/NOTIFY)', () => {
  let db: TestDatabase;
  let integrations: RunningIntegrations;
  const directories: ConnectionDirectory[] = [];
  const tenantId = randomUUID();
  let connection: ConnectionView;
  let key: string;
  let secret: string;

  const anotherInstance = async (
    options: { ttlMs?: number; now?: () => number } = {},
  ): Promise<ConnectionDirectory> => {
    const directory = new ConnectionDirectory({
      dataSource: integrations.server.dataSource,
      connections: integrations.server.services.connections,
      logger: createLogger('test', 'silent'),
      listenUrl: db.serviceUrls.integrations,
      // Long enough that only a notification can explain a change being seen.
      ttlMs: options.ttlMs ?? 600_000,
      now: options.now,
    });
    directories.push(directory);
    await directory.start();
    return directory;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    integrations = await startIntegrations({
      databaseUrl: db.serviceUrls.integrations,
      internalTokenSecret: testSecrets.internalTokenSecret,
      encryptionKeys: testSecrets.secretsEncryptionKey,
    });
    const connected = await integrations.server.services.connections.connectProvider(
      tenantAdmin(tenantId),
      aConnectProviderInput({ provider: 'JAHEZ' }),
    );
    connection = connected.connection;
    secret = connected.secret;
    key = connection.webhookUrl.split('/').pop()!;
  });

  afterAll(async () => {
    await Promise.all(directories.map((directory) => directory.stop()));
    await integrations?.server.close();
    await db?.drop();
  });

  it('resolves a webhook key to the connection with its decrypted secret, and an unknown key to null', async () => {
    const directory = await anotherInstance();

    expect(await directory.findByKey(key)).toMatchObject({
      id: connection.id,
      tenantId,
      provider: 'JAHEZ',
      status: 'ACTIVE',
      autoAccept: false,
      connectionKey: key,
      currency: connection.currency,
      externalStoreId: connection.externalStoreId,
      apiBaseUrl: connection.apiBaseUrl,
      secrets: [secret],
    });
    expect(await directory.findById(tenantId, connection.id)).toMatchObject({ id: connection.id, secrets: [secret] });
    expect(await directory.findByKey('x'.repeat(43))).toBeNull();
    expect(await directory.findById(randomUUID(), connection.id)).toBeNull();
  });

  it('serves repeated lookups from memory', async () => {
    const directory = await anotherInstance();
    await directory.findByKey(key);
    // Behind the cache's back (no NOTIFY): the cached copy is still what it serves.
    await db.queryAsAdmin(
      `update integrations.connections set api_base_url = 'http://127.0.0.1:1/changed' where id = $1`,
      [connection.id],
    );
    try {
      expect((await directory.findByKey(key))!.apiBaseUrl).toBe(connection.apiBaseUrl);
      directory.invalidate(key);
      expect((await directory.findByKey(key))!.apiBaseUrl).toBe('http://127.0.0.1:1/changed');
    } finally {
      await db.queryAsAdmin(`update integrations.connections set api_base_url = $2 where id = $1`, [
        connection.id,
        connection.apiBaseUrl,
      ]);
      directory.invalidateAll();
    }
  });

  it('never hands a lookup made after a change the answer of a read that began before it', async () => {
    // The first read has the row (ACTIVE) and is held while it fetches the secrets.
    const service = integrations.server.services.connections;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const directory = new ConnectionDirectory({
      dataSource: integrations.server.dataSource,
      connections: {
        findConnectionByKey: (k) => service.findConnectionByKey(k),
        connectionSecrets: async (t, c) => {
          if ((calls += 1) === 1) await held;
          return service.connectionSecrets(t, c);
        },
      },
      logger: createLogger('test', 'silent'),
    });
    const early = directory.findByKey(key);
    await eventually(async () => (calls === 1 ? true : undefined), 5_000, 'the first read to reach the secrets');

    await db.queryAsAdmin(`update integrations.connections set status = 'PAUSED' where id = $1`, [connection.id]);
    try {
      directory.invalidate(key);
      expect((await directory.findByKey(key))!.status).toBe('PAUSED');
      release();
      expect((await early)!.status).toBe('ACTIVE'); // its own caller gets what it read, but it is not kept
      expect((await directory.findByKey(key))!.status).toBe('PAUSED');
    } finally {
      release();
      await db.queryAsAdmin(`update integrations.connections set status = 'ACTIVE' where id = $1`, [connection.id]);
    }
  });

  it('forgets an entry once its TTL has passed', async () => {
    let clock = Date.now();
    const directory = await anotherInstance({ ttlMs: 60_000, now: () => clock });
    await directory.findByKey(key);
    await db.queryAsAdmin(`update integrations.connections set auto_accept = true where id = $1`, [connection.id]);
    try {
      expect((await directory.findByKey(key))!.autoAccept).toBe(false);
      clock += 60_001;
      expect((await directory.findByKey(key))!.autoAccept).toBe(true);
    } finally {
      await db.queryAsAdmin(`update integrations.connections set auto_accept = false where id = $1`, [connection.id]);
    }
  });

  it('drops its copy on every instance as soon as a pause, resume or update commits', async () => {
    const other = await anotherInstance();
    expect((await other.findByKey(key))!.status).toBe('ACTIVE');

    await integrations.server.services.connections.pauseConnection(tenantAdmin(tenantId), connection.id);
    await eventually(
      async () => ((await other.findByKey(key))!.status === 'PAUSED' ? true : undefined),
      5_000,
      'the pause',
    );

    await integrations.server.services.connections.resumeConnection(tenantAdmin(tenantId), connection.id);
    await eventually(
      async () => ((await other.findByKey(key))!.status === 'ACTIVE' ? true : undefined),
      5_000,
      'the resume',
    );

    await integrations.server.services.connections.updateConnection(tenantAdmin(tenantId), {
      id: connection.id,
      autoAccept: true,
    });
    await eventually(
      async () => ((await other.findById(tenantId, connection.id))!.autoAccept ? true : undefined),
      5_000,
      'the update',
    );
    await integrations.server.services.connections.updateConnection(tenantAdmin(tenantId), {
      id: connection.id,
      autoAccept: false,
    });
  });

  it('hears a rotation: the new secret first, the old one until it expires, then never again', async () => {
    const other = await anotherInstance();
    let clock = Date.now();
    const later = await anotherInstance({ now: () => clock });
    await other.findByKey(key);
    await later.findByKey(key);

    const rotated = await integrations.server.services.connections.rotateConnectionSecret(
      tenantAdmin(tenantId),
      connection.id,
    );
    await eventually(
      async () => ((await other.findByKey(key))!.secrets.length === 2 ? true : undefined),
      5_000,
      'the rotation',
    );
    expect((await other.findByKey(key))!.secrets).toEqual([rotated.secret, secret]);

    await eventually(
      async () => ((await later.findByKey(key))!.secrets.length === 2 ? true : undefined),
      5_000,
      'the rotation',
    );
    clock += 25 * 3_600_000;
    // Cached or not, an expired secret no longer verifies anything.
    expect((await later.findByKey(key))!.secrets).toEqual([rotated.secret]);
    secret = rotated.secret;
  });

  it('listens again after losing its connection, and starts afresh in case it missed a change', async () => {
    const other = await anotherInstance();
    expect((await other.findByKey(key))!.status).toBe('ACTIVE');
    expect(other.listening).toBe(true);

    await db.queryAsAdmin(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where application_name = 'nexara-connection-directory' and datname = current_database()`,
    );
    // Changed while nobody listens: the notification is lost for good.
    await integrations.server.services.connections.pauseConnection(tenantAdmin(tenantId), connection.id);
    try {
      await eventually(
        async () => ((await other.findByKey(key))!.status === 'PAUSED' ? true : undefined),
        10_000,
        'recovery',
      );
      expect(other.listening).toBe(true);
    } finally {
      await integrations.server.services.connections.resumeConnection(tenantAdmin(tenantId), connection.id);
    }
    await eventually(
      async () => ((await other.findByKey(key))!.status === 'ACTIVE' ? true : undefined),
      5_000,
      'the resume',
    );
  });
});
