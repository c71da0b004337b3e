import { aControlConnection, aControlMenu } from '../common/control-fixture';
import { CURRENT_SECRET } from '../common/test-support';
import type { ControlAnswer, ControlContext } from '../control';
import { jahezControl as control } from './control';

const connection = aControlConnection('JAHEZ');
const context: ControlContext = { token: null, jobId: 'job-1', now: new Date('2026-12-04T10:00:00Z') };
const base = 'http://127.0.0.1:4900/provider-api';
const answer = (status: number, body: unknown = null): ControlAnswer => ({ status, body, retryAfter: null });
const bodyOf = (call: { body: string | null }): unknown => JSON.parse(call.body ?? 'null');

describe('Jahez control', () => {
  it('uploads categories then products, field by field as our contract shows', () => {
    const calls = control.menu!.build({ kind: 'MENU', menu: aControlMenu() }, connection, context);
    expect(calls.map((call) => [call.method, call.url])).toEqual([
      ['POST', `${base}/categories/categories_upload`],
      ['POST', `${base}/products/products_upload`],
    ]);
    expect(calls[0]!.headers).toMatchObject({ authorization: `Bearer ${CURRENT_SECRET}` });
    expect(bodyOf(calls[0]!)).toEqual({
      categories: [{ category_id: 'c1', name: { ar: 'برجر', en: 'Burgers' }, index: 1, exclude_branches: [] }],
    });
    expect(bodyOf(calls[1]!)).toEqual({
      products: [
        {
          product_id: 'POS-11',
          category_id: 'c1',
          name: { ar: 'برجر', en: 'Burger' },
          description: { ar: '', en: '' },
          product_price: 25.0,
          image_path: 'https://cdn/x.jpg',
          is_visible: true,
          modifiers: [
            {
              id: 'g1',
              name: { ar: 'صوص', en: 'Sauce' },
              min_option: 0,
              max_option: 2,
              is_multiple: true,
              is_radio: false,
              options: [{ id: 'POS-90', nameAr: 'مايونيز', nameEn: 'Mayo', price: 2.0 }],
            },
          ],
          availability: { monday: { is_visible: true, times: [{ start: '10:00', end: '23:59' }] } },
        },
      ],
    });
  });

  it('gives each call a request id that a retry of the same job reuses', () => {
    const ids = (jobId: string) =>
      control
        .menu!.build({ kind: 'MENU', menu: aControlMenu() }, connection, { ...context, jobId })
        .map((call) => call.headers['x-request-id']);
    expect(ids('job-1')).toEqual(ids('job-1'));
    expect(new Set([...ids('job-1'), ...ids('job-2')]).size).toBe(4);
  });

  it('reads the synchronous answers: 200 success, 422 failed with each error', () => {
    expect(control.menu!.read(answer(200, { success: true }), 1)).toEqual({ result: 'NEXT' });
    expect(
      control.menu!.read(answer(422, { success: false, errors: [{ id: 'i1', message: 'price missing' }] }), 1),
    ).toEqual({
      result: 'FAILED',
      reason: 'HTTP 422: i1: price missing',
    });
    expect(control.menu!.read(answer(503), 0)).toMatchObject({ result: 'RETRY' });
  });

  it('sends products and options apart in one availability call', () => {
    const [call] = control.availability!.build(
      {
        kind: 'AVAILABILITY',
        items: [
          { itemId: 'i1', externalPosId: 'POS-11', state: 'SOLD_OUT', until: '2026-12-04T12:00:00Z' },
          { itemId: 'o1', externalPosId: 'POS-90', state: 'AVAILABLE', until: null },
        ],
        optionItemIds: ['o1'],
      },
      connection,
      context,
    );
    expect([call!.url, bodyOf(call!)]).toEqual([
      `${base}/products/availability`,
      {
        branch_id: 'B1',
        products: [{ product_id: 'POS-11', is_available: false, until: '2026-12-04T12:00:00Z' }],
        options: [{ id: 'POS-90', is_available: true }],
      },
    ]);
  });

  it('sets status letters, busy with its preparation time, and the working week', () => {
    const body = (request: Parameters<NonNullable<typeof control.storeStatus>['build']>[0]) =>
      bodyOf(control.storeStatus!.build(request, connection, context)[0]!);
    expect(body({ kind: 'STORE_STATUS', status: 'PAUSED', until: '2026-12-04T10:30:00Z', reason: null })).toEqual({
      branch_id: 'B1',
      status: 'C',
      until: '2026-12-04T10:30:00Z',
    });
    expect(body({ kind: 'STORE_STATUS', status: 'OPEN', until: null, reason: null })).toEqual({
      branch_id: 'B1',
      status: 'O',
    });
    const [busy] = control.busyMode!.build({ kind: 'BUSY_MODE', prepMinutes: 40, until: null }, connection, context);
    expect([busy!.url, bodyOf(busy!)]).toEqual([
      `${base}/branches/status`,
      { branch_id: 'B1', status: 'B', preparation_time: 40 },
    ]);
    const [hours] = control.openingHours!.build(
      { kind: 'OPENING_HOURS', periods: [{ day: 'SATURDAY', start: '10:00', end: '23:59' }] },
      connection,
      context,
    );
    expect([hours!.url, bodyOf(hours!)]).toEqual([
      `${base}/branches/working_hours`,
      { branch_id: 'B1', days: { saturday: [{ start: '10:00', end: '23:59' }] } },
    ]);
  });
});
