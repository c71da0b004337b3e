import { jwtVerify } from 'jose';
import type { CallbackOrder } from '../adapter';
import { aConnection, CURRENT_SECRET } from '../common/test-support';
import { hungerstationAdapter } from './definition';

/** HungerStation's callbacks (golden): the plugin API's status call under the connection's chain code. */
const connection = aConnection('HUNGERSTATION', {
  currency: 'SAR',
  externalStoreId: 'hs-ruh-olaya-7',
  apiBaseUrl: 'http://127.0.0.1:4900/hungerstation/',
});
const order: CallbackOrder = {
  id: '2b8e4f10-6c3a-4d97-8e15-9a0c7b3d5f62',
  externalId: '5c1d8e2a-9f47-4b36-a0e8-3d6f2b9c7e14',
  placedAt: new Date('2025-06-02T16:40:12Z'),
};
const now = new Date('2025-06-02T16:41:00.000Z');
const url =
  'http://127.0.0.1:4900/hungerstation/v2/chains/hs-ruh-olaya-7/orders/5c1d8e2a-9f47-4b36-a0e8-3d6f2b9c7e14/status';

describe('HungerStation callbacks (golden)', () => {
  it('accepts with the time the food will be ready, signed with the current secret', async () => {
    const call = hungerstationAdapter.buildCallback({ kind: 'ACCEPTED', prepMinutes: 20 }, order, connection, now)!;
    expect(call).toMatchObject({ method: 'POST', url });
    expect(JSON.parse(call.body)).toEqual({ status: 'order_accepted', acceptanceTime: '2025-06-02T17:01:00.000Z' });
    const token = call.headers['authorization']!.slice('Bearer '.length);
    const { payload } = await jwtVerify(token, new TextEncoder().encode(CURRENT_SECRET), {
      algorithms: ['HS512'],
      issuer: 'nexara',
      currentDate: now,
    });
    expect(payload.exp! - payload.iat!).toBe(300);
  });

  it.each([
    [{ kind: 'REJECTED', reason: 'Kitchen closed' } as const, { status: 'order_rejected', reason: 'Kitchen closed' }],
    [{ kind: 'READY' } as const, { status: 'order_prepared' }],
    [{ kind: 'PICKED_UP' } as const, { status: 'order_picked_up' }],
  ])('tells HungerStation %o', (action, body) => {
    const call = hungerstationAdapter.buildCallback(action, order, connection, now)!;
    expect(call.url).toBe(url);
    expect(JSON.parse(call.body)).toEqual(body);
  });

  it('has no call for a restaurant-side cancel', () => {
    expect(hungerstationAdapter.buildCallback({ kind: 'CANCELLED', reason: 'x' }, order, connection, now)).toBeNull();
  });
});
