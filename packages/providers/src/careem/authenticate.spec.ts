import { createHmac } from 'node:crypto';
import type { Rejection } from '../adapter';
import { aConnection, aWebhook, CURRENT_SECRET, fixtureBytes, PREVIOUS_SECRET } from '../common/test-support';
import { careemSignature } from './authenticate';
import { careemAdapter } from './careem.adapter';

const body = fixtureBytes(__dirname, 'order-created-aed-delivery.json');
const connection = aConnection('CAREEM', { currency: 'AED', externalStoreId: 'brn-dxb-marina-01' });
const now = new Date('2025-03-14T15:16:00.000Z');
const nowSeconds = Math.floor(now.getTime() / 1000);

function delivery(headers: Record<string, string | undefined>, rawBody: Buffer = body) {
  return aWebhook('CAREEM', { headers, rawBody });
}

function signed(secret: string, timestamp: number = nowSeconds, signedBody: Buffer = body) {
  return {
    'x-careem-timestamp': String(timestamp),
    'x-careem-signature': careemSignature(secret, String(timestamp), signedBody),
  };
}

describe('Careem authentication', () => {
  it('signs exactly timestamp + "." + body', () => {
    const expected = createHmac('sha256', CURRENT_SECRET).update(`${nowSeconds}.`).update(body).digest('hex');
    expect(careemSignature(CURRENT_SECRET, String(nowSeconds), body)).toBe(expected);
  });

  it.each([
    ['the current secret', signed(CURRENT_SECRET)],
    ['the rotated-out secret', signed(PREVIOUS_SECRET)],
    ['a timestamp 300 s old', signed(CURRENT_SECRET, nowSeconds - 300)],
    ['a timestamp 300 s ahead', signed(CURRENT_SECRET, nowSeconds + 300)],
  ])('accepts a delivery signed with %s', (_case, headers) => {
    expect(careemAdapter.authenticate(delivery(headers), connection, now)).toBeNull();
  });

  const tampered = Buffer.from(body.toString('utf8').replace('"discount": 8.2', '"discount": 80.2'));
  it.each<[string, Record<string, string | undefined>, Buffer, Pick<Rejection, 'status' | 'code'>]>([
    ['a signature made with another secret', signed('someone-else'), body, { status: 401, code: 'BAD_SIGNATURE' }],
    ['a tampered body', signed(CURRENT_SECRET), tampered, { status: 401, code: 'BAD_SIGNATURE' }],
    [
      'a signature over the body alone (no timestamp)',
      {
        'x-careem-timestamp': String(nowSeconds),
        'x-careem-signature': createHmac('sha256', CURRENT_SECRET).update(body).digest('hex'),
      },
      body,
      { status: 401, code: 'BAD_SIGNATURE' },
    ],
    [
      'a timestamp changed after signing',
      { ...signed(CURRENT_SECRET, nowSeconds - 10), 'x-careem-timestamp': String(nowSeconds) },
      body,
      { status: 401, code: 'BAD_SIGNATURE' },
    ],
    ['a timestamp 301 s old', signed(CURRENT_SECRET, nowSeconds - 301), body, { status: 401, code: 'STALE_TIMESTAMP' }],
    [
      'a replay from yesterday',
      signed(PREVIOUS_SECRET, nowSeconds - 86_400),
      body,
      { status: 401, code: 'STALE_TIMESTAMP' },
    ],
    [
      'a timestamp 301 s ahead',
      signed(CURRENT_SECRET, nowSeconds + 301),
      body,
      { status: 401, code: 'FUTURE_TIMESTAMP' },
    ],
    [
      'a timestamp in milliseconds',
      signed(CURRENT_SECRET, now.getTime()),
      body,
      { status: 401, code: 'INVALID_TIMESTAMP' },
    ],
    [
      'a timestamp that is not a number',
      { ...signed(CURRENT_SECRET), 'x-careem-timestamp': '2025-03-14T15:16:00Z' },
      body,
      { status: 401, code: 'INVALID_TIMESTAMP' },
    ],
    [
      'no signature header',
      { 'x-careem-timestamp': String(nowSeconds) },
      body,
      { status: 401, code: 'MISSING_SIGNATURE' },
    ],
    [
      'no timestamp header',
      { 'x-careem-signature': careemSignature(CURRENT_SECRET, String(nowSeconds), body) },
      body,
      { status: 401, code: 'MISSING_TIMESTAMP' },
    ],
    ['no headers at all', {}, body, { status: 401, code: 'MISSING_SIGNATURE' }],
  ])('refuses %s', (_case, headers, rawBody, expected) => {
    const result = careemAdapter.authenticate(delivery(headers, rawBody), connection, now);
    expect(result).toMatchObject(expected);
    expect(result?.message).not.toContain(CURRENT_SECRET);
    expect(result?.message).not.toContain(PREVIOUS_SECRET);
  });

  it('checks the signature before the clock, so a forger only ever learns "bad signature"', () => {
    expect(careemAdapter.authenticate(delivery(signed('forger', nowSeconds - 9999)), connection, now)).toMatchObject({
      code: 'BAD_SIGNATURE',
    });
  });

  it('never authenticates a connection without secrets', () => {
    expect(
      careemAdapter.authenticate(delivery(signed(CURRENT_SECRET)), { ...connection, secrets: [] }, now),
    ).toMatchObject({
      code: 'BAD_SIGNATURE',
    });
  });
});

describe('Careem routes, idempotency and answers', () => {
  it.each([
    ['POST', '', true],
    ['POST', '/', true],
    ['PUT', '', false],
    ['POST', 'orders', false],
  ])('%s "%s" is a Careem route: %s', (method, subPath, known) => {
    const result = careemAdapter.matchRoute(method, subPath);
    if (known) expect(result).toBeNull();
    else expect(result).toMatchObject({ status: 404, code: 'UNKNOWN_ROUTE' });
  });

  it('keys a delivery by its event_id', () => {
    expect(careemAdapter.idempotencyKey(delivery({}))).toBe('c2f4a6e8-1b3d-4f5a-9c7e-0d2b4f6a8c1e');
  });

  it.each<[string, string, string]>([
    ['a body without event_id', '{"event_type":"ORDER_CREATED","details":{}}', 'MISSING_IDEMPOTENCY_KEY'],
    ['a blank event_id', '{"event_id":"  "}', 'MISSING_IDEMPOTENCY_KEY'],
    ['an event_id that is an object', '{"event_id":{"id":1}}', 'MISSING_IDEMPOTENCY_KEY'],
    ['an event_id with a newline', '{"event_id":"a\\nb"}', 'INVALID_IDEMPOTENCY_KEY'],
    ['a body that is not JSON', 'event_id=1', 'MALFORMED_JSON'],
    ['a truncated JSON body', '{"event_id":"c2f4', 'MALFORMED_JSON'],
  ])('answers 400 for %s', (_case, rawBody, code) => {
    expect(careemAdapter.idempotencyKey(delivery({}, Buffer.from(rawBody)))).toMatchObject({ status: 400, code });
  });

  it.each([
    [false, 202],
    [true, 200],
  ])('answers a delivery (duplicate: %s) with %i and the receipt', (duplicate, status) => {
    expect(careemAdapter.answer(delivery({}), connection, { eventId: 'evt-9', duplicate })).toEqual({
      status,
      body: { eventId: 'evt-9', duplicate },
    });
  });
});
