import { aControlConnection, aControlMenu } from '../common/control-fixture';
import { CURRENT_SECRET } from '../common/test-support';
import type { InboundWebhook } from '../adapter';
import { PayloadError } from '../common/errors';
import type { ControlAnswer, ControlContext } from '../control';
import { careemControl as control } from './control';

const connection = aControlConnection('CAREEM');
const context: ControlContext = { token: null, jobId: 'job-1', now: new Date('2026-12-04T10:00:00Z') };
const base = 'http://127.0.0.1:4900/provider-api';
const answer = (status: number, body: unknown = null, retryAfter: string | null = null): ControlAnswer => ({
  status,
  body,
  retryAfter,
});
const bodyOf = (call: { body: string | null }): unknown => JSON.parse(call.body ?? 'null');
const headers = {
  authorization: `Bearer ${CURRENT_SECRET}`,
  'brand-id': connection.tenantId,
  'branch-id': 'B1',
};

describe('Careem control', () => {
  it('builds our contract catalog PUT from the canonical menu, field by field (decimal prices, options in groups)', () => {
    const [call] = control.menu!.build({ kind: 'MENU', menu: aControlMenu() }, connection, context);
    expect(call).toMatchObject({ method: 'PUT', url: `${base}/catalogs`, headers });
    expect(bodyOf(call!)).toEqual({
      catalog: { id: 'm1', name: 'Main' },
      categories: [{ id: 'c1', name: { en: 'Burgers', ar: 'برجر' }, sort_order: 1 }],
      items: [
        {
          id: 'i1',
          sku: 'POS-11',
          category_id: 'c1',
          name: { en: 'Burger', ar: 'برجر' },
          price: 25.0,
          tax_rate: 15,
          image_url: 'https://cdn/x.jpg',
          modifier_group_ids: ['g1'],
        },
      ],
      groups: [
        {
          id: 'g1',
          name: { en: 'Sauce', ar: 'صوص' },
          min_selections: 0,
          max_selections: 2,
          options: [{ id: 'o1', sku: 'POS-90', name: { en: 'Mayo', ar: 'مايونيز' }, price_adjustment: 2.0 }],
        },
      ],
      availability: [{ day: 'monday', start_at: '10:00', end_at: '23:59' }],
    });
  });

  it('converts minor units through the exact decimal (KWD has three decimals)', () => {
    const menu = aControlMenu({ currency: 'KWD' });
    menu.items[0]!.price = 1250;
    const body = bodyOf(control.menu!.build({ kind: 'MENU', menu }, connection, context)[0]!) as {
      items: { price: number }[];
    };
    expect(body.items[0]!.price).toBe(1.25);
  });

  it('reads a catalog push: 202 accepted awaiting the webhook, 422 failed with the fields named, 429 after Retry-After', () => {
    const read = control.menu!.read;
    expect(read(answer(202, { catalog_id: 'm1', request_id: 'r-9', status: 'accepted' }), 0)).toEqual({
      result: 'ACCEPTED',
      reference: 'r-9',
    });
    expect(
      read(
        answer(422, {
          error: 'validation',
          message: 'Invalid catalog',
          details: { 'items[0].price': ['must be >= 0'] },
        }),
        0,
      ),
    ).toEqual({ result: 'FAILED', reason: 'HTTP 422: Invalid catalog items[0].price: must be >= 0' });
    expect(read(answer(429, null, '2'), 0)).toEqual({
      result: 'RETRY',
      reason: 'HTTP 429: rate limited',
      afterMs: 2000,
    });
    expect(control.menu!.confirm).toBeUndefined();
  });

  it('patches availability per item and option, with until; a refused item fails the job with its reason', () => {
    const [call] = control.availability!.build(
      {
        kind: 'AVAILABILITY',
        items: [
          { itemId: 'i1', externalPosId: 'POS-11', state: 'SOLD_OUT', until: '2025-06-01T18:00:00Z' },
          { itemId: 'o1', externalPosId: 'POS-90', state: 'AVAILABLE', until: null },
        ],
        optionItemIds: ['o1'],
      },
      connection,
      context,
    );
    expect(call).toMatchObject({ method: 'PATCH', url: `${base}/catalogs/items/availability`, headers });
    expect(bodyOf(call!)).toEqual({
      items: [
        { id: 'i1', type: 'item', is_available: false, until: '2025-06-01T18:00:00Z' },
        { id: 'o1', type: 'option', is_available: true },
      ],
    });
    expect(control.availability!.read(answer(200, { updated: 2, failed: [] }), 0)).toEqual({ result: 'NEXT' });
    expect(
      control.availability!.read(answer(200, { updated: 1, failed: [{ id: 'o1', reason: 'unknown' }] }), 0),
    ).toEqual({
      result: 'FAILED',
      reason: 'o1: unknown',
    });
  });

  it('sets status, preparation time and hours as our contract says', () => {
    const [status] = control.storeStatus!.build(
      { kind: 'STORE_STATUS', status: 'PAUSED', until: '2026-12-04T10:30:00Z', reason: 'too busy' },
      connection,
      context,
    );
    expect([status!.method, status!.url, bodyOf(status!)]).toEqual([
      'PUT',
      `${base}/branches/B1/status`,
      { state: 'paused', until: '2026-12-04T10:30:00Z', reason: 'too busy' },
    ]);
    const [busy] = control.busyMode!.build({ kind: 'BUSY_MODE', prepMinutes: 35, until: null }, connection, context);
    expect([busy!.method, busy!.url, bodyOf(busy!)]).toEqual([
      'PUT',
      `${base}/branches/B1/preparation-time`,
      { busy: true, preparation_minutes: 35 },
    ]);
    const [hours] = control.openingHours!.build(
      { kind: 'OPENING_HOURS', periods: [{ day: 'MONDAY', start: '11:00', end: '23:59' }] },
      connection,
      context,
    );
    expect([hours!.method, hours!.url, bodyOf(hours!)]).toEqual([
      'PUT',
      `${base}/operational-hours`,
      { operational_hours: [{ day: 'monday', start_at: '11:00', end_at: '23:59' }] },
    ]);
    expect(control.storeStatus!.read(answer(204), 0)).toEqual({ result: 'NEXT' });
  });
});

