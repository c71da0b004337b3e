import { randomUUID } from 'node:crypto';
import type { OrderStatus } from '@nexara/kit';
import type { Provider } from '@nexara/providers/display';
import { aPartner, aUser } from '../testing/identities';
import { aProviderOrder, anOrderPlacedEvent, applyEvent, aStatusChangedEvent } from '../testing/order-factory';
import { STAFF_ACTIONS, type MoneyResult, type OrderResult } from '../testing/order-operations';
import { dataOf, errorCodes, startOrdersTestEnv, type OrdersTestEnv } from '../testing/orders-test-env';
import { theWorker } from '../testing/identities';

const ORDER_METRICS = /* GraphQL */ `
  query Metrics($from: DateTimeISO!, $to: DateTimeISO!, $bucket: MetricsBucket!, $timeZone: String) {
    orderMetrics(from: $from, to: $to, bucket: $bucket, timeZone: $timeZone) {
      bucketStart
      provider
      orders
      revenue {
        amount
        currency
      }
      acceptedOrders
      decidedOrders
      acceptanceRate
      avgAcceptSeconds
    }
  }
`;
const TODAY_METRICS = /* GraphQL */ `
  query Today($timeZone: String) {
    todayMetrics(timeZone: $timeZone) {
      timeZone
      dayStart
      openOrders
      providers {
        bucketStart
        provider
        orders
        revenue {
          amount
          currency
        }
        acceptanceRate
        avgAcceptSeconds
      }
    }
  }
`;

type MetricsRow = {
  bucketStart: string;
  provider: Provider;
  orders: number;
  revenue: MoneyResult[];
  acceptedOrders?: number;
  decidedOrders?: number;
  acceptanceRate: number | null;
  avgAcceptSeconds: number | null;
};
type MetricsResult = { orderMetrics: MetricsRow[] };
type TodayResult = {
  todayMetrics: { timeZone: string; dayStart: string; openOrders: number; providers: MetricsRow[] };
};

const secondsAfter = (iso: string, seconds: number): string => new Date(Date.parse(iso) + seconds * 1000).toISOString();

