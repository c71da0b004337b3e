import { PROVIDER_DEFINITIONS } from '../../registry';
import type { InboundWebhook } from '../../adapter';
import { ControlBuildError, type ControlAnswer, type ControlContext } from '../../control';
import { PayloadError } from '../errors';
import { aControlConnection, aControlMenu } from '../control-fixture';
import { CURRENT_SECRET } from '../test-support';
import { deliveryHeroControl as control } from './control';

const brand = PROVIDER_DEFINITIONS.find((definition) => definition.control === control)!.adapter.provider;
const connection = aControlConnection(brand, {
  externalStoreId: 'POS-1',
  controlIds: { username: 'plugin-user', platformKey: 'TB', platformRestaurantId: '123', globalEntityId: 'TB_AE' },
});
const context: ControlContext = {
  token: 'tok-1',
  jobId: 'job-1',
  now: new Date('2026-12-04T10:00:00Z'),
  resultWebhookUrl: 'https://nexara/webhooks/brand/K1',
};
const base = 'http://127.0.0.1:4900/provider-api/v2/chains/POS-1';
const answer = (status: number, body: unknown = null): ControlAnswer => ({ status, body, retryAfter: null });
const bodyOf = (call: { body: string | null }): unknown => JSON.parse(call.body ?? 'null');

