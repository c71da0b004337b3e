import type { CallbackAction, CallbackOrder } from '../adapter';
import { aConnection, aWebhook, CURRENT_SECRET } from '../common/test-support';
import { jahezAdapter } from './jahez.adapter';

const connection = aConnection('JAHEZ', {
  currency: 'SAR',
  externalStoreId: 'JZ-RUH-118',
  apiBaseUrl: 'http://127.0.0.1:4900/jahez',
});
const order: CallbackOrder = {
  id: 'd2b4f6a8-0c1e-5a3c-9e5b-7d9f1b3d5f7a',
  externalId: '7781234',
  placedAt: new Date('2025-03-14T10:05:10Z'),
};
const now = new Date('2025-03-14T10:06:00Z');

describe('Jahez callbacks', () => {
  it.each<[string, CallbackAction, unknown]>([
    ['an acceptance', { kind: 'ACCEPTED', prepMinutes: 15 }, { jahezOrderId: 7781234, status: 'A' }],
    [
      'a rejection',
      { kind: 'REJECTED', reason: 'المطعم مغلق' },
      { jahezOrderId: 7781234, status: 'R', reason: 'المطعم مغلق' },
    ],
  ])('tells Jahez about %s', (_case, action, body) => {
    const call = jahezAdapter.buildCallback(action, order, connection, now)!;
    expect(call).toEqual({
      method: 'POST',
      url: 'http://127.0.0.1:4900/jahez/webhooks/status_update',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: `Bearer ${CURRENT_SECRET}`,
      },
      body: JSON.stringify(body),
    });
    // The id travels as a JSON integer, as Jahez sends it.
    expect(call.body).toContain('"jahezOrderId":7781234');
  });

  it('authenticates the way Jahez authenticates to us, with the current token', () => {
    const call = jahezAdapter.buildCallback({ kind: 'ACCEPTED' }, order, connection, now)!;
    const asInbound = aWebhook('JAHEZ', { headers: call.headers, rawBody: Buffer.from(call.body) });
    expect(jahezAdapter.authenticate(asInbound, { ...connection, secrets: [CURRENT_SECRET] }, now)).toBeNull();
  });

  it.each<CallbackAction>([
    { kind: 'READY' },
    { kind: 'PICKED_UP' },
    { kind: 'CANCELLED', reason: 'x' },
    { kind: 'PREPARING' },
    { kind: 'RECEIVED' },
    { kind: 'RECEIVE_FAILED', reason: 'x' },
  ])('has no call for %o', (action) => {
    expect(jahezAdapter.buildCallback(action, order, connection, now)).toBeNull();
  });

  it('refuses an order id that is not a Jahez integer id', () => {
    expect(() =>
      jahezAdapter.buildCallback({ kind: 'ACCEPTED' }, { ...order, externalId: 'JZ-77' }, connection, now),
    ).toThrow(/integers/);
  });
});
