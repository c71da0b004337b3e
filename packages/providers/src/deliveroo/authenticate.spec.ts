import { createHmac } from 'node:crypto';
import type { Rejection } from '../adapter';
import { hmacSha256Hex } from '../common/hmac';
import { aConnection, aWebhook, CURRENT_SECRET, fixtureBytes, PREVIOUS_SECRET } from '../common/test-support';
import { deliverooSignature } from './authenticate';
import { deliverooAdapter } from './deliveroo.adapter';

const GUID = '5d1b3e2a-9c47-4f8e-b6a0-3e7d2c1f9a85';
const body = fixtureBytes(__dirname, 'order-new-kwd-delivery.json');
const connection = aConnection('DELIVEROO', { currency: 'KWD', externalStoreId: 'kw-salmiya-042' });
const now = new Date('2025-03-14T17:03:00Z');

function delivery(headers: Record<string, string | undefined>, rawBody: Buffer = body) {
  return aWebhook('DELIVEROO', { headers, rawBody });
}

function signed(secret: string, variant: 'current' | 'legacy' = 'current', guid = GUID, signedBody: Buffer = body) {
  return {
    'x-deliveroo-sequence-guid': GUID,
    'x-deliveroo-hmac-sha256': deliverooSignature(secret, guid, signedBody, variant),
  };
}

describe('Deliveroo authentication', () => {
  it.each([
    ['the current secret', signed(CURRENT_SECRET)],
    ['the rotated-out secret', signed(PREVIOUS_SECRET)],
    ['the legacy " \\n " message with the current secret', signed(CURRENT_SECRET, 'legacy')],
    ['the legacy message with the rotated-out secret', signed(PREVIOUS_SECRET, 'legacy')],
    [
      'an upper-case hex signature',
      {
        ...signed(CURRENT_SECRET),
        'x-deliveroo-hmac-sha256': deliverooSignature(CURRENT_SECRET, GUID, body).toUpperCase(),
      },
    ],
  ])('accepts a delivery signed with %s', (_case, headers) => {
    expect(deliverooAdapter.authenticate(delivery(headers), connection, now)).toBeNull();
  });

  it('signs exactly guid + " " + body (and the legacy guid + " \\n " + body)', () => {
    const expected = createHmac('sha256', CURRENT_SECRET).update(`${GUID} `).update(body).digest('hex');
    const legacy = createHmac('sha256', CURRENT_SECRET).update(`${GUID} \n `).update(body).digest('hex');
    expect(deliverooSignature(CURRENT_SECRET, GUID, body)).toBe(expected);
    expect(deliverooSignature(CURRENT_SECRET, GUID, body, 'legacy')).toBe(legacy);
  });

  const tampered = Buffer.from(body.toString('utf8').replace('"fractional": 7745', '"fractional": 1'));
  it.each<[string, Record<string, string | undefined>, Buffer, Pick<Rejection, 'status' | 'code'>]>([
    ['a signature made with another secret', signed('not-the-secret'), body, { status: 401, code: 'BAD_SIGNATURE' }],
    ['a tampered body', signed(CURRENT_SECRET), tampered, { status: 401, code: 'BAD_SIGNATURE' }],
    [
      'a signature over another guid',
      signed(CURRENT_SECRET, 'current', 'another-guid'),
      body,
      { status: 401, code: 'BAD_SIGNATURE' },
    ],
    [
      'a signature over the body alone',
      { 'x-deliveroo-sequence-guid': GUID, 'x-deliveroo-hmac-sha256': hmacSha256Hex(CURRENT_SECRET, body) },
      body,
      { status: 401, code: 'BAD_SIGNATURE' },
    ],
    [
      'a truncated signature',
      {
        ...signed(CURRENT_SECRET),
        'x-deliveroo-hmac-sha256': deliverooSignature(CURRENT_SECRET, GUID, body).slice(0, 40),
      },
      body,
      { status: 401, code: 'BAD_SIGNATURE' },
    ],
    ['no signature header', { 'x-deliveroo-sequence-guid': GUID }, body, { status: 401, code: 'MISSING_SIGNATURE' }],
    ['no headers at all', {}, body, { status: 401, code: 'MISSING_SIGNATURE' }],
    [
      'a blank signature header',
      { ...signed(CURRENT_SECRET), 'x-deliveroo-hmac-sha256': '  ' },
      body,
      { status: 401, code: 'MISSING_SIGNATURE' },
    ],
    [
      'no sequence guid (nothing to verify the signature against)',
      { 'x-deliveroo-hmac-sha256': deliverooSignature(CURRENT_SECRET, GUID, body) },
      body,
      { status: 400, code: 'MISSING_IDEMPOTENCY_KEY' },
    ],
  ])('refuses %s', (_case, headers, rawBody, expected) => {
    const result = deliverooAdapter.authenticate(delivery(headers, rawBody), connection, now);
    expect(result).toMatchObject(expected);
    expect(result?.message).not.toContain(CURRENT_SECRET);
    expect(result?.message).not.toContain(deliverooSignature(CURRENT_SECRET, GUID, body));
  });

  it('never authenticates a connection without secrets', () => {
    expect(
      deliverooAdapter.authenticate(delivery(signed(CURRENT_SECRET)), { ...connection, secrets: [] }, now),
    ).toMatchObject({
      status: 401,
      code: 'BAD_SIGNATURE',
    });
  });

  it('stops accepting the old secret once the connection no longer lists it', () => {
    const rotated = { ...connection, secrets: [CURRENT_SECRET] };
    expect(deliverooAdapter.authenticate(delivery(signed(PREVIOUS_SECRET)), rotated, now)).toMatchObject({
      code: 'BAD_SIGNATURE',
    });
  });
});

