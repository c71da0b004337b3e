import type { CallbackAction, CallbackOrder } from '../adapter';
import { aConnection, CURRENT_SECRET } from '../common/test-support';
import { deliverooAdapter } from './deliveroo.adapter';
import { deliverooSignature } from './authenticate';
import { deliverooRejectReason } from './callbacks';

const connection = aConnection('DELIVEROO', {
  currency: 'KWD',
  externalStoreId: 'kw-salmiya-042',
  apiBaseUrl: 'http://127.0.0.1:4900/deliveroo/',
});
const order: CallbackOrder = {
  id: '0f8b5e3c-2d1a-5c7e-9b4f-6a3d2e1c0b9a',
  externalId: 'kw:7c1e9d52-3b8a-4f60-a2d4-91e5b7c03f18',
  placedAt: new Date('2025-03-14T17:02:11Z'),
};
const now = new Date('2025-03-14T17:04:30.000Z');
const orderUrl = 'http://127.0.0.1:4900/deliveroo/order/v1/orders/kw%3A7c1e9d52-3b8a-4f60-a2d4-91e5b7c03f18';

describe('Deliveroo callbacks', () => {
  it.each<[string, CallbackAction, 'PATCH' | 'POST', string, unknown]>([
    ['an acceptance', { kind: 'ACCEPTED', prepMinutes: 15 }, 'PATCH', orderUrl, { status: 'accepted' }],
    [
      'a rejection',
      { kind: 'REJECTED', reason: 'Kitchen is too busy right now' },
      'PATCH',
      orderUrl,
      { status: 'rejected', reject_reason: 'busy' },
    ],
    ['preparation starting', { kind: 'PREPARING' }, 'PATCH', orderUrl, { status: 'confirmed' }],
    [
      'the order reaching Nexara',
      { kind: 'RECEIVED' },
      'POST',
      `${orderUrl}/sync_status`,
      { status: 'succeeded', occurred_at: '2025-03-14T17:04:30.000Z' },
    ],
    [
      'the order failing to reach Nexara',
      { kind: 'RECEIVE_FAILED', reason: 'unknown item' },
      'POST',
      `${orderUrl}/sync_status`,
      { status: 'failed', occurred_at: '2025-03-14T17:04:30.000Z' },
    ],
  ])('tells Deliveroo about %s', (_case, action, method, url, body) => {
    const call = deliverooAdapter.buildCallback(action, order, connection, now);
    expect(call).not.toBeNull();
    expect(call!.method).toBe(method);
    expect(call!.url).toBe(url);
    expect(JSON.parse(call!.body)).toEqual(body);
    const guid = call!.headers['x-deliveroo-sequence-guid']!;
    expect(guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(call!.headers).toEqual({
      'content-type': 'application/json',
      accept: 'application/json',
      'x-deliveroo-sequence-guid': guid,
      'x-deliveroo-hmac-sha256': deliverooSignature(CURRENT_SECRET, guid, call!.body),
    });
  });

  it('builds the same call twice for the same action and time, a different one later', () => {
    const first = deliverooAdapter.buildCallback({ kind: 'ACCEPTED' }, order, connection, now);
    expect(deliverooAdapter.buildCallback({ kind: 'ACCEPTED' }, order, connection, now)).toEqual(first);
    const later = deliverooAdapter.buildCallback(
      { kind: 'ACCEPTED' },
      order,
      connection,
      new Date(now.getTime() + 1000),
    );
    expect(later!.headers['x-deliveroo-sequence-guid']).not.toBe(first!.headers['x-deliveroo-sequence-guid']);
  });

  it('signs with the current secret only, whichever secrets the connection holds', () => {
    const call = deliverooAdapter.buildCallback({ kind: 'ACCEPTED' }, order, connection, now)!;
    const guid = call.headers['x-deliveroo-sequence-guid']!;
    expect(call.headers['x-deliveroo-hmac-sha256']).toBe(deliverooSignature(connection.secrets[0]!, guid, call.body));
    expect(call.headers['x-deliveroo-hmac-sha256']).not.toBe(
      deliverooSignature(connection.secrets[1]!, guid, call.body),
    );
  });

  it.each<CallbackAction>([{ kind: 'READY' }, { kind: 'PICKED_UP' }, { kind: 'CANCELLED', reason: 'customer asked' }])(
    'has no call for %o',
    (action) => {
      expect(deliverooAdapter.buildCallback(action, order, connection, now)).toBeNull();
    },
  );

  it.each([
    ['busy', 'busy'],
    ['Closing Early', 'closing_early'],
    ['ingredient-unavailable', 'ingredient_unavailable'],
    ['We are very busy, too many orders', 'busy'],
    ['المطبخ مشغول', 'busy'],
    ['Shop is closing in 10 minutes', 'closing_early'],
    ['المحل مغلق', 'closing_early'],
    ['Chicken is sold out', 'ingredient_unavailable'],
    ['نفدت الكنافة', 'ingredient_unavailable'],
    ['Driver shortage', 'other'],
    ['', 'other'],
  ])('maps the reason "%s" to %s', (reason, expected) => {
    expect(deliverooRejectReason(reason)).toBe(expected);
  });
});
