import { randomUUID } from 'node:crypto';
import type { Identity, Role } from '@nexara/kit';
import { createTestDatabase, testSecrets, type TestDatabase } from '@nexara/test-support';
import { aConnectProviderInput } from '../testing/connection-factory';
import { errorCodes } from '../testing/graphql-client';
import { aPartner, aService, aUser, tenantAdmin } from '../testing/identities';
import { startIntegrations, TEST_PUBLIC_URL, type RunningIntegrations } from '../testing/integrations-test-server';
import type { ConnectProviderRequest } from './connection.validation';

const CONNECT = /* GraphQL */ `
  mutation Connect($input: ConnectProviderInput!) {
    connectProvider(input: $input) {
      connection {
        id
        provider
        name
        status
        webhookUrl
        externalStoreId
        currency
        apiBaseUrl
        autoAccept
        branch {
          id
        }
        tenant {
          id
        }
        createdAt
        updatedAt
      }
      secret
    }
  }
`;

const CONNECTIONS = /* GraphQL */ `
  query {
    connections {
      id
      provider
      name
      webhookUrl
      tenant {
        id
      }
    }
  }
`;

const CONNECTION = /* GraphQL */ `
  query One($id: ID!) {
    connection(id: $id) {
      id
      provider
      name
      status
      webhookUrl
      currency
      tenant {
        id
      }
    }
  }
`;

const ENTITIES = /* GraphQL */ `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on ProviderConnection {
        id
        name
        provider
        webhookUrl
      }
    }
  }
`;

type ConnectionFields = {
  id: string;
  provider: string;
  name: string;
  status: string;
  webhookUrl: string;
  externalStoreId: string;
  currency: string;
  apiBaseUrl: string;
  autoAccept: boolean;
  branch: { id: string };
  tenant: { id: string };
  createdAt: string;
  updatedAt: string;
};
type ConnectData = { connectProvider: { connection: ConnectionFields; secret: string } };