describe('Careem catalog result webhooks (golden payloads)', () => {
  const results = control.results!;
  const delivery = (body: unknown, subPath = ''): InboundWebhook => ({
    provider: 'CAREEM',
    method: 'POST',
    subPath,
    headers: {},
    rawBody: Buffer.from(JSON.stringify(body)),
    receivedAt: new Date('2026-12-04T10:00:00Z'),
  });
  const published = {
    event_type: 'CATALOG_PUBLISHED',
    event_id: '6f1c4a52-8d0e-4a51-9d7a-2f4f0c1b9e11',
    details: { catalog_id: 'm1', request_id: 'req-7', branch: { id: 'B1' }, errors: [] },
  };
  const rejected = {
    event_type: 'CATALOG_REJECTED',
    event_id: '0b8a3c11-5e2f-4f7a-8c1d-9e6b2a4d7f30',
    details: {
      catalog_id: 'm1',
      request_id: 'req-8',
      branch: { id: 'B1' },
      errors: [{ id: 'i1', field: 'price', message: 'must be positive' }],
    },
  };

  it('takes CATALOG_PUBLISHED / CATALOG_REJECTED on the order route, and nothing else', () => {
    expect(results.matches(delivery(published))).toBe(true);
    expect(results.matches(delivery(rejected))).toBe(true);
    expect(results.matches(delivery({ event_type: 'ORDER_CREATED', event_id: 'e1', details: {} }))).toBe(false);
    expect(results.matches({ ...delivery(published), rawBody: Buffer.from('not json') })).toBe(false);
  });

  it('reads a publication as APPLIED for the request id the 202 named, keyed by event_id', () => {
    expect(results.idempotencyKey(delivery(published))).toBe(published.event_id);
    expect(results.read(delivery(published))).toEqual({
      kind: 'MENU',
      reference: 'req-7',
      outcome: { result: 'APPLIED' },
      confirmByAsking: false,
    });
    // The reference is the one the catalog PUT's answer gave.
    expect(control.menu!.read(answer(202, { catalog_id: 'm1', request_id: 'req-7', status: 'accepted' }), 0)).toEqual({
      result: 'ACCEPTED',
      reference: 'req-7',
    });
  });

  it("reads a rejection as FAILED with Careem's own errors", () => {
    expect(results.read(delivery(rejected))).toEqual({
      kind: 'MENU',
      reference: 'req-8',
      outcome: { result: 'FAILED', reason: 'Catalog rejected: i1 price must be positive' },
      confirmByAsking: false,
    });
  });

  it('refuses an event without a request id or an event id', () => {
    expect(() => results.read(delivery({ ...published, details: {} }))).toThrow(PayloadError);
    expect(results.idempotencyKey(delivery({ ...published, event_id: undefined }))).toMatchObject({
      code: 'MISSING_IDEMPOTENCY_KEY',
    });
  });
});
