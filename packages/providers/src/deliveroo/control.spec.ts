import { aControlConnection, aControlMenu } from '../common/control-fixture';
import { CURRENT_SECRET } from '../common/test-support';
import type { InboundWebhook } from '../adapter';
import { PayloadError } from '../common/errors';
import { ControlBuildError, type ControlAnswer, type ControlContext } from '../control';
import { deliverooControl as control } from './control';

const connection = aControlConnection('DELIVEROO', {
  externalStoreId: '123456',
  controlIds: { brandId: 'b1', clientId: 'client-1' },
});
const context: ControlContext = { token: 'tok-1', jobId: 'job-1', now: new Date('2026-12-04T10:00:00Z') };
const base = 'http://127.0.0.1:4900/provider-api';
const site = `${base}/site/v1/brands/b1/sites/123456`;
const answer = (status: number, body: unknown = null, retryAfter: string | null = null): ControlAnswer => ({
  status,
  body,
  retryAfter,
});
const bodyOf = (call: { body: string | null }): unknown => JSON.parse(call.body ?? 'null');

describe('Deliveroo control', () => {
  it('builds the documented menu PUT from the canonical menu, field by field (minor units, CHOICE options)', () => {
    const [call, ...more] = control.menu!.build({ kind: 'MENU', menu: aControlMenu() }, connection, context);
    expect(more).toEqual([]);
    expect(call).toMatchObject({
      method: 'PUT',
      url: `${base}/menu/v1/brands/b1/menus/m1`,
      headers: { authorization: 'Bearer tok-1', 'content-type': 'application/json' },
    });
    expect(bodyOf(call!)).toEqual({
      name: 'Main',
      site_ids: ['123456'],
      menu: {
        mealtimes: [
          {
            id: 'mt-m1',
            name: { en: 'Main', ar: 'الرئيسية' },
            category_ids: ['c1'],
            schedule: [{ day_of_week: 0, time_periods: [{ start: '10:00', end: '23:59' }] }],
          },
        ],
        categories: [{ id: 'c1', name: { en: 'Burgers', ar: 'برجر' }, item_ids: ['i1'] }],
        modifiers: [
          { id: 'g1', name: { en: 'Sauce', ar: 'صوص' }, min_selection: 0, max_selection: 2, item_ids: ['o1'] },
        ],
        items: [
          {
            id: 'i1',
            plu: 'POS-11',
            name: { en: 'Burger', ar: 'برجر' },
            price_info: { price: 2500 },
            type: 'ITEM',
            modifier_ids: ['g1'],
            tax_rate: '15',
            image: { url: 'https://cdn/x.jpg' },
          },
          { id: 'o1', plu: 'POS-90', name: { en: 'Mayo', ar: 'مايونيز' }, price_info: { price: 200 }, type: 'CHOICE' },
        ],
      },
    });
  });

  it('prices per provider and per group: a Deliveroo override wins, an option costing otherwise in a group is a MODIFIER override', () => {
    const menu = aControlMenu();
    menu.items[0]!.priceOverrides = [
      { provider: null, context: null, price: 2700 },
      { provider: 'DELIVEROO', context: null, price: 2600 },
    ];
    menu.modifierGroups[0]!.options[0]!.priceDelta = 0;
    const body = bodyOf(control.menu!.build({ kind: 'MENU', menu }, connection, context)[0]!) as {
      menu: { items: { price_info: unknown }[] };
    };
    expect(body.menu.items.map((item) => item.price_info)).toEqual([
      { price: 2600 },
      { price: 200, overrides: [{ type: 'MODIFIER', id: 'g1', price: 0 }] },
    ]);
  });

  it('reads the menu answers: accepted for processing, identical menu applied, 429 again, 400 failed with its reason', () => {
    const read = control.menu!.read;
    expect(read(answer(200, {}), 0)).toEqual({ result: 'ACCEPTED', reference: null });
    expect(read(answer(200, { status: 'MATCH_EXISTING_MENU' }), 0)).toEqual({ result: 'NEXT' });
    expect(read(answer(429, null, '60'), 0)).toEqual({
      result: 'RETRY',
      reason: 'HTTP 429: rate limited',
      afterMs: 60_000,
    });
    expect(read(answer(400, { error: { code: 'INVALID_MENU', message: 'item i1 has no name' } }), 0)).toEqual({
      result: 'FAILED',
      reason: 'HTTP 400: INVALID_MENU: item i1 has no name',
    });
  });

  it('asks for the upload result with the menu GET and reads its http_status', () => {
    const confirm = control.menu!.confirm!;
    expect(confirm.call({ kind: 'MENU', menu: aControlMenu() }, connection, context, null)).toMatchObject({
      method: 'GET',
      url: `${base}/menu/v1/brands/b1/menus/m1`,
      body: null,
    });
    expect(confirm.read(answer(200, {}), null)).toEqual({ result: 'PENDING' });
    expect(confirm.read(answer(200, { menu_upload_result: { http_status: 200 } }), null)).toEqual({
      result: 'APPLIED',
    });
    expect(
      confirm.read(
        answer(200, {
          menu_upload_result: {
            http_status: 400,
            errors: { processing: 'bad tax', images: [{ url: 'https://cdn/x.jpg', message: 'too small' }] },
          },
        }),
        null,
      ),
    ).toEqual({ result: 'FAILED', reason: 'Menu upload 400: bad tax; https://cdn/x.jpg: too small' });
  });

  it('sends 86s, hides and restores as one delta by site', () => {
    const [call] = control.availability!.build(
      {
        kind: 'AVAILABILITY',
        items: [
          { itemId: 'i1', externalPosId: 'POS-11', state: 'SOLD_OUT', until: null },
          { itemId: 'o1', externalPosId: 'POS-90', state: 'AVAILABLE', until: null },
          { itemId: 'i2', externalPosId: null, state: 'HIDDEN', until: null },
        ],
        optionItemIds: ['o1'],
      },
      connection,
      context,
    );
    expect(call).toMatchObject({
      method: 'POST',
      url: `${base}/menu/v2/brands/b1/sites/123456/menu/item_unavailabilities`,
    });
    expect(bodyOf(call!)).toEqual({
      item_unavailabilities: [
        { item_id: 'i1', status: 'unavailable' },
        { item_id: 'o1', status: 'available' },
        { item_id: 'i2', status: 'hidden' },
      ],
    });
  });

  it('closes for a pause (our scheduler reopens) and words an opening refusal as Deliveroo did', () => {
    const [call] = control.storeStatus!.build(
      { kind: 'STORE_STATUS', status: 'PAUSED', until: '2026-12-04T10:30:00Z', reason: 'busy' },
      connection,
      context,
    );
    expect(call).toMatchObject({ method: 'PUT', url: `${site}/status` });
    expect(bodyOf(call!)).toEqual({ status: 'CLOSED' });
    expect(
      control.storeStatus!.read(answer(400, { error: { code: 'OPENING_HOURS', message: 'closed now' } }), 0),
    ).toEqual({
      result: 'FAILED',
      reason: 'HTTP 400: OPENING_HOURS: closed now',
    });
  });

  it('sets busy times (busy above quiet by a multiple of 5) then the mode; ending busy is QUIET', () => {
    const calls = control.busyMode!.build({ kind: 'BUSY_MODE', prepMinutes: 22, until: null }, connection, context);
    expect(calls.map((call) => [call.method, call.url, bodyOf(call)])).toEqual([
      ['PUT', `${site}/workload/times`, { busy: 25, quiet: 10 }],
      ['PUT', `${site}/workload/mode`, { mode: 'BUSY' }],
    ]);
    const quiet = control.busyMode!.build({ kind: 'BUSY_MODE', prepMinutes: null, until: null }, connection, context);
    expect(quiet.map(bodyOf)).toEqual([{ mode: 'QUIET' }]);
  });

  it('replaces the whole week of opening hours', () => {
    const [call] = control.openingHours!.build(
      {
        kind: 'OPENING_HOURS',
        periods: [
          { day: 'MONDAY', start: '10:00', end: '15:00' },
          { day: 'MONDAY', start: '18:00', end: '23:59' },
        ],
      },
      connection,
      context,
    );
    expect(call).toMatchObject({ method: 'POST', url: `${site}/opening_hours` });
    expect(bodyOf(call!)).toMatchObject({
      opening_hours: {
        monday: [
          { start: '10:00', end: '15:00' },
          { start: '18:00', end: '23:59' },
        ],
        tuesday: [],
      },
    });
  });

  it('gets its token with client credentials and reuses it at most 4 minutes', () => {
    const call = control.token!.call(connection);
    expect(call).toMatchObject({
      method: 'POST',
      url: `${base}/oauth2/token`,
      body: 'grant_type=client_credentials',
      headers: {
        authorization: `Basic ${Buffer.from(`client-1:${CURRENT_SECRET}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
    expect(control.token!.read(answer(200, { access_token: 'abc', expires_in: 300 }))).toEqual({
      token: 'abc',
      reuseForMs: 240_000,
    });
    expect(control.token!.read(answer(401, {}))).toEqual({ problem: 'Deliveroo refused the token request: HTTP 401' });
  });

  it('refuses to build without the brand id, naming it', () => {
    const bare = aControlConnection('DELIVEROO', { controlIds: {} });
    expect(() =>
      control.storeStatus!.build({ kind: 'STORE_STATUS', status: 'OPEN', until: null, reason: null }, bare, context),
    ).toThrow(new ControlBuildError('The Deliveroo connection has no brandId; set it on the connection first.'));
  });
});

describe('Deliveroo menu upload result webhook (golden payloads)', () => {
  const results = control.results!;
  const delivery = (body: unknown, subPath = 'menu-events'): InboundWebhook => ({
    provider: 'DELIVEROO',
    method: 'POST',
    subPath,
    headers: {
      'x-deliveroo-sequence-guid': 'seq-1',
      'x-deliveroo-payload-type': 'webhook_menu',
      'x-deliveroo-webhook-version': '1',
    },
    rawBody: Buffer.from(JSON.stringify(body)),
    receivedAt: new Date('2026-12-04T10:00:00Z'),
  });
  const result = (httpStatus: number, errors: unknown = {}) => ({
    event: 'menu.upload_result',
    body: {
      menu_upload_result: { http_status: httpStatus, brand_id: 'b1', menu_id: 'm1', site_ids: ['123456'], errors },
    },
  });

  it("is a POST to the connection's menu-events path, keyed by the sequence guid", () => {
    expect(results.matches(delivery(result(200)))).toBe(true);
    expect(results.matches(delivery(result(200), ''))).toBe(false);
    expect(results.idempotencyKey(delivery(result(200)))).toBe('seq-1');
  });

  it('reads 200 as APPLIED and 400/500 as FAILED with the processing and image errors', () => {
    expect(results.read(delivery(result(200)))).toEqual({
      kind: 'MENU',
      reference: 'b1/m1',
      outcome: { result: 'APPLIED' },
      confirmByAsking: false,
    });
    expect(
      results.read(
        delivery(
          result(400, { processing: 'Invalid menu', images: [{ url: 'https://cdn/x.jpg', message: 'too small' }] }),
        ),
      ).outcome,
    ).toEqual({ result: 'FAILED', reason: 'Menu upload 400: Invalid menu; https://cdn/x.jpg: too small' });
    expect(results.read(delivery(result(500, { processing: 'Try again' }))).outcome).toEqual({
      result: 'FAILED',
      reason: 'Menu upload 500: Try again',
    });
  });

  it('awaits an upload under the brand and menu of its path (the menuId control id when set)', () => {
    const request = { kind: 'MENU' as const, menu: aControlMenu() };
    expect(results.awaitedAs!(request, connection, null)).toBe('b1/m1');
    expect(
      results.awaitedAs!(request, { ...connection, controlIds: { ...connection.controlIds, menuId: 'live' } }, null),
    ).toBe('b1/live');
  });

  it('refuses another menu event or a result without its ids', () => {
    expect(() => results.read(delivery({ event: 'menu.other', body: {} }))).toThrow(PayloadError);
    expect(() => results.read(delivery({ event: 'menu.upload_result', body: { menu_upload_result: {} } }))).toThrow(
      PayloadError,
    );
  });
});
