import { decodeProtectedHeader, jwtVerify } from 'jose';
import type { CallbackAction, CallbackOrder } from '../adapter';
import { aConnection, CURRENT_SECRET, PREVIOUS_SECRET } from '../common/test-support';
import { signHs512Jwt, verifyMiddlewareToken } from '../common/delivery-hero/jwt';
import { talabatAdapter } from './definition';

const connection = aConnection('TALABAT', {
  currency: 'KWD',
  externalStoreId: 'kw-burger-lab-12',
  apiBaseUrl: 'http://127.0.0.1:4900/talabat/',
});
const order: CallbackOrder = {
  id: '6e0c9a54-1f3b-5d7e-8a2c-4b6d8f0a2c4e',
  externalId: 'b0a7c3e2-5d19-4e8f-a6b2-7c4d1e9f3a58',
  placedAt: new Date('2025-03-14T18:20:05Z'),
};
const now = new Date('2025-03-14T18:22:10.400Z');
const nowSeconds = Math.floor(now.getTime() / 1000);
const url =
  'http://127.0.0.1:4900/talabat/v2/chains/kw-burger-lab-12/orders/b0a7c3e2-5d19-4e8f-a6b2-7c4d1e9f3a58/status';

describe('Talabat callbacks', () => {
  it.each<[string, CallbackAction, unknown]>([
    [
      'an acceptance with a preparation time',
      { kind: 'ACCEPTED', prepMinutes: 25 },
      { status: 'order_accepted', acceptanceTime: '2025-03-14T18:47:10.400Z' },
    ],
    ['an acceptance without one', { kind: 'ACCEPTED' }, { status: 'order_accepted' }],
    [
      'a rejection',
      { kind: 'REJECTED', reason: 'Burger buns ran out' },
      { status: 'order_rejected', reason: 'Burger buns ran out' },
    ],
    ['a prepared order', { kind: 'READY' }, { status: 'order_prepared' }],
    ['a picked-up order', { kind: 'PICKED_UP' }, { status: 'order_picked_up' }],
  ])('tells Talabat about %s', async (_case, action, body) => {
    const call = talabatAdapter.buildCallback(action, order, connection, now)!;
    expect(call.method).toBe('POST');
    expect(call.url).toBe(url);
    expect(JSON.parse(call.body)).toEqual(body);
    expect(Object.keys(call.headers).sort()).toEqual(['accept', 'authorization', 'content-type']);
    expect(call.headers['content-type']).toBe('application/json');

    const token = /^Bearer (.+)$/.exec(call.headers['authorization']!)![1]!;
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS512', typ: 'JWT' });
    const { payload } = await jwtVerify(token, new TextEncoder().encode(CURRENT_SECRET), {
      algorithms: ['HS512'],
      issuer: 'nexara',
      currentDate: now,
    });
    expect(payload).toEqual({ iss: 'nexara', iat: nowSeconds, exp: nowSeconds + 300 });
  });

  it('signs with the current secret, not the rotated-out one', async () => {
    const call = talabatAdapter.buildCallback({ kind: 'READY' }, order, connection, now)!;
    const token = call.headers['authorization']!.slice('Bearer '.length);
    await expect(
      jwtVerify(token, new TextEncoder().encode(PREVIOUS_SECRET), { algorithms: ['HS512'], currentDate: now }),
    ).rejects.toThrow(/signature verification failed/);
  });

  it.each<CallbackAction>([
    { kind: 'CANCELLED', reason: 'x' },
    { kind: 'PREPARING' },
    { kind: 'RECEIVED' },
    { kind: 'RECEIVE_FAILED', reason: 'x' },
  ])('has no call for %o', (action) => {
    expect(talabatAdapter.buildCallback(action, order, connection, now)).toBeNull();
  });

  it('produces tokens its own verifier and jose agree on', async () => {
    const token = signHs512Jwt({ service: 'middleware', iat: nowSeconds, exp: nowSeconds + 60 }, CURRENT_SECRET);
    expect(verifyMiddlewareToken(token, [CURRENT_SECRET], now)).toBeNull();
    await expect(
      jwtVerify(token, new TextEncoder().encode(CURRENT_SECRET), { algorithms: ['HS512'], currentDate: now }),
    ).resolves.toBeDefined();
  });
});
