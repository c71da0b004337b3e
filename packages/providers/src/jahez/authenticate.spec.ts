import type { Rejection } from '../adapter';
import { aConnection, aWebhook, CURRENT_SECRET, fixtureBytes, PREVIOUS_SECRET } from '../common/test-support';
import { jahezAdapter } from './jahez.adapter';

const body = fixtureBytes(__dirname, 'order-new-sar.json');
const connection = aConnection('JAHEZ', { currency: 'SAR', externalStoreId: 'JZ-RUH-118' });
const now = new Date('2025-03-14T10:05:20.000Z');
const REQUEST_ID = '1c9e7a5b-3d2f-4b8a-9e6c-0a2d4f6b8c13';

function delivery(headers: Record<string, string | undefined>, rawBody: Buffer = body, subPath = '') {
  return aWebhook('JAHEZ', { headers, rawBody, subPath });
}

describe('Jahez authentication', () => {
  it.each([
    ['the current token', { authorization: `Bearer ${CURRENT_SECRET}` }],
    ['the rotated-out token', { authorization: `Bearer ${PREVIOUS_SECRET}` }],
    ['a lower-case scheme', { authorization: `bearer ${CURRENT_SECRET}` }],
    ['surrounding spaces', { authorization: `  Bearer   ${CURRENT_SECRET}  ` }],
  ])('accepts %s', (_case, headers) => {
    expect(jahezAdapter.authenticate(delivery({ ...headers, 'x-request-id': REQUEST_ID }), connection, now)).toBeNull();
  });

  it.each<[string, Record<string, string | undefined>, Pick<Rejection, 'status' | 'code'>]>([
    ['a wrong token', { authorization: 'Bearer jz_live_not-the-token' }, { status: 401, code: 'INVALID_TOKEN' }],
    [
      'the token with one character changed',
      { authorization: `Bearer ${CURRENT_SECRET.slice(0, -1)}X` },
      { status: 401, code: 'INVALID_TOKEN' },
    ],
    [
      'a prefix of the token',
      { authorization: `Bearer ${CURRENT_SECRET.slice(0, 10)}` },
      { status: 401, code: 'INVALID_TOKEN' },
    ],
    ['the token plus a suffix', { authorization: `Bearer ${CURRENT_SECRET}x` }, { status: 401, code: 'INVALID_TOKEN' }],
    ['the token without the Bearer scheme', { authorization: CURRENT_SECRET }, { status: 401, code: 'INVALID_TOKEN' }],
    ['a Token scheme', { authorization: `Token ${CURRENT_SECRET}` }, { status: 401, code: 'INVALID_TOKEN' }],
    ['no Authorization header', {}, { status: 401, code: 'MISSING_TOKEN' }],
    ['a blank Authorization header', { authorization: ' ' }, { status: 401, code: 'MISSING_TOKEN' }],
  ])('refuses %s', (_case, headers, expected) => {
    const result = jahezAdapter.authenticate(delivery({ ...headers, 'x-request-id': REQUEST_ID }), connection, now);
    expect(result).toMatchObject(expected);
    expect(result!.message).not.toContain(CURRENT_SECRET.slice(0, 10));
  });

  it('does not look at X-Request-Id: a missing one is the 400 of idempotencyKey, after authentication', () => {
    expect(
      jahezAdapter.authenticate(delivery({ authorization: `Bearer ${CURRENT_SECRET}` }), connection, now),
    ).toBeNull();
    expect(jahezAdapter.idempotencyKey(delivery({ authorization: `Bearer ${CURRENT_SECRET}` }))).toMatchObject({
      status: 400,
      code: 'MISSING_IDEMPOTENCY_KEY',
    });
  });

  it('never authenticates a connection without secrets, nor with the old token after it expired', () => {
    const request = delivery({ authorization: `Bearer ${PREVIOUS_SECRET}`, 'x-request-id': REQUEST_ID });
    expect(jahezAdapter.authenticate(request, { ...connection, secrets: [] }, now)).toMatchObject({
      code: 'INVALID_TOKEN',
    });
    expect(jahezAdapter.authenticate(request, { ...connection, secrets: [CURRENT_SECRET] }, now)).toMatchObject({
      code: 'INVALID_TOKEN',
    });
  });
});

describe('Jahez routes, idempotency and answers', () => {
  it.each([
    ['POST', '', true],
    ['POST', 'order-update', true],
    ['POST', '/order-update/', true],
    ['PUT', '', false],
    ['PUT', 'order-update', false],
    ['POST', 'order_update', false],
    ['POST', 'orders', false],
  ])('%s "%s" is a Jahez route: %s', (method, subPath, known) => {
    const result = jahezAdapter.matchRoute(method, subPath);
    if (known) expect(result).toBeNull();
    else expect(result).toMatchObject({ status: 404, code: 'UNKNOWN_ROUTE' });
  });

  it('keys a delivery by its X-Request-Id', () => {
    expect(jahezAdapter.idempotencyKey(delivery({ 'x-request-id': REQUEST_ID }))).toBe(REQUEST_ID);
  });

  it.each<[string, Record<string, string>, Buffer, string]>([
    ['no X-Request-Id', {}, body, 'MISSING_IDEMPOTENCY_KEY'],
    ['a blank X-Request-Id', { 'x-request-id': '   ' }, body, 'MISSING_IDEMPOTENCY_KEY'],
    ['an oversized X-Request-Id', { 'x-request-id': 'r'.repeat(500) }, body, 'INVALID_IDEMPOTENCY_KEY'],
    ['a body that is not JSON', { 'x-request-id': REQUEST_ID }, Buffer.from('jahez_id=1'), 'MALFORMED_JSON'],
    ['an empty body', { 'x-request-id': REQUEST_ID }, Buffer.alloc(0), 'MALFORMED_JSON'],
  ])('answers 400 for %s', (_case, headers, rawBody, code) => {
    expect(jahezAdapter.idempotencyKey(delivery(headers, rawBody))).toMatchObject({ status: 400, code });
  });

  it.each([
    [false, 202],
    [true, 200],
  ])('answers a delivery (duplicate: %s) with %i and the receipt', (duplicate, status) => {
    expect(jahezAdapter.answer(delivery({}), connection, { eventId: 'evt-3', duplicate })).toEqual({
      status,
      body: { eventId: 'evt-3', duplicate },
    });
  });
});