describe('Delivery Hero control', () => {
  it('builds the catalog PUT as a flat map of typed entries with decimal-string prices, field by field', () => {
    const [call] = control.menu!.build({ kind: 'MENU', menu: aControlMenu() }, connection, context);
    expect([call!.method, call!.url, call!.headers['authorization']]).toEqual([
      'PUT',
      `${base}/catalog`,
      'Bearer tok-1',
    ]);
    expect(bodyOf(call!)).toEqual({
      callbackUrl: 'https://nexara/webhooks/brand/K1/catalog-status',
      vendors: ['POS-1'],
      catalog: {
        items: {
          i1: {
            id: 'i1',
            type: 'Product',
            title: { default: 'Burger', ar: 'برجر' },
            price: '25.00',
            toppings: { g1: { id: 'g1', type: 'Topping' } },
            images: { 'i1-image': { id: 'i1-image', type: 'Image' } },
          },
          'i1-image': { id: 'i1-image', type: 'Image', url: 'https://cdn/x.jpg' },
          o1: { id: 'o1', type: 'Product', title: { default: 'Mayo', ar: 'مايونيز' }, price: '2.00' },
          g1: {
            id: 'g1',
            type: 'Topping',
            title: { default: 'Sauce', ar: 'صوص' },
            quantity: { minimum: 0, maximum: 2 },
            products: { o1: { id: 'o1', type: 'Product' } },
          },
          c1: {
            id: 'c1',
            type: 'Category',
            title: { default: 'Burgers', ar: 'برجر' },
            products: { i1: { id: 'i1', type: 'Product' } },
          },
          'm1-s1': { id: 'm1-s1', type: 'ScheduleEntry', startTime: '10:00', endTime: '23:59', weekDays: ['MONDAY'] },
          m1: {
            id: 'm1',
            type: 'Menu',
            title: { default: 'Main', ar: 'الرئيسية' },
            menuType: 'DELIVERY',
            schedule: { 'm1-s1': { id: 'm1-s1', type: 'ScheduleEntry' } },
            products: { i1: { id: 'i1', type: 'Product' } },
          },
        },
      },
    });
  });

  it('is accepted with an import id and confirmed only by the import log', () => {
    expect(control.menu!.read(answer(202, { status: 'submitted', catalogImportId: 'imp-7' }), 0)).toEqual({
      result: 'ACCEPTED',
      reference: 'imp-7',
    });
    const confirm = control.menu!.confirm!;
    expect(confirm.call({ kind: 'MENU', menu: aControlMenu() }, connection, context, 'imp-7')).toMatchObject({
      method: 'GET',
      url: `${base}/vendors/POS-1/menu-import-logs`,
    });
    expect(confirm.read(answer(200, [{ catalogImportId: 'imp-7', status: 'in_progress' }]), 'imp-7')).toEqual({
      result: 'PENDING',
    });
    expect(confirm.read(answer(200, [{ catalogImportId: 'imp-7', status: 'done' }]), 'imp-7')).toEqual({
      result: 'APPLIED',
    });
    expect(
      confirm.read(answer(200, [{ catalogImportId: 'imp-7', status: 'failed', message: 'bad price' }]), 'imp-7'),
    ).toEqual({ result: 'FAILED', reason: 'Catalog import failed: bad price' });
  });

  it('sends availability one type and one state per call', () => {
    const calls = control.availability!.build(
      {
        kind: 'AVAILABILITY',
        items: [
          { itemId: 'i1', externalPosId: 'POS-11', state: 'SOLD_OUT', until: null },
          { itemId: 'o1', externalPosId: 'POS-90', state: 'HIDDEN', until: null },
          { itemId: 'i2', externalPosId: null, state: 'AVAILABLE', until: null },
        ],
        optionItemIds: ['o1'],
      },
      connection,
      context,
    );
    expect(calls.map((call) => [call.method, call.url])).toEqual(
      Array(3).fill(['POST', `${base}/vendors/POS-1/catalog/items/availability`]),
    );
    expect(calls.map(bodyOf)).toEqual([
      { globalEntityId: 'TB_AE', items: ['i1'], type: 'ITEM', isAvailable: false },
      { globalEntityId: 'TB_AE', items: ['o1'], type: 'TOPPING', isAvailable: false },
      { globalEntityId: 'TB_AE', items: ['i2'], type: 'ITEM', isAvailable: true },
    ]);
    expect(control.availability!.read(answer(204), 0)).toEqual({ result: 'NEXT' });
    expect(control.availability!.read(answer(200, { details: [{ id: 'i1', error: 'unknown' }] }), 0)).toMatchObject({
      result: 'FAILED',
    });
  });

  it('closes until a time for a pause, with the platform ids, and has no busy mode or hours', () => {
    const [call] = control.storeStatus!.build(
      { kind: 'STORE_STATUS', status: 'PAUSED', until: '2026-12-04T10:30:00Z', reason: 'rush' },
      connection,
      context,
    );
    expect([call!.method, call!.url, bodyOf(call!)]).toEqual([
      'PUT',
      `${base}/remoteVendors/POS-1/availability`,
      {
        availabilityState: 'CLOSED_UNTIL',
        closingMinutes: 30,
        closedReason: 'TOO_BUSY_KITCHEN',
        platformKey: 'TB',
        platformRestaurantId: '123',
      },
    ]);
    expect(control.storeStatus!.read(answer(400, { code: 'POS_ERROR', message: 'not changeable' }), 0)).toEqual({
      result: 'FAILED',
      reason: 'HTTP 400: POS_ERROR: not changeable',
    });
    expect(control.busyMode).toBeUndefined();
    expect(control.openingHours).toBeUndefined();
  });

  it("reads the vendor's availability first, and closes with a reason and minutes it allows", () => {
    const lookup = control.storeStatus!.lookup!;
    const ask = lookup.call(connection, context);
    expect([ask.method, ask.url, ask.body, ask.headers['authorization']]).toEqual([
      'GET',
      `${base}/remoteVendors/POS-1/availability`,
      null,
      'Bearer tok-1',
    ]);
    const entries = [
      {
        platformKey: 'OTHER',
        platformRestaurantId: '9',
        changeable: true,
        closingReasons: ['CLOSED'],
        closingMinutes: [5],
      },
      {
        availabilityState: 'OPEN',
        changeable: true,
        closingMinutes: [15, 30, 60],
        closingReasons: ['TOO_MANY_ORDERS', 'TECHNICAL_PROBLEM'],
        platformKey: 'TB',
        platformRestaurantId: '123',
      },
    ];
    expect(lookup.read(answer(200, entries))).toEqual({ value: entries });
    expect(lookup.read(answer(204))).toMatchObject({ result: 'RETRY', afterMs: 3_000 });
    expect(lookup.read(answer(404, { code: 'NOT_FOUND', message: 'no vendor' }))).toMatchObject({ result: 'FAILED' });

    const pause = (reason: string | null, until = '2026-12-04T10:40:00Z') =>
      bodyOf(
        control.storeStatus!.build({ kind: 'STORE_STATUS', status: 'PAUSED', until, reason }, connection, {
          ...context,
          lookup: entries,
        })[0]!,
      );
    // 40 minutes asked: the least allowed that covers it is 60; "technical problem" is an allowed code.
    expect(pause('technical problem')).toMatchObject({ closingMinutes: 60, closedReason: 'TECHNICAL_PROBLEM' });
    // A reason it does not list: TOO_BUSY_KITCHEN is not allowed either, so the first allowed.
    expect(pause('rush')).toMatchObject({ closedReason: 'TOO_MANY_ORDERS' });
    // Longer than any allowed: the longest (our scheduler reopens it at its until anyway).
    expect(pause(null, '2026-12-04T20:00:00Z')).toMatchObject({ closingMinutes: 60 });

    const locked = [{ ...entries[1], changeable: false }];
    expect(() =>
      control.storeStatus!.build({ kind: 'STORE_STATUS', status: 'OPEN', until: null, reason: null }, connection, {
        ...context,
        lookup: locked,
      }),
    ).toThrow(ControlBuildError);
    // A platform the list does not name: sent as before, and Delivery Hero's answer decides.
    expect(
      bodyOf(
        control.storeStatus!.build(
          { kind: 'STORE_STATUS', status: 'PAUSED', until: '2026-12-04T10:40:00Z', reason: null },
          connection,
          { ...context, lookup: [entries[0]] },
        )[0]!,
      ),
    ).toMatchObject({ closingMinutes: 40, closedReason: 'TOO_BUSY_KITCHEN' });
  });

  it('logs in with the plugin user and the connection secret', () => {
    const call = control.token!.call(connection);
    expect([call.method, call.url, call.headers['content-type']]).toEqual([
      'POST',
      'http://127.0.0.1:4900/provider-api/v2/login',
      'application/x-www-form-urlencoded',
    ]);
    expect(Object.fromEntries(new URLSearchParams(call.body!))).toEqual({
      username: 'plugin-user',
      password: CURRENT_SECRET,
      grant_type: 'client_credentials',
    });
  });
});

