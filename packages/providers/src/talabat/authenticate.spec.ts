import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { orderIdFor } from '@nexara/kit';
import type { Rejection } from '../adapter';
import { aConnection, aWebhook, CURRENT_SECRET, fixtureBytes, PREVIOUS_SECRET } from '../common/test-support';
import { talabatAdapter } from './definition';

const connection = aConnection('TALABAT', { currency: 'KWD', externalStoreId: 'kw-burger-lab-12' });
const now = new Date('2025-03-14T18:20:30.000Z');
const nowSeconds = Math.floor(now.getTime() / 1000);
const body = fixtureBytes(__dirname, 'order-new-kwd-delivery.json');
const REMOTE_ORDER_ID = '6e0c9a54-1f3b-5d7e-8a2c-4b6d8f0a2c4e';
const statusPath = `remoteId/kw-burger-lab-12/remoteOrder/${REMOTE_ORDER_ID}/posOrderStatus`;

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token signed by jose, the way Delivery Hero's middleware would. */
async function joseToken(
  secret: string,
  options: { alg?: string; claims?: Record<string, unknown>; iat?: number | null; exp?: number | null } = {},
): Promise<string> {
  const claims: Record<string, unknown> = { service: 'middleware', ...options.claims };
  const iat = options.iat === undefined ? nowSeconds - 5 : options.iat;
  const exp = options.exp === undefined ? nowSeconds + 3600 : options.exp;
  if (iat !== null) claims['iat'] = iat;
  if (exp !== null) claims['exp'] = exp;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: options.alg ?? 'HS512', typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));
}

