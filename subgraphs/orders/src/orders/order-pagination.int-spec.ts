import { randomUUID } from 'node:crypto';
import { aPartner, aUser } from '../testing/identities';
import { ORDERS_PAGE, type OrdersPageResult } from '../testing/order-operations';
import { dataOf, errorCodes, startOrdersTestEnv, type OrdersTestEnv } from '../testing/orders-test-env';

type OrderBy = { field: 'PLACED_AT' | 'TOTAL' | 'STATUS' | 'PROVIDER' | 'ACCEPT_BY'; direction: 'ASC' | 'DESC' };

const TOTAL = 1000;
const PAGE = 37;

/**
 * 1,000 orders in one statement. Timestamps come in groups of three equal
 * instants plus one a microsecond later, so the id tie-break and the
 * cursor's microsecond precision both matter. Totals repeat (50 values) and
 * one order in five has no accept-by deadline, so every sort has long runs of
 * equal keys that straddle page edges.
 */
const INSERT_ORDERS = `
  insert into orders.orders (tenant_id, id, connection_id, provider, external_id, display_code, status, placed_at, accept_by,
                             currency, subtotal, delivery_fee, discount, tax, tip, total, customer, items)
  select $1::uuid, gen_random_uuid(),
         case when i % 3 = 0 then $2::uuid else $3::uuid end,
         (array['CAREEM', 'TALABAT', 'DELIVEROO', 'JAHEZ'])[1 + i % 4],
         'EXT-' || i,
         'D' || lpad(i::text, 4, '0'),
         (array['RECEIVED', 'ACCEPTED', 'PREPARING', 'READY', 'PICKED_UP', 'DELIVERED', 'REJECTED', 'CANCELLED'])[1 + i % 8],
         timestamptz '2026-11-01T00:00:00Z' + (i / 4) * interval '7 minutes' + (case when i % 4 = 3 then interval '1 microsecond' else interval '0' end),
         case when i % 5 = 0 then null
              else timestamptz '2026-11-01T00:00:00Z' + (i % 97) * interval '1 minute' + (i % 2) * interval '1 microsecond' end,
         'SAR', 1000, 0, 0, 0, 0, (i * 37 % 50) * 125,
         case when i % 10 = 0 then jsonb_build_object('name', 'Customer ' || i || ' Al-Rashid', 'phone', '+966 50 ' || lpad(i::text, 7, '0'))
              else jsonb_build_object('name', 'Guest', 'phone', null) end,
         '[{"name": "Kabsa", "quantity": 1, "unitPrice": 1000, "total": 1000, "modifiers": []}]'::jsonb
  from generate_series(1, $4::int) as i`;