describe('Deliveroo routes, idempotency and answers', () => {
  it.each([
    ['POST', '', true],
    ['POST', '/', true],
    ['post', '', true],
    ['PUT', '', false],
    ['POST', 'order/1', false],
    ['POST', 'order-update', false],
  ])('%s "%s" is a Deliveroo route: %s', (method, subPath, known) => {
    const result = deliverooAdapter.matchRoute(method, subPath);
    if (known) expect(result).toBeNull();
    else expect(result).toMatchObject({ status: 404, code: 'UNKNOWN_ROUTE' });
  });

  it('keys a delivery by its sequence guid', () => {
    expect(deliverooAdapter.idempotencyKey(delivery(signed(CURRENT_SECRET)))).toBe(GUID);
  });

  it.each<[string, Record<string, string>, Buffer, string]>([
    ['no sequence guid', {}, body, 'MISSING_IDEMPOTENCY_KEY'],
    [
      'a guid longer than 200 characters',
      { 'x-deliveroo-sequence-guid': 'g'.repeat(201) },
      body,
      'INVALID_IDEMPOTENCY_KEY',
    ],
    [
      'a body that is not JSON',
      { 'x-deliveroo-sequence-guid': GUID },
      Buffer.from('event=order.new'),
      'MALFORMED_JSON',
    ],
    ['a JSON array body', { 'x-deliveroo-sequence-guid': GUID }, Buffer.from('[1,2]'), 'MALFORMED_JSON'],
    [
      'a body that is not UTF-8',
      { 'x-deliveroo-sequence-guid': GUID },
      Buffer.from([0x7b, 0xff, 0x7d]),
      'MALFORMED_JSON',
    ],
  ])('answers 400 for %s', (_case, headers, rawBody, code) => {
    expect(deliverooAdapter.idempotencyKey(delivery(headers, rawBody))).toMatchObject({ status: 400, code });
  });

  it.each([false, true])('answers 200 with the receipt (duplicate: %s), as Deliveroo requires', (duplicate) => {
    expect(
      deliverooAdapter.answer(delivery(signed(CURRENT_SECRET)), connection, { eventId: 'evt-1', duplicate }),
    ).toEqual({
      status: 200,
      body: { eventId: 'evt-1', duplicate },
    });
  });
});