/** A token assembled by hand, for headers jose would never produce. */
function handToken(header: Record<string, unknown>, claims: Record<string, unknown>, secret = CURRENT_SECRET): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${createHmac('sha512', secret).update(input).digest('base64url')}`;
}

const validClaims = { service: 'middleware', iat: nowSeconds - 5, exp: nowSeconds + 3600 };

function delivery(
  authorization: string | undefined,
  subPath = 'order/kw-burger-lab-12',
  method: 'POST' | 'PUT' = 'POST',
  rawBody = body,
) {
  return aWebhook('TALABAT', { method, subPath, rawBody, headers: { authorization } });
}

describe('Talabat authentication', () => {
  it.each<[string, () => Promise<string>]>([
    ['the current secret', () => joseToken(CURRENT_SECRET)],
    ['the rotated-out secret', () => joseToken(PREVIOUS_SECRET)],
    ['an iat exactly 300 s ahead', () => joseToken(CURRENT_SECRET, { iat: nowSeconds + 300 })],
    ['extra claims', () => joseToken(CURRENT_SECRET, { claims: { iss: 'delivery-hero', vendor: 'kw-burger-lab-12' } })],
  ])('accepts an HS512 token signed with %s', async (_case, token) => {
    expect(talabatAdapter.authenticate(delivery(`Bearer ${await token()}`), connection, now)).toBeNull();
  });

  it('accepts the token on status calls too', async () => {
    const request = delivery(`Bearer ${await joseToken(CURRENT_SECRET)}`, statusPath, 'PUT');
    expect(talabatAdapter.authenticate(request, connection, now)).toBeNull();
  });

  it.each<[string, () => Promise<string | undefined>, Pick<Rejection, 'status' | 'code'>]>([
    [
      'alg "none" with no signature',
      async () => `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(validClaims)}.`,
      { status: 401, code: 'WRONG_ALGORITHM' },
    ],
    [
      'alg "NONE"',
      async () => `Bearer ${handToken({ alg: 'NONE' }, validClaims)}`,
      { status: 401, code: 'WRONG_ALGORITHM' },
    ],
    [
      'HS256 signed with the right secret',
      async () => `Bearer ${await joseToken(CURRENT_SECRET, { alg: 'HS256' })}`,
      { status: 401, code: 'WRONG_ALGORITHM' },
    ],
    [
      'HS384 signed with the right secret',
      async () => `Bearer ${await joseToken(CURRENT_SECRET, { alg: 'HS384' })}`,
      { status: 401, code: 'WRONG_ALGORITHM' },
    ],
    [
      'an RS256 header over an HMAC signature (key confusion)',
      async () => `Bearer ${handToken({ alg: 'RS256', typ: 'JWT' }, validClaims)}`,
      { status: 401, code: 'WRONG_ALGORITHM' },
    ],
    [
      'an ES512 header',
      async () => `Bearer ${handToken({ alg: 'ES512' }, validClaims)}`,
      { status: 401, code: 'WRONG_ALGORITHM' },
    ],
    [
      'a header without alg',
      async () => `Bearer ${handToken({ typ: 'JWT' }, validClaims)}`,
      { status: 401, code: 'WRONG_ALGORITHM' },
    ],
    [
      'a critical header extension',
      async () => `Bearer ${handToken({ alg: 'HS512', crit: ['b64'], b64: false }, validClaims)}`,
      { status: 401, code: 'INVALID_TOKEN' },
    ],
    [
      'a token signed with another secret',
      async () => `Bearer ${await joseToken('not-the-connection-secret')}`,
      { status: 401, code: 'BAD_SIGNATURE' },
    ],
    [
      'claims changed after signing',
      async () => {
        const [header, , signature] = (await joseToken(CURRENT_SECRET)).split('.');
        return `Bearer ${header}.${b64({ ...validClaims, exp: nowSeconds + 999_999 })}.${signature}`;
      },
      { status: 401, code: 'BAD_SIGNATURE' },
    ],
    [
      'a stripped signature',
      async () => `Bearer ${(await joseToken(CURRENT_SECRET)).split('.').slice(0, 2).join('.')}.`,
      { status: 401, code: 'BAD_SIGNATURE' },
    ],
    [
      'an expired token',
      async () => `Bearer ${await joseToken(CURRENT_SECRET, { iat: nowSeconds - 4000, exp: nowSeconds - 1 })}`,
      { status: 401, code: 'TOKEN_EXPIRED' },
    ],
    [
      'a token expiring this very second',
      async () => `Bearer ${await joseToken(CURRENT_SECRET, { exp: nowSeconds })}`,
      { status: 401, code: 'TOKEN_EXPIRED' },
    ],
    [
      'a token without exp',
      async () => `Bearer ${await joseToken(CURRENT_SECRET, { exp: null })}`,
      { status: 401, code: 'INVALID_TOKEN' },
    ],
    [
      'an iat 301 s in the future',
      async () => `Bearer ${await joseToken(CURRENT_SECRET, { iat: nowSeconds + 301 })}`,
      { status: 401, code: 'FUTURE_TIMESTAMP' },
    ],
    [
      'a token without iat',
      async () => `Bearer ${await joseToken(CURRENT_SECRET, { iat: null })}`,
      { status: 401, code: 'INVALID_TOKEN' },
    ],
    [
      'a token for another service',
      async () => `Bearer ${await joseToken(CURRENT_SECRET, { claims: { service: 'backoffice' } })}`,
      { status: 401, code: 'INVALID_TOKEN' },
    ],
    [
      'a token without the service claim',
      async () => `Bearer ${handToken({ alg: 'HS512' }, { iat: nowSeconds, exp: nowSeconds + 60 })}`,
      { status: 401, code: 'INVALID_TOKEN' },
    ],
    [
      'a token not valid before tomorrow',
      async () => `Bearer ${await joseToken(CURRENT_SECRET, { claims: { nbf: nowSeconds + 86_400 } })}`,
      { status: 401, code: 'INVALID_TOKEN' },
    ],
    ['a bearer value that is not a JWT', async () => 'Bearer hunter2', { status: 401, code: 'INVALID_TOKEN' }],
    [
      'a JWT with four parts',
      async () => `Bearer ${await joseToken(CURRENT_SECRET)}.extra`,
      { status: 401, code: 'INVALID_TOKEN' },
    ],
    [
      'a header that is not JSON',
      async () => `Bearer ${Buffer.from('not json').toString('base64url')}.${b64(validClaims)}.c2ln`,
      { status: 401, code: 'INVALID_TOKEN' },
    ],
    [
      'Basic credentials',
      async () => `Basic ${Buffer.from('talabat:pw').toString('base64')}`,
      { status: 401, code: 'INVALID_TOKEN' },
    ],
    ['"Bearer" without a token', async () => 'Bearer', { status: 401, code: 'INVALID_TOKEN' }],
    ['no Authorization header', async () => undefined, { status: 401, code: 'MISSING_TOKEN' }],
  ])('refuses %s', async (_case, authorization, expected) => {
    const header = await authorization();
    const result = talabatAdapter.authenticate(delivery(header), connection, now);
    expect(result).toMatchObject(expected);
    expect(result!.message).not.toContain(CURRENT_SECRET);
    const token = header?.split(' ')[1];
    if (token && token.length > 10) expect(result!.message).not.toContain(token);
  });

  it('stops accepting the old secret once the connection no longer lists it', async () => {
    const token = await joseToken(PREVIOUS_SECRET);
    expect(
      talabatAdapter.authenticate(delivery(`Bearer ${token}`), { ...connection, secrets: [CURRENT_SECRET] }, now),
    ).toMatchObject({
      code: 'BAD_SIGNATURE',
    });
  });
});

describe('Talabat routes, idempotency and answers', () => {
  it.each<[string, string, boolean]>([
    ['POST', 'order/kw-burger-lab-12', true],
    ['POST', '/order/kw-burger-lab-12/', true],
    ['PUT', statusPath, true],
    ['POST', '', false],
    ['POST', 'order', false],
    ['PUT', 'order/kw-burger-lab-12', false],
    ['POST', statusPath, false],
    ['PUT', `remoteId/kw-burger-lab-12/remoteOrder/${REMOTE_ORDER_ID}/status`, false],
    ['POST', 'remoteId/kw-burger-lab-12/menuimport', false],
  ])('%s "%s" is a Talabat route: %s', (method, subPath, known) => {
    const result = talabatAdapter.matchRoute(method, subPath);
    if (known) expect(result).toBeNull();
    else expect(result).toMatchObject({ status: 404, code: 'UNKNOWN_ROUTE' });
  });

  it('keys a new order by its token, a status call by the order and the status it reports', () => {
    expect(talabatAdapter.idempotencyKey(delivery(undefined))).toBe('b0a7c3e2-5d19-4e8f-a6b2-7c4d1e9f3a58');
    const status = delivery(undefined, statusPath, 'PUT', fixtureBytes(__dirname, 'order-status-cancelled.json'));
    expect(talabatAdapter.idempotencyKey(status)).toBe(`posOrderStatus:${REMOTE_ORDER_ID}:ORDER_CANCELLED`);
  });

  it.each<[string, string, 'POST' | 'PUT', string, number, string]>([
    ['a new order without token', 'order/kw-burger-lab-12', 'POST', '{"code":"x"}', 400, 'MISSING_IDEMPOTENCY_KEY'],
    ['a status call without status', statusPath, 'PUT', '{"message":"?"}', 400, 'MISSING_IDEMPOTENCY_KEY'],
    ['a body that is not JSON', 'order/kw-burger-lab-12', 'POST', 'token=abc', 400, 'MALFORMED_JSON'],
    ['an unknown route', 'vendors/1', 'POST', '{}', 404, 'UNKNOWN_ROUTE'],
  ])('refuses to key %s', (_case, subPath, method, rawBody, status, code) => {
    expect(talabatAdapter.idempotencyKey(delivery(undefined, subPath, method, Buffer.from(rawBody)))).toMatchObject({
      status,
      code,
    });
  });

  it.each([false, true])(
    'answers a new order (duplicate: %s) with 200 and our order id as remoteOrderId',
    (duplicate) => {
      const answer = talabatAdapter.answer(delivery(undefined), connection, { eventId: 'evt-7', duplicate });
      const expectedId = orderIdFor(connection.id, 'b0a7c3e2-5d19-4e8f-a6b2-7c4d1e9f3a58');
      expect(answer).toEqual({ status: 200, body: { remoteResponse: { remoteOrderId: expectedId } } });
      expect(expectedId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    },
  );

  it.each([
    [false, 202],
    [true, 200],
  ])('answers a status call (duplicate: %s) with %i and the receipt', (duplicate, status) => {
    const request = delivery(undefined, statusPath, 'PUT', fixtureBytes(__dirname, 'order-status-cancelled.json'));
    expect(talabatAdapter.answer(request, connection, { eventId: 'evt-8', duplicate })).toEqual({
      status,
      body: { eventId: 'evt-8', duplicate },
    });
  });
});
