import { randomUUID } from 'node:crypto';
import type { Identity } from '@nexara/kit';
import { createTestDatabase, testSecrets, type TestDatabase } from '@nexara/test-support';
import { aConnectProviderInput } from '../testing/connection-factory';
import { errorCodes } from '../testing/graphql-client';
import { aPartner, aService, aUser, tenantAdmin } from '../testing/identities';
import { startIntegrations, type RunningIntegrations } from '../testing/integrations-test-server';
import { listenTo, type NotificationListener } from '../testing/notification-listener';
import { CONNECTION_CHANGED_CHANNEL } from './connection.service';
import type { ConnectProviderRequest } from './connection.validation';

const CONNECT = /* GraphQL */ `
  mutation Connect($input: ConnectProviderInput!) {
    connectProvider(input: $input) {
      connection {
        id
        webhookUrl
        status
        updatedAt
      }
      secret
    }
  }
`;
const ROTATE = /* GraphQL */ `
  mutation Rotate($id: ID!, $secret: String) {
    rotateConnectionSecret(id: $id, secret: $secret) {
      connection {
        id
        status
        updatedAt
      }
      secret
    }
  }
`;
const PAUSE = /* GraphQL */ `
  mutation Pause($id: ID!) {
    pauseConnection(id: $id) {
      id
      status
      updatedAt
    }
  }
`;
const RESUME = /* GraphQL */ `
  mutation Resume($id: ID!) {
    resumeConnection(id: $id) {
      id
      status
      updatedAt
    }
  }
`;
const ARCHIVE = /* GraphQL */ `
  mutation Archive($id: ID!) {
    archiveConnection(id: $id) {
      id
      status
      archivedAt
    }
  }
`;
const UNARCHIVE = /* GraphQL */ `
  mutation Unarchive($id: ID!) {
    unarchiveConnection(id: $id) {
      id
      status
      archivedAt
    }
  }
`;
const CONNECTIONS = /* GraphQL */ `
  query Connections($includeArchived: Boolean) {
    connections(includeArchived: $includeArchived) {
      id
      archivedAt
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateConnectionInput!) {
    updateConnection(input: $input) {
      id
      name
      autoAccept
      apiBaseUrl
      status
      updatedAt
    }
  }
`;

type Connected = { id: string; webhookUrl: string; status: string; updatedAt: string };
type ConnectionRow = {
  name: string;
  auto_accept: boolean;
  archived_at: Date | null;
  api_base_url: string;
  status: string;
  control_ids: Record<string, string>;
  updated_at: Date;
  created_at: Date;
};
type AuditRow = {
  at: Date;
  kind: string;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  detail: Record<string, unknown>;
};

const keyOf = (connection: { webhookUrl: string }): string => connection.webhookUrl.split('/').pop()!;
const actorOf = (identity: Identity): string => (identity.kind === 'user' ? `user:${identity.userId}` : 'other');