describe('provider connections over HTTP (real PostgreSQL)', () => {
  let db: TestDatabase;
  let integrations: RunningIntegrations;
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  beforeAll(async () => {
    db = await createTestDatabase();
    integrations = await startIntegrations({
      databaseUrl: db.serviceUrls.integrations,
      internalTokenSecret: testSecrets.internalTokenSecret,
      encryptionKeys: testSecrets.secretsEncryptionKey,
    });
  });

  afterAll(async () => {
    await integrations?.server.close();
    await db?.drop();
  });

  async function connect(identity: Identity, overrides: Partial<ConnectProviderRequest> = {}) {
    return integrations.graphql<ConnectData>(CONNECT, { input: aConnectProviderInput(overrides) }, identity);
  }

  async function connected(identity: Identity, overrides: Partial<ConnectProviderRequest> = {}) {
    const response = await connect(identity, overrides);
    expect(response.errors).toEqual([]);
    return response.data!.connectProvider;
  }

  const countRows = async (table: 'connections' | 'connection_secrets'): Promise<number> => {
    const [row] = await db.queryAsAdmin<{ count: string }>(`select count(*) from integrations.${table}`);
    return Number(row!.count);
  };

  describe('connectProvider', () => {
    it('returns the connection with an absolute webhook URL and a generated secret, once', async () => {
      const branchId = randomUUID();
      const { connection, secret } = await connected(tenantAdmin(tenantA), {
        provider: 'TALABAT',
        name: 'Marina Talabat',
        branchId,
        externalStoreId: 'remote-7781',
        currency: 'aed',
        apiBaseUrl: 'https://talabat-sim.test/api/',
        autoAccept: true,
      });

      expect(connection).toMatchObject({
        provider: 'TALABAT',
        name: 'Marina Talabat',
        status: 'ACTIVE',
        externalStoreId: 'remote-7781',
        currency: 'AED',
        apiBaseUrl: 'https://talabat-sim.test/api',
        autoAccept: true,
        branch: { id: branchId },
        tenant: { id: tenantA },
      });
      expect(connection.webhookUrl).toMatch(new RegExp(`^${TEST_PUBLIC_URL}/webhooks/talabat/[A-Za-z0-9_-]{43}$`));
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
      expect(new Date(connection.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

      const connectionKey = connection.webhookUrl.split('/').pop()!;
      const [row] = await db.queryAsAdmin<{ connection_key: string; tenant_id: string }>(
        'select connection_key, tenant_id from integrations.connections where id = $1',
        [connection.id],
      );
      expect(row).toEqual({ connection_key: connectionKey, tenant_id: tenantA });
    });

    it('gives every connection its own connection key and secret', async () => {
      const first = await connected(tenantAdmin(tenantA));
      const second = await connected(tenantAdmin(tenantA));

      expect(first.connection.webhookUrl).not.toBe(second.connection.webhookUrl);
      expect(first.secret).not.toBe(second.secret);
    });

    it('stores the secret only encrypted, and no query can read it back', async () => {
      const { connection, secret } = await connected(tenantAdmin(tenantA));

      const [stored] = await db.queryAsAdmin<{
        key_id: string;
        iv: Buffer;
        ciphertext: Buffer;
        auth_tag: Buffer;
        row: string;
      }>(
        `select key_id, iv, ciphertext, auth_tag, s::text as row
           from integrations.connection_secrets s where connection_id = $1`,
        [connection.id],
      );
      expect(stored!.key_id).toBe(testSecrets.secretsEncryptionKey.split(':')[0]);
      expect(stored!.iv).toHaveLength(12);
      expect(stored!.auth_tag).toHaveLength(16);
      for (const column of [stored!.ciphertext, stored!.iv, stored!.auth_tag]) {
        expect(column.includes(Buffer.from(secret, 'utf8'))).toBe(false);
      }
      expect(stored!.row).not.toContain(secret);
      expect(stored!.row).not.toContain(Buffer.from(secret, 'utf8').toString('hex'));

      const asked = await integrations.graphql(
        'query One($id: ID!) { connection(id: $id) { id secret } }',
        { id: connection.id },
        tenantAdmin(tenantA),
      );
      expect(errorCodes(asked)).toEqual(['GRAPHQL_VALIDATION_FAILED']);

      const read = await integrations.graphql(CONNECTION, { id: connection.id }, tenantAdmin(tenantA));
      expect(read.errors).toEqual([]);
      expect(JSON.stringify(read.data)).not.toContain(secret);
    });

    it('stores a given provider secret so that it decrypts back to exactly that secret', async () => {
      const providerSecret = `deliveroo-shared-secret-${randomUUID()}`;
      const { connection, secret } = await connected(tenantAdmin(tenantA), { secret: providerSecret });

      expect(secret).toBe(providerSecret);
      const secrets = await integrations.server.services.connections.connectionSecrets(tenantA, connection.id);
      expect(secrets.map((s) => s.value)).toEqual([providerSecret]);
      expect(secrets[0]!.expiresAt).toBeNull();
    });

    it('decrypts a generated secret back to the value returned once', async () => {
      const { connection, secret } = await connected(tenantAdmin(tenantA));

      const secrets = await integrations.server.services.connections.connectionSecrets(tenantA, connection.id);
      expect(secrets.map((s) => s.value)).toEqual([secret]);
    });

    const roles: [string, 'allowed' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'BAD_USER_INPUT', Identity][] = [
      ['a tenant admin', 'allowed', aUser(tenantA, 'TENANT_ADMIN')],
      ['a platform admin acting in the tenant', 'allowed', aUser(tenantA, 'PLATFORM_ADMIN')],
      ['an internal service acting in the tenant (demo seeder)', 'allowed', aService(tenantA)],
      ['a manager', 'FORBIDDEN', aUser(tenantA, 'MANAGER')],
      ['a staff member', 'FORBIDDEN', aUser(tenantA, 'STAFF')],
      ['a partner API key', 'FORBIDDEN', aPartner(tenantA)],
      ['an anonymous caller', 'UNAUTHENTICATED', { kind: 'anonymous' }],
      ['an internal service acting in no tenant', 'BAD_USER_INPUT', aService(null)],
    ];

    it.each(roles)('as %s: %s', async (_who, outcome, identity) => {
      const before = [await countRows('connections'), await countRows('connection_secrets')];
      const response = await connect(identity);

      if (outcome === 'allowed') {
        expect(response.errors).toEqual([]);
        expect(response.data?.connectProvider.connection.tenant.id).toBe(tenantA);
        expect([await countRows('connections'), await countRows('connection_secrets')]).toEqual([
          before[0]! + 1,
          before[1]! + 1,
        ]);
      } else {
        expect(errorCodes(response)).toEqual([outcome]);
        expect(response.data).toBeNull();
        expect([await countRows('connections'), await countRows('connection_secrets')]).toEqual(before);
      }
    });

    const invalidInputs: [string, Partial<ConnectProviderRequest>][] = [
      ['an unknown currency', { currency: 'XYZ' }],
      ['a currency of the wrong shape', { currency: 'RIYAL' }],
      ['an ftp callback URL', { apiBaseUrl: 'ftp://deliveroo.test' }],
      ['a callback URL that is not a URL', { apiBaseUrl: 'deliveroo dot test' }],
      ['a blank name', { name: '  ' }],
      ['an empty external store id', { externalStoreId: '' }],
      ['a secret shorter than 16 characters', { secret: 'too-short' }],
      ['a branch id that is not a UUID', { branchId: 'main-branch' }],
    ];

    it.each(invalidInputs)('refuses %s as BAD_USER_INPUT and changes nothing', async (_case, overrides) => {
      const before = [await countRows('connections'), await countRows('connection_secrets')];
      const response = await connect(tenantAdmin(tenantA), overrides);

      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.data).toBeNull();
      expect([await countRows('connections'), await countRows('connection_secrets')]).toEqual(before);
    });

    it('refuses an unknown provider at the schema as BAD_USER_INPUT', async () => {
      const before = await countRows('connections');
      const response = await integrations.graphql(
        CONNECT,
        { input: { ...aConnectProviderInput(), provider: 'UBER_EATS' } },
        tenantAdmin(tenantA),
      );

      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(await countRows('connections')).toBe(before);
    });

    it('refuses a second connection to the same provider store in a tenant as CONFLICT, changing nothing', async () => {
      await connected(tenantAdmin(tenantA), { provider: 'JAHEZ', externalStoreId: 'jahez-branch-55' });
      const before = [await countRows('connections'), await countRows('connection_secrets')];

      const again = await connect(tenantAdmin(tenantA), { provider: 'JAHEZ', externalStoreId: 'jahez-branch-55' });

      expect(errorCodes(again)).toEqual(['CONFLICT']);
      expect([await countRows('connections'), await countRows('connection_secrets')]).toEqual(before);
    });

    it('allows the same provider store id for another provider, or in another tenant', async () => {
      await connected(tenantAdmin(tenantA), { provider: 'CAREEM', externalStoreId: 'shared-store-1' });

      await connected(tenantAdmin(tenantA), { provider: 'JAHEZ', externalStoreId: 'shared-store-1' });
      await connected(tenantAdmin(tenantB), { provider: 'CAREEM', externalStoreId: 'shared-store-1' });
    });
  });

  describe('reading connections', () => {
    it.each<[string, Role]>([
      ['staff', 'STAFF'],
      ['a manager', 'MANAGER'],
    ])('lets %s of the tenant read its connections (not connect them)', async (_who, role) => {
      const { connection } = await connected(tenantAdmin(tenantA));
      const listed = await integrations.graphql<{ connections: { id: string }[] }>(
        CONNECTIONS,
        {},
        aUser(tenantA, role),
      );

      expect(listed.errors).toEqual([]);
      expect(listed.data!.connections.map((c) => c.id)).toContain(connection.id);
    });

    it('needs the connections:read scope for a partner key', async () => {
      const withScope = await integrations.graphql(CONNECTIONS, {}, aPartner(tenantA, ['connections:read']));
      const withoutScope = await integrations.graphql(CONNECTIONS, {}, aPartner(tenantA, ['orders:read']));

      expect(withScope.errors).toEqual([]);
      expect(errorCodes(withoutScope)).toEqual(['FORBIDDEN']);
    });

    it('returns null for an unknown or malformed id', async () => {
      for (const id of [randomUUID(), 'not-a-uuid']) {
        const response = await integrations.graphql(CONNECTION, { id }, tenantAdmin(tenantA));
        expect(response.errors).toEqual([]);
        expect(response.data).toEqual({ connection: null });
      }
    });
  });

  describe('tenant isolation', () => {
    let connectionOfA: ConnectionFields;
    let connectionOfB: ConnectionFields;

    beforeAll(async () => {
      connectionOfA = (await connected(tenantAdmin(tenantA), { name: 'Only A sees this' })).connection;
      connectionOfB = (await connected(tenantAdmin(tenantB), { name: 'Only B sees this' })).connection;
    });

    it("lists only the caller's tenant's connections", async () => {
      const ofA = await integrations.graphql<{ connections: { id: string; tenant: { id: string } }[] }>(
        CONNECTIONS,
        {},
        tenantAdmin(tenantA),
      );
      const ofB = await integrations.graphql<{ connections: { id: string; tenant: { id: string } }[] }>(
        CONNECTIONS,
        {},
        tenantAdmin(tenantB),
      );

      expect(ofA.data!.connections.map((c) => c.id)).toContain(connectionOfA.id);
      expect(ofA.data!.connections.map((c) => c.id)).not.toContain(connectionOfB.id);
      expect(ofA.data!.connections.every((c) => c.tenant.id === tenantA)).toBe(true);
      expect(ofB.data!.connections.map((c) => c.id)).toContain(connectionOfB.id);
      expect(ofB.data!.connections.map((c) => c.id)).not.toContain(connectionOfA.id);
      expect(ofB.data!.connections.every((c) => c.tenant.id === tenantB)).toBe(true);
    });

    it("does not show tenant A's connection to tenant B's admin by id", async () => {
      const own = await integrations.graphql(CONNECTION, { id: connectionOfA.id }, tenantAdmin(tenantA));
      const foreign = await integrations.graphql(CONNECTION, { id: connectionOfA.id }, tenantAdmin(tenantB));

      expect(own.data).toEqual({ connection: expect.objectContaining({ id: connectionOfA.id }) });
      expect(foreign.errors).toEqual([]);
      expect(foreign.data).toEqual({ connection: null });
    });

    it("resolves _entities only within the caller's tenant", async () => {
      const representations = [
        { __typename: 'ProviderConnection', id: connectionOfA.id },
        { __typename: 'ProviderConnection', id: connectionOfB.id },
      ];
      const asA = await integrations.graphql<{ _entities: ({ id: string; name: string } | null)[] }>(
        ENTITIES,
        { representations },
        tenantAdmin(tenantA),
      );
      const asB = await integrations.graphql<{ _entities: ({ id: string; name: string } | null)[] }>(
        ENTITIES,
        { representations },
        tenantAdmin(tenantB),
      );

      expect(asA.errors).toEqual([]);
      expect(asA.data!._entities).toEqual([
        expect.objectContaining({ id: connectionOfA.id, name: 'Only A sees this' }),
        null,
      ]);
      expect(asB.errors).toEqual([]);
      expect(asB.data!._entities).toEqual([
        null,
        expect.objectContaining({ id: connectionOfB.id, name: 'Only B sees this' }),
      ]);
    });
  });

  describe('without a valid context token', () => {
    const operations: [string, string, Record<string, unknown>][] = [
      ['connections', CONNECTIONS, {}],
      ['connectProvider', CONNECT, { input: aConnectProviderInput() }],
      ['_entities', ENTITIES, { representations: [{ __typename: 'ProviderConnection', id: randomUUID() }] }],
      ['_service', 'query { _service { sdl } }', {}],
    ];

    it.each(operations)('answers %s with HTTP 401 and no data', async (_name, query, variables) => {
      const before = await countRows('connections');
      const response = await integrations.graphql(query, variables, null);

      expect(response.status).toBe(401);
      expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
      expect(response.data).toBeNull();
      expect(await countRows('connections')).toBe(before);
    });

    it('answers HTTP 401 to a token signed with another key', async () => {
      const response = await fetch(integrations.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-nexara-context': 'eyJhbGciOiJIUzI1NiJ9.eyJpZG4iOnsia2luZCI6InVzZXIifX0.c2lnbmF0dXJl',
        },
        body: JSON.stringify({ query: '{ connections { id } }' }),
      });

      expect(response.status).toBe(401);
    });
  });
});
