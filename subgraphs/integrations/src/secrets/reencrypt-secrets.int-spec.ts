import { randomBytes, randomUUID } from 'node:crypto';
import { createLogger } from '@nexara/kit';
import { createTestDatabase, testSecrets, type TestDatabase } from '@nexara/test-support';
import { aConnectProviderInput } from '../testing/connection-factory';
import { tenantAdmin } from '../testing/identities';
import { startIntegrations, type RunningIntegrations } from '../testing/integrations-test-server';
import { reencryptSecrets } from './reencrypt-secrets';
import { secretBoxFromConfig } from './secret-box';

const key = (id: string): string => `${id}:${randomBytes(32).toString('base64')}`;

/**
 * Retiring an encryption key: secrets sealed under the old key are sealed
 * again under the new one, after which the service runs with the new key
 * alone and every secret still opens.
 */
describe('reencryptSecrets (real PostgreSQL)', () => {
  let db: TestDatabase;
  const oldKey = key('old');
  const newKey = key('new');
  const started: RunningIntegrations[] = [];
  const start = async (keys: string): Promise<RunningIntegrations> => {
    const running = await startIntegrations({
      databaseUrl: db.serviceUrls.integrations,
      internalTokenSecret: testSecrets.internalTokenSecret,
      encryptionKeys: keys,
    });
    started.push(running);
    return running;
  };
  const keyIds = async (): Promise<string[]> =>
    (
      await db.queryAsAdmin<{ key_id: string }>(`select key_id from integrations.connection_secrets order by key_id`)
    ).map((row) => row.key_id);

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await Promise.all(started.map((running) => running.server.close()));
    await db?.drop();
  });

  it('seals every secret of every tenant under the new key, and the old key can go', async () => {
    const before = await start(oldKey);
    const connections = before.server.services.connections;
    const tenants = [randomUUID(), randomUUID()];
    const secrets = new Map<string, { tenantId: string; secret: string }>();
    for (const tenantId of tenants) {
      const { connection, secret } = await connections.connectProvider(tenantAdmin(tenantId), aConnectProviderInput());
      secrets.set(connection.id, { tenantId, secret });
    }
    // A rotated-out secret (still verifying during its grace period) is sealed again too.
    const [rotatedId, rotated] = [...secrets.entries()][0]!;
    const { secret: current } = await connections.rotateConnectionSecret(tenantAdmin(rotated.tenantId), rotatedId);
    secrets.set(rotatedId, { ...rotated, secret: current });
    expect(await keyIds()).toEqual(['old', 'old', 'old']);

    const running = await start(`${newKey},${oldKey}`);
    const report = await reencryptSecrets({
      dataSource: running.server.dataSource,
      secretBox: secretBoxFromConfig(`${newKey},${oldKey}`),
      logger: createLogger('test', 'silent'),
    });

    expect(report).toEqual({
      activeKeyId: 'new',
      tenants: 2,
      resealedByKey: { old: 3 },
      alreadyCurrent: 0,
      unreadable: [],
    });
    expect(await keyIds()).toEqual(['new', 'new', 'new']);

    const after = await start(newKey);
    for (const [connectionId, { tenantId, secret }] of secrets) {
      const opened = await after.server.services.connections.connectionWithCurrentSecret(tenantId, connectionId);
      expect(opened?.secret).toBe(secret);
    }

    const again = await reencryptSecrets({
      dataSource: after.server.dataSource,
      secretBox: secretBoxFromConfig(newKey),
      logger: createLogger('test', 'silent'),
    });
    expect(again).toMatchObject({ resealedByKey: {}, alreadyCurrent: 3, unreadable: [] });
  });

  it('leaves a secret no configured key opens as it is, and says which', async () => {
    const running = await start(key('third'));
    const report = await reencryptSecrets({
      dataSource: running.server.dataSource,
      secretBox: secretBoxFromConfig(key('third')),
      logger: createLogger('test', 'silent'),
    });
    expect(report.unreadable.map((entry) => entry.keyId)).toEqual(['new', 'new', 'new']);
    expect(await keyIds()).toEqual(['new', 'new', 'new']);
  });
});