describe('Delivery Hero catalog import callback (golden payloads)', () => {
  const results = control.results!;
  const delivery = (body: unknown, subPath = 'catalog-status'): InboundWebhook => ({
    provider: brand,
    method: 'POST',
    subPath,
    headers: {},
    rawBody: Buffer.from(JSON.stringify(body)),
    receivedAt: new Date('2026-12-04T10:00:00Z'),
  });
  const callback = { catalogImportId: 'imp-1', status: 'in_progress', message: 'Import started', details: [] };

  it('is a POST to catalog-status, keyed by the import and the status it reports', () => {
    expect(results.matches(delivery(callback))).toBe(true);
    expect(results.matches(delivery(callback, 'order/POS-1'))).toBe(false);
    expect(results.idempotencyKey(delivery(callback))).toBe('catalog-status:imp-1:in_progress');
    expect(results.idempotencyKey(delivery({ status: 'done' }))).toMatchObject({ code: 'MISSING_IDEMPOTENCY_KEY' });
  });

  it('is only a hint: the job asks the import log, whatever the callback says', () => {
    expect(results.read(delivery(callback))).toEqual({
      kind: 'MENU',
      reference: 'imp-1',
      outcome: { result: 'PENDING' },
      confirmByAsking: true,
    });
    expect(results.read(delivery({ ...callback, status: 'failed', message: 'bad price' }))).toMatchObject({
      outcome: { result: 'FAILED', reason: 'Catalog import failed: bad price' },
      confirmByAsking: true,
    });
    expect(() => results.read(delivery({ status: 'done' }))).toThrow(PayloadError);
  });
});
