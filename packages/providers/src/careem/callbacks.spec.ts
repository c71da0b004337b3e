import type { CallbackAction, CallbackOrder } from '../adapter';
import { aConnection, aWebhook, CURRENT_SECRET } from '../common/test-support';
import { careemSignature } from './authenticate';
import { careemAdapter } from './careem.adapter';

const connection = aConnection('CAREEM', {
  currency: 'AED',
  externalStoreId: 'brn-dxb-marina-01',
  apiBaseUrl: 'http://127.0.0.1:4900/careem',
});
const order: CallbackOrder = {
  id: 'a4c2e0f8-6b4d-5e2a-8c0f-1d3b5a7c9e2f',
  externalId: '40938211',
  placedAt: new Date('2025-03-14T15:15:42Z'),
};
const now = new Date('2025-03-14T15:17:05.700Z');
const timestamp = String(Math.floor(now.getTime() / 1000));

describe('Careem callbacks', () => {
  it.each<[string, CallbackAction, unknown]>([
    ['an acceptance', { kind: 'ACCEPTED', prepMinutes: 20 }, { state: 'accepted' }],
    ['a ready order', { kind: 'READY' }, { state: 'ready' }],
    [
      'a rejection (a cancel of the pending order)',
      { kind: 'REJECTED', reason: 'Out of halloumi' },
      { state: 'cancelled', reason: 'Out of halloumi' },
    ],
    [
      'a cancellation',
      { kind: 'CANCELLED', reason: 'الزبون طلب الإلغاء' },
      { state: 'cancelled', reason: 'الزبون طلب الإلغاء' },
    ],
  ])('tells Careem about %s with PUT /orders/{id}, signed like its webhooks', (_case, action, body) => {
    const call = careemAdapter.buildCallback(action, order, connection, now)!;
    expect(call.method).toBe('PUT');
    expect(call.url).toBe('http://127.0.0.1:4900/careem/orders/40938211');
    expect(JSON.parse(call.body)).toEqual(body);
    expect(call.headers).toEqual({
      'content-type': 'application/json',
      accept: 'application/json',
      'brand-id': connection.tenantId,
      'branch-id': 'brn-dxb-marina-01',
      'x-careem-timestamp': timestamp,
      'x-careem-signature': careemSignature(CURRENT_SECRET, timestamp, call.body),
    });
  });

  it('signs so that Careem, running our own inbound check, would accept it', () => {
    const call = careemAdapter.buildCallback({ kind: 'READY' }, order, connection, now)!;
    const asInbound = aWebhook('CAREEM', { headers: call.headers, rawBody: Buffer.from(call.body) });
    expect(careemAdapter.authenticate(asInbound, { ...connection, secrets: [CURRENT_SECRET] }, now)).toBeNull();
  });

  it.each<CallbackAction>([
    { kind: 'PREPARING' },
    { kind: 'PICKED_UP' },
    { kind: 'RECEIVED' },
    { kind: 'RECEIVE_FAILED', reason: 'x' },
  ])('has no call for %o', (action) => {
    expect(careemAdapter.buildCallback(action, order, connection, now)).toBeNull();
  });

  it('refuses to sign without a secret rather than send an unsigned call', () => {
    expect(() => careemAdapter.buildCallback({ kind: 'READY' }, order, { ...connection, secrets: [] }, now)).toThrow(
      /no secret/,
    );
  });
});