describe('order metrics (real PostgreSQL, over HTTP)', () => {
  let env: OrdersTestEnv;

  beforeAll(async () => {
    env = await startOrdersTestEnv();
  });

  afterAll(async () => {
    await env?.close();
  });

  /** A provider order placed at `placedAt` (total 3800 in `currency`), then moved by provider events at the given instants. */
  async function anOrderOf(
    tenantId: string,
    placedAt: string,
    options: { provider?: Provider; currency?: string; moves?: [OrderStatus, string][] } = {},
  ): Promise<OrderResult> {
    const worker = theWorker(tenantId);
    const connectionId = randomUUID();
    const externalId = `ext-${randomUUID()}`;
    const provider = options.provider ?? 'CAREEM';
    const order = aProviderOrder({ placedAt, acceptBy: null, currency: options.currency ?? 'KWD' });
    let result = dataOf(
      await applyEvent(
        env,
        worker,
        anOrderPlacedEvent({ connectionId, externalId, provider, order, occurredAt: placedAt }),
      ),
    ).applyProviderOrderEvent.order;
    for (const [status, occurredAt] of options.moves ?? []) {
      const moved = dataOf(
        await applyEvent(env, worker, aStatusChangedEvent({ connectionId, externalId, provider, status, occurredAt })),
      );
      result = moved.applyProviderOrderEvent.order;
    }
    if (!result) throw new Error('no order');
    return result;
  }

  async function metrics(tenantId: string, variables: Record<string, unknown>) {
    return env.request<MetricsResult>(aUser(tenantId), ORDER_METRICS, variables);
  }

  it('buckets by local hour, one row per provider, oldest first', async () => {
    const tenantId = randomUUID();
    await anOrderOf(tenantId, '2026-11-28T10:05:00Z');
    await anOrderOf(tenantId, '2026-11-28T10:50:00Z');
    await anOrderOf(tenantId, '2026-11-28T10:20:00Z', { provider: 'TALABAT' });
    await anOrderOf(tenantId, '2026-11-28T11:10:00Z');
    await anOrderOf(tenantId, '2026-11-28T13:00:00Z'); // at `to`: outside

    const utc = dataOf(
      await metrics(tenantId, {
        from: '2026-11-28T10:00:00Z',
        to: '2026-11-28T13:00:00Z',
        bucket: 'HOUR',
        timeZone: 'UTC',
      }),
    );
    expect(utc.orderMetrics.map((row) => [row.bucketStart, row.provider, row.orders])).toEqual([
      ['2026-11-28T10:00:00.000Z', 'CAREEM', 2],
      ['2026-11-28T10:00:00.000Z', 'TALABAT', 1],
      ['2026-11-28T11:00:00.000Z', 'CAREEM', 1],
    ]);

    // Kolkata is UTC+05:30: its clock hours start at :30 UTC.
    const kolkata = dataOf(
      await metrics(tenantId, {
        from: '2026-11-28T10:00:00Z',
        to: '2026-11-28T13:00:00Z',
        bucket: 'HOUR',
        timeZone: 'Asia/Kolkata',
      }),
    );
    expect(kolkata.orderMetrics.map((row) => [row.bucketStart, row.provider, row.orders])).toEqual([
      ['2026-11-28T09:30:00.000Z', 'CAREEM', 1],
      ['2026-11-28T09:30:00.000Z', 'TALABAT', 1],
      ['2026-11-28T10:30:00.000Z', 'CAREEM', 2],
    ]);
  });

  describe('days follow the time zone', () => {
    const tenantId = randomUUID();
    const range = { from: '2026-11-27T00:00:00Z', to: '2026-11-30T12:00:00Z', bucket: 'DAY' };

    beforeAll(async () => {
      await anOrderOf(tenantId, '2026-11-28T19:30:00Z'); // 23:30 in Dubai on the 28th, 14:30 in New York on the 28th
      await anOrderOf(tenantId, '2026-11-28T20:30:00Z'); // 00:30 in Dubai on the 29th, 15:30 in New York on the 28th
      await anOrderOf(tenantId, '2026-11-29T04:30:00Z'); // 08:30 in Dubai on the 29th, 23:30 in New York on the 28th
    });

    it('Asia/Dubai: an order at 23:30 local counts on that local day', async () => {
      const { orderMetrics } = dataOf(await metrics(tenantId, { ...range, timeZone: 'Asia/Dubai' }));
      expect(orderMetrics.map((row) => [row.bucketStart, row.orders])).toEqual([
        ['2026-11-27T20:00:00.000Z', 1],
        ['2026-11-28T20:00:00.000Z', 2],
      ]);
    });

    it('America/New_York: the same orders all fall on the 28th, local midnight being 05:00 UTC', async () => {
      const { orderMetrics } = dataOf(await metrics(tenantId, { ...range, timeZone: 'America/New_York' }));
      expect(orderMetrics.map((row) => [row.bucketStart, row.orders])).toEqual([['2026-11-28T05:00:00.000Z', 3]]);
    });

    it('a day that ends daylight saving time is 25 hours long', async () => {
      const dstTenant = randomUUID();
      await anOrderOf(dstTenant, '2026-11-01T04:30:00Z'); // 00:30 EDT on Nov 1
      await anOrderOf(dstTenant, '2026-11-02T04:30:00Z'); // 23:30 EST on Nov 1
      await anOrderOf(dstTenant, '2026-11-02T05:30:00Z'); // 00:30 EST on Nov 2
      const { orderMetrics } = dataOf(
        await metrics(dstTenant, {
          from: '2026-10-31T00:00:00Z',
          to: '2026-11-03T00:00:00Z',
          bucket: 'DAY',
          timeZone: 'America/New_York',
        }),
      );
      expect(orderMetrics.map((row) => [row.bucketStart, row.orders])).toEqual([
        ['2026-11-01T04:00:00.000Z', 2],
        ['2026-11-02T05:00:00.000Z', 1],
      ]);
    });
  });

  it('acceptance rate and time to accept come from the orders’ real state transitions', async () => {
    const tenantId = randomUUID();
    const provider = 'JAHEZ';
    const at = (minute: number): string => `2026-11-28T12:${String(minute).padStart(2, '0')}:00.000Z`;
    await anOrderOf(tenantId, at(0), { provider, moves: [['ACCEPTED', secondsAfter(at(0), 60)]] });
    // A jump past ACCEPTED still accepted the order, at the jump.
    await anOrderOf(tenantId, at(10), { provider, moves: [['PREPARING', secondsAfter(at(10), 180)]] });
    await anOrderOf(tenantId, at(20), { provider, moves: [['REJECTED', secondsAfter(at(20), 30)]] });
    await anOrderOf(tenantId, at(30), { provider }); // undecided
    await anOrderOf(tenantId, at(40), { provider, moves: [['CANCELLED', secondsAfter(at(40), 30)]] }); // never decided
    // Accepted, then cancelled: counts as accepted, earns nothing.
    await anOrderOf(tenantId, at(50), {
      provider,
      moves: [
        ['ACCEPTED', secondsAfter(at(50), 120)],
        ['CANCELLED', secondsAfter(at(50), 600)],
      ],
    });

    const { orderMetrics } = dataOf(
      await metrics(tenantId, { from: at(0), to: '2026-11-28T13:00:00Z', bucket: 'HOUR', timeZone: 'UTC' }),
    );
    expect(orderMetrics).toEqual([
      {
        bucketStart: '2026-11-28T12:00:00.000Z',
        provider,
        orders: 6,
        revenue: [{ amount: 7600, currency: 'KWD' }],
        acceptedOrders: 3,
        decidedOrders: 4,
        acceptanceRate: 0.75, // 3 accepted of 4 decided
        avgAcceptSeconds: 120, // (60 + 180 + 120) / 3
      },
    ]);
  });

  it('keeps each currency’s revenue apart and counts only accepted, uncancelled orders', async () => {
    const tenantId = randomUUID();
    const placedAt = '2026-11-28T09:15:00Z';
    const accepted: [OrderStatus, string][] = [['ACCEPTED', secondsAfter(placedAt, 45)]];
    await anOrderOf(tenantId, placedAt, { currency: 'KWD', moves: accepted });
    await anOrderOf(tenantId, placedAt, { currency: 'KWD', moves: [['DELIVERED', secondsAfter(placedAt, 3000)]] });
    await anOrderOf(tenantId, placedAt, { currency: 'AED', moves: accepted });
    await anOrderOf(tenantId, placedAt, { currency: 'AED' }); // not accepted yet: no revenue
    await anOrderOf(tenantId, placedAt, { currency: 'SAR', moves: [['REJECTED', secondsAfter(placedAt, 45)]] });

    const { orderMetrics } = dataOf(
      await metrics(tenantId, {
        from: '2026-11-28T00:00:00Z',
        to: '2026-11-29T00:00:00Z',
        bucket: 'DAY',
        timeZone: 'UTC',
      }),
    );
    expect(orderMetrics).toHaveLength(1);
    expect(orderMetrics[0]).toMatchObject({
      orders: 5,
      revenue: [
        { amount: 3800, currency: 'AED' },
        { amount: 7600, currency: 'KWD' },
      ],
      acceptanceRate: 0.75,
    });
  });

  it("shows a tenant nothing of another tenant's orders", async () => {
    const tenantA = randomUUID();
    const tenantB = randomUUID();
    await anOrderOf(tenantA, '2026-11-28T08:00:00Z', { moves: [['ACCEPTED', '2026-11-28T08:01:00Z']] });
    const range = { from: '2026-11-28T00:00:00Z', to: '2026-11-29T00:00:00Z', bucket: 'HOUR', timeZone: 'UTC' };

    expect(dataOf(await metrics(tenantA, range)).orderMetrics).toHaveLength(1);
    expect(dataOf(await metrics(tenantB, range)).orderMetrics).toEqual([]);
    const today = dataOf(
      await env.request<TodayResult>(aUser(tenantB), TODAY_METRICS, { timeZone: 'UTC' }),
    ).todayMetrics;
    expect(today).toMatchObject({ openOrders: 0, providers: [] });
  });

  describe('refuses what it cannot answer, with a clear error', () => {
    const tenantId = randomUUID();

    it.each([
      [
        'from after to',
        { from: '2026-11-29T00:00:00Z', to: '2026-11-28T00:00:00Z', bucket: 'DAY' },
        /from .* must be before to/,
      ],
      [
        'an empty range',
        { from: '2026-11-28T00:00:00Z', to: '2026-11-28T00:00:00Z', bucket: 'HOUR' },
        /must be before to/,
      ],
      [
        '32 days by hour',
        { from: '2026-11-01T00:00:00Z', to: '2026-12-03T00:00:00Z', bucket: 'HOUR' },
        /at most 31 days.*by DAY/,
      ],
      [
        '401 days by day',
        { from: '2026-01-01T00:00:00Z', to: '2027-02-06T00:00:00Z', bucket: 'DAY' },
        /at most 400 days/,
      ],
      [
        'an offset for a zone',
        { from: '2026-11-28T00:00:00Z', to: '2026-11-29T00:00:00Z', bucket: 'DAY', timeZone: '+04:00' },
        /IANA/,
      ],
    ])('%s', async (_case, variables, message) => {
      const result = await metrics(tenantId, { timeZone: 'UTC', ...variables });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors[0]?.message).toMatch(message);
    });

    it('a partner key without orders:read', async () => {
      const result = await env.request<MetricsResult>(aPartner(tenantId, ['connections:read']), ORDER_METRICS, {
        from: '2026-11-28T00:00:00Z',
        to: '2026-11-29T00:00:00Z',
        bucket: 'DAY',
        timeZone: 'UTC',
      });
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });

    it("never falls back to UTC when the tenant's zone cannot be read (no tenants service here)", async () => {
      const result = await metrics(tenantId, {
        from: '2026-11-28T00:00:00Z',
        to: '2026-11-29T00:00:00Z',
        bucket: 'DAY',
      });
      expect(errorCodes(result)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(result.data).toBeNull();
    });
  });

  describe('todayMetrics', () => {
    it("totals today's orders per provider, with staff acceptances, and counts every open order", async () => {
      const tenantId = randomUUID();
      const manager = aUser(tenantId, 'MANAGER');
      const placedAt = new Date(Date.now() - 90_000).toISOString();
      const staffAccepted = await anOrderOf(tenantId, placedAt);
      dataOf(await env.request(manager, STAFF_ACTIONS.acceptOrder.document, { id: staffAccepted.id }));
      const rejected = await anOrderOf(tenantId, placedAt, { provider: 'DELIVEROO' });
      dataOf(await env.request(manager, STAFF_ACTIONS.rejectOrder.document, { id: rejected.id }));
      await anOrderOf(tenantId, placedAt, { provider: 'DELIVEROO', currency: 'GBP' });
      await anOrderOf(tenantId, '2026-01-05T10:00:00Z'); // open since long ago: open, but not today's

      const today = dataOf(await env.request<TodayResult>(manager, TODAY_METRICS, { timeZone: 'UTC' })).todayMetrics;
      expect(today).toMatchObject({
        timeZone: 'UTC',
        dayStart: `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`,
        openOrders: 3,
      });
      const [careem, deliveroo] = today.providers;
      expect(today.providers.map((row) => row.provider)).toEqual(['CAREEM', 'DELIVEROO']);
      expect(careem).toMatchObject({ orders: 1, revenue: [{ amount: 3800, currency: 'KWD' }], acceptanceRate: 1 });
      expect(careem?.avgAcceptSeconds).toBeGreaterThanOrEqual(89);
      expect(careem?.avgAcceptSeconds).toBeLessThan(150);
      expect(deliveroo).toMatchObject({ orders: 2, revenue: [], acceptanceRate: 0, avgAcceptSeconds: null });
    });

    it('starts the day at local midnight of the zone asked for', async () => {
      const { todayMetrics } = dataOf(
        await env.request<TodayResult>(aUser(randomUUID()), TODAY_METRICS, { timeZone: 'asia/dubai' }),
      );
      expect(todayMetrics.timeZone).toBe('Asia/Dubai');
      const local = new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Asia/Dubai',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
      const dayStart = new Date(todayMetrics.dayStart);
      expect(local.format(dayStart)).toBe(local.format(new Date()));
      expect(dayStart.toISOString().slice(11)).toBe('20:00:00.000Z'); // Dubai is UTC+4 all year
    });
  });
});