describe('orders pagination and filters (real PostgreSQL, over HTTP)', () => {
  let env: OrdersTestEnv;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const connectionOne = randomUUID();
  const connectionTwo = randomUUID();
  const user = aUser(tenantA, 'STAFF');

  beforeAll(async () => {
    env = await startOrdersTestEnv();
    await env.db.queryAsAdmin(INSERT_ORDERS, [tenantA, connectionOne, connectionTwo, TOTAL]);
    // Another tenant's orders interleave in time and must never show up.
    await env.db.queryAsAdmin(INSERT_ORDERS, [tenantB, connectionOne, connectionTwo, 120]);
  });

  afterAll(async () => {
    await env?.close();
  });

  /** Ids in the order the API must return them, straight from the table. */
  async function expectedIds(where = 'true', params: unknown[] = []): Promise<string[]> {
    const rows = await env.db.queryAsAdmin<{ id: string }>(
      `select id from orders.orders where tenant_id = $1 and (${where}) order by placed_at desc, id desc`,
      [tenantA, ...params],
    );
    return rows.map((row) => row.id);
  }

  async function pageThrough(filter: Record<string, unknown> | null, first = PAGE, orderBy: OrderBy | null = null) {
    const ids: string[] = [];
    const totals = new Set<number>();
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: OrdersPageResult['orders'] = dataOf(
        await env.request<OrdersPageResult>(user, ORDERS_PAGE, { filter, first, after, orderBy }),
      ).orders;
      pages += 1;
      totals.add(page.totalCount);
      expect(page.edges.length).toBeLessThanOrEqual(first);
      ids.push(...page.edges.map((edge) => edge.node.id));
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) break;
      expect(page.edges).toHaveLength(first);
      after = page.pageInfo.endCursor;
      if (pages > 1000) throw new Error('pagination does not end');
    }
    return { ids, totals: [...totals], pages };
  }

  it(`pages through all ${TOTAL} orders ${PAGE} at a time: none skipped, none repeated, newest first then by id`, async () => {
    const { ids, totals, pages } = await pageThrough(null);
    expect(pages).toBe(Math.ceil(TOTAL / PAGE));
    expect(totals).toEqual([TOTAL]);
    expect(ids).toHaveLength(TOTAL);
    expect(new Set(ids).size).toBe(TOTAL);
    expect(ids).toEqual(await expectedIds());
  });

  it('keeps its place when new orders arrive between pages', async () => {
    const first = dataOf(await env.request<OrdersPageResult>(user, ORDERS_PAGE, { first: PAGE })).orders;
    // A newer order (and one at exactly the cursor instant with a higher id) must not shift the next page.
    await env.db.queryAsAdmin(
      `insert into orders.orders (tenant_id, id, connection_id, provider, external_id, display_code, status, placed_at, currency,
                                  subtotal, delivery_fee, discount, tax, tip, total, items)
       values ($1, gen_random_uuid(), $2, 'JAHEZ', 'late-1', 'LATE1', 'RECEIVED', now() + interval '1 day', 'SAR', 0, 0, 0, 0, 0, 0, '[]')`,
      [tenantA, connectionOne],
    );
    try {
      const second = dataOf(
        await env.request<OrdersPageResult>(user, ORDERS_PAGE, { first: PAGE, after: first.pageInfo.endCursor }),
      ).orders;
      const expected = await expectedIds(`external_id <> 'late-1'`);
      expect(second.edges.map((edge) => edge.node.id)).toEqual(expected.slice(PAGE, 2 * PAGE));
      expect(second.totalCount).toBe(TOTAL + 1);
    } finally {
      await env.db.queryAsAdmin(`delete from orders.orders where tenant_id = $1 and external_id = 'late-1'`, [tenantA]);
    }
  });

  describe('orderBy', () => {
    const columns: Record<OrderBy['field'], string> = {
      PLACED_AT: 'placed_at',
      TOTAL: 'total',
      STATUS: 'status',
      PROVIDER: 'provider',
      ACCEPT_BY: 'accept_by',
    };
    const sorts = Object.keys(columns).flatMap((field) =>
      (['ASC', 'DESC'] as const).map((direction) => ({ field, direction }) as OrderBy),
    );

    it.each(sorts)(
      'pages through every order by $field $direction: the pages are the full sorted list',
      async (orderBy) => {
        const { ids, totals } = await pageThrough(null, PAGE, orderBy);
        // Ties broken by id in the same direction; orders without a deadline last either way.
        const expected = await env.db.queryAsAdmin<{ id: string }>(
          `select id from orders.orders where tenant_id = $1
         order by ${columns[orderBy.field]} ${orderBy.direction} nulls last, id ${orderBy.direction}`,
          [tenantA],
        );
        expect(totals).toEqual([TOTAL]);
        expect(new Set(ids).size).toBe(TOTAL);
        expect(ids).toEqual(expected.map((row) => row.id));
      },
    );

    it('sorts within a filter too', async () => {
      const orderBy: OrderBy = { field: 'TOTAL', direction: 'DESC' };
      const { ids } = await pageThrough({ provider: ['JAHEZ'] }, 11, orderBy);
      const expected = await env.db.queryAsAdmin<{ id: string }>(
        `select id from orders.orders where tenant_id = $1 and provider = 'JAHEZ' order by total desc, id desc`,
        [tenantA],
      );
      expect(ids).toEqual(expected.map((row) => row.id));
    });

    it('is PLACED_AT DESC when not given, so earlier cursors still work', async () => {
      const implicit = dataOf(await env.request<OrdersPageResult>(user, ORDERS_PAGE, { first: PAGE })).orders;
      const explicitNext = await env.request<OrdersPageResult>(user, ORDERS_PAGE, {
        first: PAGE,
        after: implicit.pageInfo.endCursor,
        orderBy: { field: 'PLACED_AT', direction: 'DESC' },
      });
      expect(dataOf(explicitNext).orders.edges.map((edge) => edge.node.id)).toEqual(
        (await expectedIds()).slice(PAGE, 2 * PAGE),
      );
    });

    it.each([
      ['another field', { field: 'TOTAL', direction: 'ASC' }, { field: 'PROVIDER', direction: 'ASC' }],
      ['another direction', { field: 'TOTAL', direction: 'ASC' }, { field: 'TOTAL', direction: 'DESC' }],
      ['the default', { field: 'STATUS', direction: 'DESC' }, null],
    ])('refuses a cursor used with %s with BAD_USER_INPUT', async (_label, madeFor, usedWith) => {
      const page = dataOf(
        await env.request<OrdersPageResult>(user, ORDERS_PAGE, { first: 3, orderBy: madeFor }),
      ).orders;
      const result = await env.request(user, ORDERS_PAGE, {
        first: 3,
        after: page.pageInfo.endCursor,
        orderBy: usedWith,
      });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(JSON.stringify(result)).toContain('pass the same orderBy on every page');
    });
  });

  describe('filters hold across pages', () => {
    const cases: [string, Record<string, unknown>, string, unknown[]][] = [
      ['status', { status: ['ACCEPTED', 'READY'] }, `status in ('ACCEPTED', 'READY')`, []],
      ['provider', { provider: ['CAREEM', 'JAHEZ'] }, `provider in ('CAREEM', 'JAHEZ')`, []],
      ['connectionId', { connectionId: connectionOne }, 'connection_id = $2', [connectionOne]],
      [
        'from/to (from inclusive, to exclusive)',
        // Both bounds fall exactly on a group of orders (every 7 minutes).
        { from: '2026-11-01T05:50:00.000Z', to: '2026-11-01T11:40:00.000Z' },
        `placed_at >= '2026-11-01T05:50:00Z' and placed_at < '2026-11-01T11:40:00Z'`,
        [],
      ],
      ['search by display code, any case', { search: 'd01' }, `display_code ilike '%d01%'`, []],
      ['search by customer name', { search: 'al-RASHID' }, `customer ->> 'name' ilike '%al-rashid%'`, []],
      ['search by customer phone', { search: '0000120' }, `customer ->> 'phone' like '%0000120%'`, []],
      ['search by external id', { search: 'EXT-99' }, `external_id ilike '%ext-99%'`, []],
      [
        'everything at once',
        {
          status: ['DELIVERED', 'RECEIVED', 'CANCELLED'],
          provider: ['TALABAT', 'CAREEM'],
          connectionId: connectionTwo,
          from: '2026-11-02T00:00:00.000Z',
        },
        `status in ('DELIVERED', 'RECEIVED', 'CANCELLED') and provider in ('TALABAT', 'CAREEM') and connection_id = $2 and placed_at >= '2026-11-02T00:00:00Z'`,
        [connectionTwo],
      ],
    ];

    it.each(cases)('%s', async (_label, filter, where, params) => {
      const expected = await expectedIds(where, params);
      expect(expected.length).toBeGreaterThan(0);
      const { ids, totals } = await pageThrough(filter);
      expect(totals).toEqual([expected.length]);
      expect(ids).toEqual(expected);
    });

    it('matches LIKE wildcards literally in search', async () => {
      const { ids, totals } = await pageThrough({ search: '%' });
      expect(ids).toEqual([]);
      expect(totals).toEqual([0]);
    });

    it('treats empty status and provider lists as no filter', async () => {
      const page = dataOf(
        await env.request<OrdersPageResult>(user, ORDERS_PAGE, { filter: { status: [], provider: [] }, first: 1 }),
      ).orders;
      expect(page.totalCount).toBe(TOTAL);
    });
  });

  it('defaults to 50 per page and allows up to 200', async () => {
    expect(dataOf(await env.request<OrdersPageResult>(user, ORDERS_PAGE, {})).orders.edges).toHaveLength(50);
    expect(dataOf(await env.request<OrdersPageResult>(user, ORDERS_PAGE, { first: 200 })).orders.edges).toHaveLength(
      200,
    );
    const zero = dataOf(await env.request<OrdersPageResult>(user, ORDERS_PAGE, { first: 0 })).orders;
    expect(zero).toMatchObject({ totalCount: TOTAL, edges: [], pageInfo: { hasNextPage: true, endCursor: null } });
  });

  it.each([
    ['first over 200', { first: 201 }],
    ['negative first', { first: -1 }],
    ['a forged cursor', { after: Buffer.from('o1:1 or 1=1:x').toString('base64url') }],
    ['a cursor that is not ours', { after: 'abc' }],
    ['a connectionId that is not a UUID', { filter: { connectionId: 'nope' } }],
  ])('refuses %s with BAD_USER_INPUT', async (_label, variables) => {
    expect(errorCodes(await env.request(user, ORDERS_PAGE, variables))).toEqual(['BAD_USER_INPUT']);
  });

  it('lets a partner key with orders:read list its tenant, and refuses one without it', async () => {
    const reader = dataOf(
      await env.request<OrdersPageResult>(aPartner(tenantA, ['orders:read']), ORDERS_PAGE, { first: 1 }),
    ).orders;
    expect(reader.totalCount).toBe(TOTAL);
    const blind = await env.request(aPartner(tenantA, ['connections:read']), ORDERS_PAGE, { first: 1 });
    expect(errorCodes(blind)).toEqual(['FORBIDDEN']);
  });

  it("shows tenant B only tenant B's orders", async () => {
    const page = dataOf(
      await env.request<OrdersPageResult>(aUser(tenantB, 'TENANT_ADMIN'), ORDERS_PAGE, { first: 200 }),
    ).orders;
    expect(page.totalCount).toBe(120);
    const tenantAIds = new Set(await expectedIds());
    expect(page.edges.filter((edge) => tenantAIds.has(edge.node.id))).toEqual([]);
  });
});
