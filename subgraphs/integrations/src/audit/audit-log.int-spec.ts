import { randomUUID } from 'node:crypto';
import type { Identity } from '@nexara/kit';
import { createTestDatabase, testSecrets, type TestDatabase } from '@nexara/test-support';
import { aConnectProviderInput } from '../testing/connection-factory';
import { errorCodes } from '../testing/graphql-client';
import { aPartner, aService, aUser, tenantAdmin } from '../testing/identities';
import { startIntegrations, type RunningIntegrations } from '../testing/integrations-test-server';

const AUDIT_LOG = /* GraphQL */ `
  query Audit($first: Int, $after: String) {
    auditLog(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          at
          kind
          actor
          action
          subjectType
          subjectId
          detail
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

type AuditNode = {
  id: string;
  at: string;
  kind: string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  detail: Record<string, unknown>;
};
type AuditPage = {
  totalCount: number;
  edges: { cursor: string; node: AuditNode }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

describe('auditLog over HTTP (real PostgreSQL)', () => {
  let db: TestDatabase;
  let integrations: RunningIntegrations;

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

  async function page(
    identity: Identity,
    variables: { first?: number; after?: string | null } = {},
  ): Promise<AuditPage> {
    const response = await integrations.graphql<{ auditLog: AuditPage }>(AUDIT_LOG, variables, identity);
    expect(response.errors).toEqual([]);
    return response.data!.auditLog;
  }

  /**
   * Entries written straight into the table with chosen instants: several at
   * exactly the same microsecond (only the id orders them) and some a single
   * microsecond apart (a millisecond cursor would skip or repeat them).
   */
  async function seedEntries(tenantId: string): Promise<string[]> {
    const instants = [
      '2026-11-01T10:00:00.000001Z',
      '2026-11-01T10:00:00.000002Z',
      '2026-11-01T10:00:00.000002Z',
      '2026-11-01T10:00:00.000002Z',
      '2026-11-01T10:00:00.000003Z',
      '2026-11-01T09:00:00.000000Z',
      '2026-11-02T08:00:00.999999Z',
    ];
    for (const [index, at] of instants.entries()) {
      await db.queryAsAdmin(
        `insert into integrations.audit_log (tenant_id, at, kind, actor, action, subject_type, subject_id, detail)
         values ($1, $2, $3, 'user:seed', $4, 'ProviderConnection', $5, $6)`,
        [
          tenantId,
          at,
          index % 3 === 0 ? 'SECURITY_EVENT' : 'ADMIN_ACTION',
          `ACTION_${index}`,
          randomUUID(),
          JSON.stringify({ index, nested: { ok: true } }),
        ],
      );
    }
    const rows = await db.queryAsAdmin<{ id: string }>(
      'select id from integrations.audit_log where tenant_id = $1 order by at desc, id desc',
      [tenantId],
    );
    return rows.map((row) => row.id);
  }

  describe('pagination', () => {
    const tenant = randomUUID();
    let expectedOrder: string[];

    beforeAll(async () => {
      expectedOrder = await seedEntries(tenant);
    });

    it('walks every entry once, newest first then by id, with stable cursors and the total on every page', async () => {
      const admin = tenantAdmin(tenant);
      const seen: string[] = [];
      const pages: AuditPage[] = [];
      let after: string | null = null;
      do {
        const current = await page(admin, { first: 2, after });
        pages.push(current);
        seen.push(...current.edges.map((edge) => edge.node.id));
        after = current.pageInfo.hasNextPage ? current.pageInfo.endCursor : null;
      } while (after);

      expect(seen).toEqual(expectedOrder);
      expect(pages.map((p) => p.edges.length)).toEqual([2, 2, 2, 1]);
      expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, true, false]);
      for (const p of pages) {
        expect(p.totalCount).toBe(7);
        expect(p.pageInfo.endCursor).toBe(p.edges.at(-1)!.cursor);
      }
    });

    it('returns each field, the detail as a JSON object', async () => {
      const first = (await page(tenantAdmin(tenant), { first: 1 })).edges[0]!.node;

      expect(first).toMatchObject({
        at: '2026-11-02T08:00:00.999Z',
        kind: 'SECURITY_EVENT',
        actor: 'user:seed',
        action: 'ACTION_6',
        subjectType: 'ProviderConnection',
        detail: { index: 6, nested: { ok: true } },
      });
      expect(first.subjectId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('keeps the next page where it was when newer entries arrive in between', async () => {
      const admin = tenantAdmin(tenant);
      const firstPage = await page(admin, { first: 3 });
      await db.queryAsAdmin(
        `insert into integrations.audit_log (tenant_id, kind, actor, action, subject_type) values ($1, 'ADMIN_ACTION', 'user:x', 'LATE', 'ProviderConnection')`,
        [tenant],
      );

      const next = await page(admin, { first: 3, after: firstPage.pageInfo.endCursor });

      expect(next.edges.map((edge) => edge.node.id)).toEqual(expectedOrder.slice(3, 6));
      expect(next.totalCount).toBe(8);
      expect((await page(admin, { first: 1 })).edges[0]!.node.action).toBe('LATE');
    });

    it('gives 50 entries by default, and none (but hasNextPage) for first: 0', async () => {
      const busy = randomUUID();
      await db.queryAsAdmin(
        `insert into integrations.audit_log (tenant_id, at, kind, actor, action, subject_type)
         select $1, now() - make_interval(secs => n), 'ADMIN_ACTION', 'user:x', 'BULK_' || n, 'ProviderConnection'
           from generate_series(1, 55) n`,
        [busy],
      );

      const byDefault = await page(tenantAdmin(busy));
      expect(byDefault.edges).toHaveLength(50);
      expect(byDefault.edges[0]!.node.action).toBe('BULK_1');
      expect(byDefault.pageInfo.hasNextPage).toBe(true);
      expect(byDefault.totalCount).toBe(55);

      const none = await page(tenantAdmin(busy), { first: 0 });
      expect(none).toEqual({ totalCount: 55, edges: [], pageInfo: { hasNextPage: true, endCursor: null } });
    });

    it.each<[string, Record<string, unknown>]>([
      ['first below 0', { first: -1 }],
      ['first above 200', { first: 201 }],
      ['a cursor that is not ours', { after: 'abc' }],
      ['a forged cursor', { after: Buffer.from("a1|2026-11-01T10:00:00.000001Z' or '1'='1|x").toString('base64url') }],
    ])('refuses %s as BAD_USER_INPUT', async (_case, variables) => {
      const response = await integrations.graphql(AUDIT_LOG, variables, tenantAdmin(tenant));

      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.data).toBeNull();
    });
  });

  describe('tenant isolation', () => {
    it("shows only the caller's tenant's entries, counts included, even given another tenant's cursor", async () => {
      const tenantA = randomUUID();
      const tenantB = randomUUID();
      const ofA = await seedEntries(tenantA);
      const ofB = await seedEntries(tenantB);

      const asA = await page(tenantAdmin(tenantA), { first: 200 });
      const asB = await page(tenantAdmin(tenantB), { first: 200 });
      expect(asA.edges.map((edge) => edge.node.id)).toEqual(ofA);
      expect(asB.edges.map((edge) => edge.node.id)).toEqual(ofB);
      expect([asA.totalCount, asB.totalCount]).toEqual([7, 7]);

      const cursorOfB = asB.edges[0]!.cursor;
      const withForeignCursor = await page(tenantAdmin(tenantA), { first: 200, after: cursorOfB });
      expect(withForeignCursor.edges.every((edge) => ofA.includes(edge.node.id))).toBe(true);
    });

    it("records a tenant's own admin actions where only it sees them", async () => {
      const tenantA = randomUUID();
      const tenantB = randomUUID();
      const { connection } = await integrations.server.services.connections.connectProvider(
        tenantAdmin(tenantA),
        aConnectProviderInput(),
      );

      const asA = await page(aUser(tenantA, 'MANAGER'));
      const asB = await page(tenantAdmin(tenantB));

      expect(asA.edges.map((edge) => edge.node)).toEqual([
        expect.objectContaining({ kind: 'ADMIN_ACTION', action: 'PROVIDER_CONNECTED', subjectId: connection.id }),
      ]);
      expect(asB).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    });
  });

  describe('access', () => {
    const tenant = randomUUID();
    const cases: [string, 'allowed' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'BAD_USER_INPUT', Identity][] = [
      ['a tenant admin', 'allowed', aUser(tenant, 'TENANT_ADMIN')],
      ['a manager', 'allowed', aUser(tenant, 'MANAGER')],
      ['a platform admin acting in the tenant', 'allowed', aUser(tenant, 'PLATFORM_ADMIN')],
      ['an internal service acting in the tenant', 'allowed', aService(tenant)],
      ['a staff member', 'FORBIDDEN', aUser(tenant, 'STAFF')],
      ['a partner API key', 'FORBIDDEN', aPartner(tenant, ['connections:read', 'orders:read'])],
      ['an anonymous caller', 'UNAUTHENTICATED', { kind: 'anonymous' }],
      ['an internal service acting in no tenant', 'BAD_USER_INPUT', aService(null)],
    ];

    it.each(cases)('as %s: %s', async (_who, outcome, identity) => {
      const response = await integrations.graphql<{ auditLog: AuditPage }>(AUDIT_LOG, {}, identity);

      if (outcome === 'allowed') {
        expect(response.errors).toEqual([]);
        expect(response.data!.auditLog.totalCount).toBe(0);
      } else {
        expect(errorCodes(response)).toEqual([outcome]);
        expect(response.data).toBeNull();
      }
    });
  });

  describe('security events', () => {
    const CONNECTION_EVENTS = /* GraphQL */ `
      query One($id: ID!) {
        connection(id: $id) {
          id
          securityEventsLastHour
        }
      }
    `;

    it('counts rejected webhooks of the last hour on the connection and lists the first of each minute', async () => {
      const tenant = randomUUID();
      const connections = integrations.server.services.connections;
      const audit = integrations.server.services.audit;
      const { connection } = await connections.connectProvider(tenantAdmin(tenant), aConnectProviderInput());
      const { connection: quiet } = await connections.connectProvider(tenantAdmin(tenant), aConnectProviderInput());
      const now = new Date();
      const twoHoursAgo = new Date(now.getTime() - 2 * 3_600_000);

      for (let i = 0; i < 3; i += 1) {
        await audit.recordSecurityEvent({
          tenantId: tenant,
          connectionId: connection.id,
          code: 'BAD_SIGNATURE',
          detail: { i },
          at: now,
        });
      }
      await audit.recordSecurityEvent({
        tenantId: tenant,
        connectionId: connection.id,
        code: 'STALE_TIMESTAMP',
        detail: {},
        at: now,
      });
      await audit.recordSecurityEvent({
        tenantId: tenant,
        connectionId: connection.id,
        code: 'BAD_SIGNATURE',
        detail: {},
        at: twoHoursAgo,
      });

      const read = async (id: string, identity: Identity = aUser(tenant, 'STAFF')) =>
        (
          await integrations.graphql<{ connection: { securityEventsLastHour: number } | null }>(
            CONNECTION_EVENTS,
            { id },
            identity,
          )
        ).data?.connection?.securityEventsLastHour;

      expect(await read(connection.id)).toBe(4);
      expect(await read(quiet.id)).toBe(0);
      expect(await read(connection.id, tenantAdmin(randomUUID()))).toBeUndefined();

      const log = await page(tenantAdmin(tenant));
      const events = log.edges.map((edge) => edge.node).filter((node) => node.kind === 'SECURITY_EVENT');
      expect(events.map((node) => node.action).sort()).toEqual([
        'WEBHOOK_REJECTED:BAD_SIGNATURE',
        'WEBHOOK_REJECTED:BAD_SIGNATURE',
        'WEBHOOK_REJECTED:STALE_TIMESTAMP',
      ]);
      expect(events.every((node) => node.actor === 'webhook-sender' && node.subjectId === connection.id)).toBe(true);
    });

    it('reads securityEventsLastHour in the list of connections too', async () => {
      const tenant = randomUUID();
      const { connection } = await integrations.server.services.connections.connectProvider(
        tenantAdmin(tenant),
        aConnectProviderInput(),
      );
      await integrations.server.services.audit.recordSecurityEvent({
        tenantId: tenant,
        connectionId: connection.id,
        code: 'BAD_TOKEN',
        detail: {},
      });

      const listed = await integrations.graphql<{ connections: { id: string; securityEventsLastHour: number }[] }>(
        '{ connections { id securityEventsLastHour } }',
        {},
        aUser(tenant, 'MANAGER'),
      );

      expect(listed.errors).toEqual([]);
      expect(listed.data!.connections).toEqual([{ id: connection.id, securityEventsLastHour: 1 }]);
    });
  });
});
