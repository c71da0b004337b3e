import { randomUUID } from 'node:crypto';
import { buildWebhook } from '@nexara/simulator';
import { Client } from 'pg';
import { errorCodes } from '../testing/graphql-client';
import { aPartner, aUser } from '../testing/identities';
import { startWebhookPipeline, type PipelineConnection, type WebhookPipeline } from '../testing/webhook-pipeline';

type EventNode = { id: string; provider: string; status: string; receivedAt: string; connection: { id: string } };
type Page = {
  totalCount: number;
  edges: { cursor: string; node: EventNode }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

const EVENTS = `query($filter: WebhookEventFilterInput, $first: Int, $after: String) {
  webhookEvents(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id provider status receivedAt connection { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Reading the inbox: keyset pages, filters, tenant isolation (GraphQL and row-level security), who may do what. */
describe('webhook events: queries and replay access (real PostgreSQL)', () => {
  let pipeline: WebhookPipeline;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  let jahez: PipelineConnection;
  let careem: PipelineConnection;
  let ofB: PipelineConnection;
  const idsOfA: string[] = [];
  let idOfB: string;
  let seed = 20_000;

  beforeAll(async () => {
    pipeline = await startWebhookPipeline();
    jahez = await pipeline.connect(tenantA, 'JAHEZ');
    careem = await pipeline.connect(tenantA, 'CAREEM');
    ofB = await pipeline.connect(tenantB, 'JAHEZ');
    for (const connection of [jahez, careem, jahez, careem, jahez]) {
      const result = await pipeline.receive(
        connection,
        await buildWebhook(connection, 'new_order', { seed: (seed += 1) }),
      );
      idsOfA.push(result.eventId!);
    }
    idOfB = (await pipeline.receive(ofB, await buildWebhook(ofB, 'new_order', { seed: (seed += 1) }))).eventId!;
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  const page = async (variables: Record<string, unknown>, tenantId = tenantA): Promise<Page> => {
    const response = await pipeline.graphql<{ webhookEvents: Page }>(EVENTS, variables, aUser(tenantId, 'STAFF'));
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data.webhookEvents;
  };

  it("lists the tenant's deliveries newest first, to every user role", async () => {
    const all = await page({});

    expect(all.totalCount).toBe(5);
    expect(all.edges.map((edge) => edge.node.id)).toEqual([...idsOfA].reverse());
    expect(all.pageInfo).toEqual({ hasNextPage: false, endCursor: all.edges.at(-1)!.cursor });
    expect(all.edges[0]!.node).toMatchObject({ provider: 'JAHEZ', status: 'QUEUED', connection: { id: jahez.id } });
  });

  it('pages with stable cursors, neither skipping nor repeating', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const current: Page = await page({ first: 2, after });
      expect(current.totalCount).toBe(5);
      seen.push(...current.edges.map((edge) => edge.node.id));
      after = current.pageInfo.hasNextPage ? current.pageInfo.endCursor : null;
      pages += 1;
    } while (after);

    expect(pages).toBe(3);
    expect(seen).toEqual([...idsOfA].reverse());
  });

  it.each([
    ['provider', { provider: ['CAREEM'] }, [1, 3]],
    ['connection', { connectionId: null }, [0, 2, 4]],
    ['status', { status: ['QUEUED'] }, [0, 1, 2, 3, 4]],
    ['a status none has', { status: ['DEAD', 'FAILED'] }, []],
  ])('filters by %s', async (_case, filter, indexes) => {
    const resolved = 'connectionId' in filter ? { connectionId: jahez.id } : filter;
    const filtered = await page({ filter: resolved });

    expect(filtered.totalCount).toBe(indexes.length);
    expect(filtered.edges.map((edge) => edge.node.id).sort()).toEqual(indexes.map((index) => idsOfA[index]!).sort());
  });

  it('filters by the time received: from inclusive, to exclusive', async () => {
    const all = await page({});
    const middle = all.edges[2]!.node.receivedAt;

    const fromMiddle = await page({ filter: { from: middle } });
    const beforeMiddle = await page({ filter: { to: middle } });
    expect(fromMiddle.edges.map((edge) => edge.node.id)).toEqual(all.edges.slice(0, 3).map((edge) => edge.node.id));
    expect(beforeMiddle.edges.map((edge) => edge.node.id)).toEqual(all.edges.slice(3).map((edge) => edge.node.id));
  });

  it("never shows another tenant's deliveries", async () => {
    const ofTenantB = await page({}, tenantB);
    expect(ofTenantB.edges.map((edge) => edge.node.id)).toEqual([idOfB]);

    const crossRead = await pipeline.graphql<{ webhookEvent: unknown }>(
      `query($id: ID!) { webhookEvent(id: $id) { id } }`,
      { id: idOfB },
      aUser(tenantA, 'TENANT_ADMIN'),
    );
    expect(crossRead.data).toEqual({ webhookEvent: null });
  });

  it('keeps rows apart in the database itself (row-level security for the service role)', async () => {
    const client = new Client({ connectionString: pipeline.db.serviceUrls.integrations });
    await client.connect();
    try {
      const count = async (): Promise<number> =>
        Number(
          (await client.query<{ count: string }>('select count(*) from integrations.webhook_events')).rows[0]!.count,
        );
      expect(await count()).toBe(0);
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantB]);
      expect(await count()).toBe(1);
      await expect(
        client.query(
          `insert into integrations.webhook_events (tenant_id, connection_id, provider, idempotency_key, method, sub_path, body, received_at)
           values ($1, $2, 'JAHEZ', 'sneaky', 'POST', '', '\\x7b7d', now())`,
          [tenantA, jahez.id],
        ),
      ).rejects.toThrow(/row-level security/);
      await client.query('rollback');
    } finally {
      await client.end();
    }
  });

  it.each([
    ['a partner API key', aPartner(tenantA, ['orders:read', 'connections:read']), 'FORBIDDEN'],
    ['an over-long page', aUser(tenantA, 'STAFF'), 'BAD_USER_INPUT'],
  ])('refuses %s', async (_case, identity, code) => {
    const response = await pipeline.graphql(EVENTS, { first: _case === 'an over-long page' ? 201 : 10 }, identity);
    expect(errorCodes(response)).toEqual([code]);
  });

  it('refuses a cursor it did not issue', async () => {
    const response = await pipeline.graphql(EVENTS, { after: 'bm90LWEtY3Vyc29y' }, aUser(tenantA, 'STAFF'));
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it.each([
    ['staff', aUser(tenantA, 'STAFF'), () => idsOfA[0]!, 'FORBIDDEN'],
    ['a partner', aPartner(tenantA, ['orders:write']), () => idsOfA[0]!, 'FORBIDDEN'],
    ['a manager, for an event still queued', aUser(tenantA, 'MANAGER'), () => idsOfA[0]!, 'BAD_USER_INPUT'],
    ['a tenant admin, for an unknown id', aUser(tenantA, 'TENANT_ADMIN'), () => randomUUID(), 'NOT_FOUND'],
    ["a tenant admin, for another tenant's event", aUser(tenantA, 'TENANT_ADMIN'), () => idOfB, 'NOT_FOUND'],
  ])('refuses a replay by %s', async (_case, identity, id, code) => {
    const response = await pipeline.graphql(
      `mutation($id: ID!) { replayWebhookEvent(id: $id) { id } }`,
      { id: id() },
      identity,
    );
    expect(errorCodes(response)).toEqual([code]);
  });

  it("refuses to replay another tenant's connection's dead events", async () => {
    const response = await pipeline.graphql(
      `mutation($id: ID!) { replayDeadWebhookEvents(connectionId: $id) }`,
      { id: ofB.id },
      aUser(tenantA, 'TENANT_ADMIN'),
    );
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
  });
});