describe('managing provider connections (real PostgreSQL)', () => {
  let db: TestDatabase;
  let integrations: RunningIntegrations;
  let listener: NotificationListener;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const admin = tenantAdmin(tenantA);
  /** Every secret any test saw in clear: none may ever appear in the audit log. */
  const issuedSecrets: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    integrations = await startIntegrations({
      databaseUrl: db.serviceUrls.integrations,
      internalTokenSecret: testSecrets.internalTokenSecret,
      encryptionKeys: testSecrets.secretsEncryptionKey,
    });
    listener = await listenTo(db.serviceUrls.integrations, CONNECTION_CHANGED_CHANNEL);
  });

  afterAll(async () => {
    await listener?.close();
    await integrations?.server.close();
    await db?.drop();
  });

  async function connected(
    identity: Identity = admin,
    overrides: Partial<ConnectProviderRequest> = {},
  ): Promise<Connected> {
    const response = await integrations.graphql<{ connectProvider: { connection: Connected; secret: string } }>(
      CONNECT,
      { input: aConnectProviderInput(overrides) },
      identity,
    );
    expect(response.errors).toEqual([]);
    issuedSecrets.push(response.data!.connectProvider.secret);
    return response.data!.connectProvider.connection;
  }

  async function rotate(identity: Identity, id: string, secret?: string) {
    const response = await integrations.graphql<{
      rotateConnectionSecret: { connection: Connected; secret: string };
    }>(ROTATE, { id, secret }, identity);
    if (response.data) issuedSecrets.push(response.data.rotateConnectionSecret.secret);
    return response;
  }

  const secretValues = async (tenantId: string, id: string): Promise<string[]> =>
    (await integrations.server.services.connections.connectionSecrets(tenantId, id)).map((secret) => secret.value);

  const connectionRow = async (id: string): Promise<ConnectionRow> =>
    (await db.queryAsAdmin<ConnectionRow>('select * from integrations.connections where id = $1', [id]))[0]!;

  const secretRows = (id: string) =>
    db.queryAsAdmin<{ id: string; expires_at: Date | null; ciphertext: Buffer; row: string }>(
      `select id, expires_at, ciphertext, s::text as row from integrations.connection_secrets s
        where connection_id = $1 order by created_at, id`,
      [id],
    );

  const auditRows = (subjectId: string) =>
    db.queryAsAdmin<AuditRow>(
      `select at, kind, actor, action, subject_type, subject_id, detail from integrations.audit_log
        where subject_id = $1 order by at, action`,
      [subjectId],
    );

  /**
   * Commits a change to another connection and waits for its notification:
   * notifications arrive in commit order, so anything an earlier transaction
   * would have sent has arrived by then.
   */
  async function notificationBarrier(): Promise<void> {
    const other = await connected();
    const paused = await integrations.graphql(PAUSE, { id: other.id }, admin);
    expect(paused.errors).toEqual([]);
    await listener.waitFor(keyOf(other));
  }

  const notificationsFor = (connection: Connected): number =>
    listener.payloads.filter((p) => p === keyOf(connection)).length;

  describe('rotateConnectionSecret', () => {
    it('returns a new secret once; old and new both verify until the grace period ends, then only the new', async () => {
      const connection = await connected();
      const [original] = await secretValues(tenantA, connection.id);

      const response = await rotate(admin, connection.id);

      expect(response.errors).toEqual([]);
      const rotated = response.data!.rotateConnectionSecret;
      expect(rotated.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(rotated.secret).not.toBe(original);
      expect(rotated.connection.id).toBe(connection.id);
      expect(await secretValues(tenantA, connection.id)).toEqual([rotated.secret, original]);

      const rows = await secretRows(connection.id);
      expect(rows).toHaveLength(2);
      const [old, current] = rows;
      expect(current!.expires_at).toBeNull();
      const graceMs = old!.expires_at!.getTime() - Date.now();
      expect(graceMs).toBeGreaterThan(86_400_000 - 60_000);
      expect(graceMs).toBeLessThanOrEqual(86_400_000);

      // The grace period passes.
      await db.queryAsAdmin(
        `update integrations.connection_secrets set expires_at = now() - interval '1 second' where id = $1`,
        [old!.id],
      );
      expect(await secretValues(tenantA, connection.id)).toEqual([rotated.secret]);
    });

    it('stores the new secret only encrypted and never returns it again', async () => {
      const connection = await connected();
      const { secret } = (await rotate(admin, connection.id)).data!.rotateConnectionSecret;

      for (const row of await secretRows(connection.id)) {
        expect(row.ciphertext.includes(Buffer.from(secret, 'utf8'))).toBe(false);
        expect(row.row).not.toContain(secret);
      }
      const read = await integrations.graphql(
        'query One($id: ID!) { connection(id: $id) { id name webhookUrl status updatedAt } }',
        { id: connection.id },
        admin,
      );
      expect(JSON.stringify(read.data)).not.toContain(secret);
    });

    it('keeps a secret rotated out twice valid until its own expiry, and the latest one current', async () => {
      const connection = await connected();
      const [first] = await secretValues(tenantA, connection.id);
      const second = (await rotate(admin, connection.id)).data!.rotateConnectionSecret.secret;
      const third = (await rotate(admin, connection.id)).data!.rotateConnectionSecret.secret;

      expect(await secretValues(tenantA, connection.id)).toEqual([third, second, first]);
      const current = (await secretRows(connection.id)).filter((row) => row.expires_at === null);
      expect(current).toHaveLength(1);
    });

    it('stores a provider-issued secret as given', async () => {
      const connection = await connected();
      const providerSecret = `provider-issued-${randomUUID()}`;

      const response = await rotate(admin, connection.id, providerSecret);

      expect(response.errors).toEqual([]);
      expect(response.data!.rotateConnectionSecret.secret).toBe(providerSecret);
      expect((await secretValues(tenantA, connection.id))[0]).toBe(providerSecret);
    });

    it('refuses a provider secret shorter than 16 characters as BAD_USER_INPUT, changing nothing', async () => {
      const connection = await connected();
      const before = await secretRows(connection.id);

      const response = await rotate(admin, connection.id, 'fifteen-chars!!');

      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors[0]!.message).not.toContain('fifteen-chars!!');
      expect(await secretRows(connection.id)).toEqual(before);
      expect((await auditRows(connection.id)).map((row) => row.action)).toEqual(['PROVIDER_CONNECTED']);
    });

    it('honours SECRET_ROTATION_GRACE_SECONDS from the configuration', async () => {
      const shortGrace = await startIntegrations({
        databaseUrl: db.serviceUrls.integrations,
        internalTokenSecret: testSecrets.internalTokenSecret,
        encryptionKeys: testSecrets.secretsEncryptionKey,
        env: { SECRET_ROTATION_GRACE_SECONDS: '1' },
      });
      try {
        const connection = await connected();
        const [original] = await secretValues(tenantA, connection.id);
        const rotated = await shortGrace.graphql<{ rotateConnectionSecret: { secret: string } }>(
          ROTATE,
          { id: connection.id },
          admin,
        );
        const secret = rotated.data!.rotateConnectionSecret.secret;
        issuedSecrets.push(secret);

        expect(await secretValues(tenantA, connection.id)).toEqual([secret, original]);
        await new Promise((resolve) => setTimeout(resolve, 1_200));
        expect(await secretValues(tenantA, connection.id)).toEqual([secret]);
      } finally {
        await shortGrace.server.close();
      }
    });

    const roles: [string, 'allowed' | 'FORBIDDEN' | 'UNAUTHENTICATED', Identity][] = [
      ['a tenant admin', 'allowed', aUser(tenantA, 'TENANT_ADMIN')],
      ['a platform admin acting in the tenant', 'allowed', aUser(tenantA, 'PLATFORM_ADMIN')],
      ['an internal service acting in the tenant', 'allowed', aService(tenantA)],
      ['a manager', 'FORBIDDEN', aUser(tenantA, 'MANAGER')],
      ['a staff member', 'FORBIDDEN', aUser(tenantA, 'STAFF')],
      ['a partner API key', 'FORBIDDEN', aPartner(tenantA)],
      ['an anonymous caller', 'UNAUTHENTICATED', { kind: 'anonymous' }],
    ];

    it.each(roles)('as %s: %s', async (_who, outcome, identity) => {
      const connection = await connected();
      const before = await secretRows(connection.id);

      const response = await rotate(identity, connection.id);

      if (outcome === 'allowed') {
        expect(response.errors).toEqual([]);
        expect(await secretRows(connection.id)).toHaveLength(2);
      } else {
        expect(errorCodes(response)).toEqual([outcome]);
        expect(response.data).toBeNull();
        expect(await secretRows(connection.id)).toEqual(before);
        expect((await auditRows(connection.id)).map((row) => row.action)).toEqual(['PROVIDER_CONNECTED']);
      }
    });

    it("answers NOT_FOUND for another tenant's connection and leaves its secrets alone", async () => {
      const ofB = await connected(tenantAdmin(tenantB));
      const before = await secretRows(ofB.id);

      for (const id of [ofB.id, randomUUID(), 'not-a-uuid']) {
        expect(errorCodes(await rotate(admin, id))).toEqual(['NOT_FOUND']);
      }
      expect(await secretRows(ofB.id)).toEqual(before);
    });
  });

  describe('pauseConnection and resumeConnection', () => {
    it('lets a manager pause and resume; the webhook key lookup sees the status', async () => {
      const connection = await connected();
      const manager = aUser(tenantA, 'MANAGER');

      const paused = await integrations.graphql<{ pauseConnection: Connected }>(PAUSE, { id: connection.id }, manager);
      expect(paused.errors).toEqual([]);
      expect(paused.data!.pauseConnection.status).toBe('PAUSED');
      expect((await integrations.server.services.connections.findConnectionByKey(keyOf(connection)))?.status).toBe(
        'PAUSED',
      );

      const resumed = await integrations.graphql<{ resumeConnection: Connected }>(
        RESUME,
        { id: connection.id },
        manager,
      );
      expect(resumed.errors).toEqual([]);
      expect(resumed.data!.resumeConnection.status).toBe('ACTIVE');
      expect((await connectionRow(connection.id)).status).toBe('ACTIVE');
    });

    it('is idempotent: a second pause (or resume) succeeds and changes nothing', async () => {
      const connection = await connected();
      await integrations.graphql(PAUSE, { id: connection.id }, admin);
      const afterFirst = await connectionRow(connection.id);

      const again = await integrations.graphql<{ pauseConnection: Connected }>(PAUSE, { id: connection.id }, admin);

      expect(again.errors).toEqual([]);
      expect(again.data!.pauseConnection.status).toBe('PAUSED');
      expect(await connectionRow(connection.id)).toEqual(afterFirst);

      await integrations.graphql(RESUME, { id: connection.id }, admin);
      const afterResume = await connectionRow(connection.id);
      const resumeAgain = await integrations.graphql<{ resumeConnection: Connected }>(
        RESUME,
        { id: connection.id },
        admin,
      );
      expect(resumeAgain.data!.resumeConnection.status).toBe('ACTIVE');
      expect(await connectionRow(connection.id)).toEqual(afterResume);
    });

    it.each<[string, Identity]>([
      ['a staff member', aUser(tenantA, 'STAFF')],
      ['a partner API key', aPartner(tenantA)],
    ])('refuses %s as FORBIDDEN', async (_who, identity) => {
      const connection = await connected();

      for (const mutation of [PAUSE, RESUME]) {
        expect(errorCodes(await integrations.graphql(mutation, { id: connection.id }, identity))).toEqual([
          'FORBIDDEN',
        ]);
      }
      expect((await connectionRow(connection.id)).status).toBe('ACTIVE');
    });

    it("answers NOT_FOUND for another tenant's connection", async () => {
      const ofB = await connected(tenantAdmin(tenantB));

      expect(errorCodes(await integrations.graphql(PAUSE, { id: ofB.id }, admin))).toEqual(['NOT_FOUND']);
      expect((await connectionRow(ofB.id)).status).toBe('ACTIVE');
    });
  });

  describe('updateConnection', () => {
    it('changes only the fields given, normalised like connectProvider', async () => {
      const connection = await connected(admin, {
        name: 'Before',
        autoAccept: false,
        apiBaseUrl: 'https://api.before.test',
      });
      const before = await connectionRow(connection.id);

      const renamed = await integrations.graphql<{ updateConnection: Record<string, unknown> }>(
        UPDATE,
        { input: { id: connection.id, name: '  After  ' } },
        admin,
      );
      expect(renamed.errors).toEqual([]);
      expect(renamed.data!.updateConnection).toMatchObject({
        name: 'After',
        autoAccept: false,
        apiBaseUrl: 'https://api.before.test',
      });

      const rest = await integrations.graphql<{ updateConnection: Record<string, unknown> }>(
        UPDATE,
        { input: { id: connection.id, autoAccept: true, apiBaseUrl: 'http://callbacks.after.test/v2/', name: null } },
        admin,
      );
      expect(rest.errors).toEqual([]);
      const after = await connectionRow(connection.id);
      expect(after).toMatchObject({
        name: 'After',
        auto_accept: true,
        api_base_url: 'http://callbacks.after.test/v2',
        status: 'ACTIVE',
        created_at: before.created_at,
      });
      expect(after.updated_at.getTime()).toBeGreaterThan(before.updated_at.getTime());
    });

    it("sets the provider's control ids, replacing them all, and the directory's next read carries them", async () => {
      const connection = await connected();
      const set = async (controlIds: Record<string, string>) =>
        integrations.graphql<{ updateConnection: { controlIds: Record<string, string> } }>(
          `mutation U($input: UpdateConnectionInput!) { updateConnection(input: $input) { controlIds } }`,
          { input: { id: connection.id, controlIds } },
          admin,
        );
      expect((await set({ brandId: ' b-1 ', clientId: 'c-9' })).data!.updateConnection.controlIds).toEqual({
        brandId: 'b-1',
        clientId: 'c-9',
      });
      expect((await set({ menuId: 'm-2' })).data!.updateConnection.controlIds).toEqual({ menuId: 'm-2' });
      expect((await connectionRow(connection.id)).control_ids).toEqual({ menuId: 'm-2' });
      expect((await integrations.server.directory.findById(tenantA, connection.id))!.controlIds).toEqual({
        menuId: 'm-2',
      });
    });

    const invalid: [string, Record<string, unknown>][] = [
      ['control ids with a name that is not a word', { controlIds: { 'brand id': 'b1' } }],
      ['control ids with an empty value', { controlIds: { brandId: ' ' } }],
      ['control ids with a value that is not a string', { controlIds: { brandId: 7 } }],
      ['a blank name', { name: '   ' }],
      ['a name over 200 characters', { name: 'n'.repeat(201) }],
      ['an ftp callback URL', { apiBaseUrl: 'ftp://callbacks.test' }],
      ['a callback URL that is not a URL', { apiBaseUrl: 'callbacks dot test' }],
      ['a valid name beside an invalid URL', { name: 'Fine', apiBaseUrl: 'nope' }],
      ['no field at all', {}],
    ];

    it.each(invalid)('refuses %s as BAD_USER_INPUT and changes nothing', async (_case, fields) => {
      const connection = await connected();
      const before = await connectionRow(connection.id);

      const response = await integrations.graphql(UPDATE, { input: { id: connection.id, ...fields } }, admin);

      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.data).toBeNull();
      expect(await connectionRow(connection.id)).toEqual(before);
      expect((await auditRows(connection.id)).map((row) => row.action)).toEqual(['PROVIDER_CONNECTED']);
    });

    it.each<[string, Identity]>([
      ['a manager', aUser(tenantA, 'MANAGER')],
      ['a staff member', aUser(tenantA, 'STAFF')],
    ])('refuses %s as FORBIDDEN', async (_who, identity) => {
      const connection = await connected();
      const before = await connectionRow(connection.id);

      const response = await integrations.graphql(UPDATE, { input: { id: connection.id, name: 'Hijacked' } }, identity);

      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
      expect(await connectionRow(connection.id)).toEqual(before);
    });

    it("answers NOT_FOUND for another tenant's connection", async () => {
      const ofB = await connected(tenantAdmin(tenantB));
      const before = await connectionRow(ofB.id);

      const response = await integrations.graphql(UPDATE, { input: { id: ofB.id, name: 'Hijacked' } }, admin);

      expect(errorCodes(response)).toEqual(['NOT_FOUND']);
      expect(await connectionRow(ofB.id)).toEqual(before);
    });
  });

  describe('archiveConnection and unarchiveConnection', () => {
    type Archived = { id: string; status: string; archivedAt: string | null };
    const listed = async (includeArchived?: boolean) => {
      const response = await integrations.graphql<{ connections: Archived[] }>(
        CONNECTIONS,
        includeArchived === undefined ? {} : { includeArchived },
        admin,
      );
      expect(response.errors).toEqual([]);
      return response.data!.connections.map((connection) => connection.id);
    };

    it('hides an archived connection unless asked, keeps its status, and audits both ways once', async () => {
      const connection = await connected();
      await integrations.graphql(PAUSE, { id: connection.id }, admin);

      const archived = await integrations.graphql<{ archiveConnection: Archived }>(
        ARCHIVE,
        { id: connection.id },
        admin,
      );
      expect(archived.errors).toEqual([]);
      expect(archived.data!.archiveConnection).toMatchObject({ status: 'PAUSED', archivedAt: expect.any(String) });
      expect(await listed()).not.toContain(connection.id);
      expect(await listed(false)).not.toContain(connection.id);
      expect(await listed(true)).toContain(connection.id);

      // Again: nothing changes, the first archive time stays.
      const again = await integrations.graphql<{ archiveConnection: Archived }>(ARCHIVE, { id: connection.id }, admin);
      expect(again.data!.archiveConnection.archivedAt).toBe(archived.data!.archiveConnection.archivedAt);

      const back = await integrations.graphql<{ unarchiveConnection: Archived }>(
        UNARCHIVE,
        { id: connection.id },
        admin,
      );
      expect(back.data!.unarchiveConnection).toEqual({ id: connection.id, status: 'PAUSED', archivedAt: null });
      expect(await listed()).toContain(connection.id);

      const rows = await auditRows(connection.id);
      expect(rows.map((row) => row.action)).toEqual(
        expect.arrayContaining(['CONNECTION_ARCHIVED', 'CONNECTION_UNARCHIVED']),
      );
      const archives = rows.filter((row) => row.action === 'CONNECTION_ARCHIVED');
      expect(archives.map((row) => row.detail['changed'])).toEqual([true, false]);
      expect(archives.every((row) => row.actor === actorOf(admin))).toBe(true);
    });

    it.each<[string, Identity]>([
      ['a manager', aUser(tenantA, 'MANAGER')],
      ['a staff member', aUser(tenantA, 'STAFF')],
      ['a partner API key', aPartner(tenantA)],
    ])('refuses %s as FORBIDDEN, changing nothing', async (_who, identity) => {
      const connection = await connected();
      const before = await connectionRow(connection.id);
      expect(errorCodes(await integrations.graphql(ARCHIVE, { id: connection.id }, identity))).toEqual(['FORBIDDEN']);
      expect(await connectionRow(connection.id)).toEqual(before);
    });

    it("answers NOT_FOUND for another tenant's connection", async () => {
      const ofB = await connected(tenantAdmin(tenantB));
      for (const id of [ofB.id, randomUUID(), 'not-a-uuid']) {
        expect(errorCodes(await integrations.graphql(ARCHIVE, { id }, admin))).toEqual(['NOT_FOUND']);
      }
      expect(await connectionRow(ofB.id)).toMatchObject({ archived_at: null });
    });
  });

  describe('audit trail', () => {
    it('records each action in the transaction of its change, naming the actor and never the secret', async () => {
      const manager = aUser(tenantA, 'MANAGER');
      const connection = await connected(admin, { provider: 'TALABAT', currency: 'KWD' });
      const afterConnect = await connectionRow(connection.id);
      const audited: { action: string; changedAt: Date; actor: Identity }[] = [
        { action: 'PROVIDER_CONNECTED', changedAt: afterConnect.created_at, actor: admin },
      ];
      const step = async (action: string, actor: Identity, call: () => Promise<{ errors: unknown[] }>) => {
        expect((await call()).errors).toEqual([]);
        audited.push({ action, changedAt: (await connectionRow(connection.id)).updated_at, actor });
      };

      await step('CONNECTION_SECRET_ROTATED', admin, () => rotate(admin, connection.id));
      await step('CONNECTION_PAUSED', manager, () => integrations.graphql(PAUSE, { id: connection.id }, manager));
      await step('CONNECTION_RESUMED', manager, () => integrations.graphql(RESUME, { id: connection.id }, manager));
      await step('CONNECTION_UPDATED', admin, () =>
        integrations.graphql(UPDATE, { input: { id: connection.id, name: 'Renamed', autoAccept: true } }, admin),
      );

      const rows = await auditRows(connection.id);
      expect(rows.map((row) => row.action)).toEqual(audited.map((entry) => entry.action));
      rows.forEach((row, index) => {
        const expected = audited[index]!;
        expect(row).toMatchObject({
          kind: 'ADMIN_ACTION',
          actor: actorOf(expected.actor),
          subject_type: 'ProviderConnection',
        });
        // now() is the transaction's start: the same instant on the change and its audit row means one transaction.
        expect(row.at.getTime()).toBe(expected.changedAt.getTime());
      });
      expect(rows[0]!.detail).toMatchObject({ provider: 'TALABAT', currency: 'KWD', secretGenerated: true });
      expect(rows[1]!.detail).toMatchObject({ secretGenerated: true, graceSeconds: 86_400 });
      expect(rows[2]!.detail).toEqual({ from: 'ACTIVE', to: 'PAUSED', changed: true });
      expect(rows[4]!.detail).toEqual({
        changes: { name: { from: afterConnect.name, to: 'Renamed' }, autoAccept: { from: false, to: true } },
      });
    });

    it('writes no audit row, no change and no notification when the action fails inside its transaction', async () => {
      const connection = await connected();
      const before = await connectionRow(connection.id);
      const secretsBefore = await secretRows(connection.id);
      // A constraint the audit insert violates makes the last statement of each transaction fail.
      await db.queryAsAdmin(
        `alter table integrations.audit_log add constraint test_refuses_audit
           check (subject_id is distinct from '${connection.id}') not valid`,
      );
      try {
        expect(errorCodes(await integrations.graphql(PAUSE, { id: connection.id }, admin))).toEqual([
          'INTERNAL_SERVER_ERROR',
        ]);
        expect(errorCodes(await rotate(admin, connection.id))).toEqual(['INTERNAL_SERVER_ERROR']);
        expect(
          errorCodes(await integrations.graphql(UPDATE, { input: { id: connection.id, name: 'Never' } }, admin)),
        ).toEqual(['INTERNAL_SERVER_ERROR']);
      } finally {
        await db.queryAsAdmin('alter table integrations.audit_log drop constraint test_refuses_audit');
      }

      expect(await connectionRow(connection.id)).toEqual(before);
      expect(await secretRows(connection.id)).toEqual(secretsBefore);
      expect((await auditRows(connection.id)).map((row) => row.action)).toEqual(['PROVIDER_CONNECTED']);
      await notificationBarrier();
      expect(notificationsFor(connection)).toBe(0);
    });

    it('writes no audit row when connectProvider is refused', async () => {
      const [before] = await db.queryAsAdmin<{ count: string }>('select count(*) from integrations.audit_log');
      await connected(admin, { provider: 'JAHEZ', externalStoreId: 'jahez-audit-1' });

      const again = await integrations.graphql(
        CONNECT,
        { input: aConnectProviderInput({ provider: 'JAHEZ', externalStoreId: 'jahez-audit-1' }) },
        admin,
      );

      expect(errorCodes(again)).toEqual(['CONFLICT']);
      const [after] = await db.queryAsAdmin<{ count: string }>('select count(*) from integrations.audit_log');
      expect(Number(after!.count)).toBe(Number(before!.count) + 1);
    });
  });

  describe('change notifications', () => {
    it('notifies the connection key once per committed change, and not for a change that changes nothing', async () => {
      const connection = await connected();
      const key = keyOf(connection);
      expect(notificationsFor(connection)).toBe(0);

      const changes: [string, () => Promise<{ errors: unknown[] }>][] = [
        ['rotate', () => rotate(admin, connection.id)],
        ['pause', () => integrations.graphql(PAUSE, { id: connection.id }, admin)],
        ['resume', () => integrations.graphql(RESUME, { id: connection.id }, admin)],
        ['update', () => integrations.graphql(UPDATE, { input: { id: connection.id, name: 'Notified' } }, admin)],
      ];
      for (const [index, [, change]] of changes.entries()) {
        expect((await change()).errors).toEqual([]);
        const deadline = Date.now() + 5_000;
        while (notificationsFor(connection) < index + 1 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        expect(notificationsFor(connection)).toBe(index + 1);
      }
      expect(listener.payloads).toContain(key);

      // Resuming an active connection, and renaming to the same name, change nothing: no notification.
      expect((await integrations.graphql(RESUME, { id: connection.id }, admin)).errors).toEqual([]);
      expect(
        (await integrations.graphql(UPDATE, { input: { id: connection.id, name: 'Notified' } }, admin)).errors,
      ).toEqual([]);
      await notificationBarrier();
      expect(notificationsFor(connection)).toBe(changes.length);
    });

    it('sends nothing for a refused change', async () => {
      const connection = await connected();

      expect(errorCodes(await integrations.graphql(PAUSE, { id: connection.id }, aUser(tenantA, 'STAFF')))).toEqual([
        'FORBIDDEN',
      ]);
      expect(
        errorCodes(await integrations.graphql(UPDATE, { input: { id: connection.id, name: ' ' } }, admin)),
      ).toEqual(['BAD_USER_INPUT']);
      await notificationBarrier();
      expect(notificationsFor(connection)).toBe(0);
    });
  });

  // Last, so it sees every secret handed out in this file.
  it('never writes any secret handed out into the audit log', async () => {
    const rows = await db.queryAsAdmin<{ row: string }>('select a::text as row from integrations.audit_log a');
    expect(rows.length).toBeGreaterThan(20);
    expect(issuedSecrets.length).toBeGreaterThan(20);
    for (const secret of issuedSecrets) {
      for (const row of rows) expect(row.row).not.toContain(secret);
    }
  });
});
