import { SignJWT } from 'jose';
import { orderIdFor } from '@nexara/kit';
import { aConnection, aWebhook, CURRENT_SECRET, fixtureBytes, PREVIOUS_SECRET } from '../common/test-support';
import { hungerstationAdapter } from './definition';

/** HungerStation's golden deliveries through the shared middleware token check, routes, keys and answers. */
const connection = aConnection('HUNGERSTATION', { currency: 'SAR', externalStoreId: 'hs-ruh-olaya-7' });
const now = new Date('2025-06-02T16:40:13.000Z');
const nowSeconds = Math.floor(now.getTime() / 1000);
const body = fixtureBytes(__dirname, 'order-new-sar-delivery.json');
const TOKEN = '5c1d8e2a-9f47-4b36-a0e8-3d6f2b9c7e14';

async function token(secret: string, alg = 'HS512', claims: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ service: 'middleware', iat: nowSeconds - 2, exp: nowSeconds + 300, ...claims })
    .setProtectedHeader({ alg, typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));
}

const delivery = (authorization?: string) =>
  aWebhook('HUNGERSTATION', { subPath: 'order/hs-ruh-olaya-7', rawBody: body, headers: { authorization } });

describe('HungerStation authentication, routes and answers (golden)', () => {
  it.each([
    ['the current secret', CURRENT_SECRET],
    ['the rotated-out secret', PREVIOUS_SECRET],
  ])('accepts a middleware token signed with %s', async (_case, secret) => {
    expect(hungerstationAdapter.authenticate(delivery(`Bearer ${await token(secret)}`), connection, now)).toBeNull();
  });

  it.each([
    ['no Authorization header', async () => undefined, 'MISSING_TOKEN'],
    ['another secret', async () => `Bearer ${await token('not-the-connection-secret')}`, 'BAD_SIGNATURE'],
    ['HS256', async () => `Bearer ${await token(CURRENT_SECRET, 'HS256')}`, 'WRONG_ALGORITHM'],
    [
      'an expired token',
      async () => `Bearer ${await token(CURRENT_SECRET, 'HS512', { exp: nowSeconds - 1 })}`,
      'TOKEN_EXPIRED',
    ],
  ])('refuses %s', async (_case, authorization, code) => {
    expect(hungerstationAdapter.authenticate(delivery(await authorization()), connection, now)).toMatchObject({
      status: 401,
      code,
    });
  });

  it('takes the plugin routes only, and names HungerStation when it refuses one', () => {
    expect(hungerstationAdapter.matchRoute('POST', 'order/hs-ruh-olaya-7')).toBeNull();
    expect(hungerstationAdapter.matchRoute('PUT', 'remoteId/x/remoteOrder/y/posOrderStatus')).toBeNull();
    expect(hungerstationAdapter.matchRoute('POST', 'menu')).toMatchObject({
      status: 404,
      code: 'UNKNOWN_ROUTE',
      message: expect.stringContaining('HungerStation'),
    });
  });

  it('keys a new order by its token and answers it with our order id as remoteOrderId', () => {
    expect(hungerstationAdapter.idempotencyKey(delivery())).toBe(TOKEN);
    expect(hungerstationAdapter.answer(delivery(), connection, { eventId: 'evt-1', duplicate: false })).toEqual({
      status: 200,
      body: { remoteResponse: { remoteOrderId: orderIdFor(connection.id, TOKEN) } },
    });
  });
});
