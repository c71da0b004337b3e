import { decodeProtectedHeader, decodeJwt, jwtVerify } from 'jose';
import type { SimulatedConnection } from './connections';
import { createRandom } from '@nexara/providers/testing';
import { buildWebhook, type BuiltWebhook } from './send';
import { SIGNING_FAULTS, type SigningFault } from './signing';
import {
  hmacHex,
  sameText,
  verifyCareem,
  verifyDeliveroo,
  verifyJahez,
  verifyTalabat,
} from './testing/independent-checks';

const NOW = new Date('2026-03-01T18:30:00.000Z');
const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);

const SECRETS = {
  DELIVEROO: 'whsec-deliveroo-7f3a',
  CAREEM: 'careem-hmac-secret-19',
  TALABAT: 'talabat-plugin-secret-with-plenty-of-entropy-0123456789abcdef',
  JAHEZ: 'jahez-static-token-5521',
} as const;
type SignedProvider = keyof typeof SECRETS;

function connection(provider: SignedProvider): SimulatedConnection {
  return {
    provider,
    webhookUrl: `http://localhost:4000/webhooks/${provider.toLowerCase()}/conn-key-1/`,
    secret: SECRETS[provider],
    externalStoreId: 'branch 7',
    currency: provider === 'TALABAT' ? 'KWD' : provider === 'JAHEZ' ? 'SAR' : 'AED',
  };
}

async function build(
  provider: SignedProvider,
  fault?: SigningFault,
  extra: { legacySignature?: boolean } = {},
): Promise<BuiltWebhook> {
  return buildWebhook(connection(provider), 'new_order', { random: createRandom(3), now: NOW, fault, ...extra });
}

/** The independent verifier of each provider's scheme (written in the test helpers, not the simulator). */
async function verifies(built: BuiltWebhook): Promise<boolean> {
  const provider = built.provider as SignedProvider;
  const secret = SECRETS[provider];
  switch (provider) {
    case 'DELIVEROO':
      return verifyDeliveroo(secret, built.headers, built.body);
    case 'CAREEM':
      return verifyCareem(secret, built.headers, built.body, NOW_SECONDS);
    case 'TALABAT':
      return verifyTalabat(secret, built.headers, NOW_SECONDS);
    case 'JAHEZ':
      return verifyJahez(secret, built.headers);
  }
}

describe('signatures verify independently', () => {
  it('Deliveroo: hex HMAC-SHA256 over guid + " " + body', async () => {
    const built = await build('DELIVEROO');
    const guid = built.headers['x-deliveroo-sequence-guid'] ?? '';
    expect(guid).toMatch(/^[0-9a-f-]{36}$/);
    expect(built.headers['x-deliveroo-hmac-sha256']).toBe(hmacHex(SECRETS.DELIVEROO, `${guid} ${built.body}`));
    expect(built.idempotencyKey).toBe(guid);
  });

  it('Deliveroo legacy: hex HMAC-SHA256 over guid + " \\n " + body', async () => {
    const built = await build('DELIVEROO', undefined, { legacySignature: true });
    const guid = built.headers['x-deliveroo-sequence-guid'] ?? '';
    expect(built.headers['x-deliveroo-hmac-sha256']).toBe(hmacHex(SECRETS.DELIVEROO, `${guid} \n ${built.body}`));
    expect(built.headers['x-deliveroo-hmac-sha256']).not.toBe(hmacHex(SECRETS.DELIVEROO, `${guid} ${built.body}`));
  });

  it('Careem: hex HMAC-SHA256 over timestamp + "." + body, timestamp in unix seconds', async () => {
    const built = await build('CAREEM');
    expect(built.headers['x-careem-timestamp']).toBe(String(NOW_SECONDS));
    expect(built.headers['x-careem-signature']).toBe(hmacHex(SECRETS.CAREEM, `${NOW_SECONDS}.${built.body}`));
    expect(built.idempotencyKey).toBe((JSON.parse(built.body) as { event_id: string }).event_id);
  });

  it('Talabat: HS512 JWT with service "middleware", iat and exp', async () => {
    const built = await build('TALABAT');
    const token = (built.headers['authorization'] ?? '').replace(/^Bearer /, '');
    expect(decodeProtectedHeader(token).alg).toBe('HS512');
    const { payload } = await jwtVerify(token, new TextEncoder().encode(SECRETS.TALABAT), {
      algorithms: ['HS512'],
      currentDate: NOW,
    });
    expect(payload).toEqual({ service: 'middleware', iat: NOW_SECONDS, exp: NOW_SECONDS + 300 });
  });

  it('Jahez: the connection token as bearer and a uuid X-Request-Id', async () => {
    const built = await build('JAHEZ');
    expect(sameText(built.headers['authorization'] ?? '', `Bearer ${SECRETS.JAHEZ}`)).toBe(true);
    expect(built.headers['x-request-id']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(built.idempotencyKey).toBe(built.headers['x-request-id']);
  });

  it.each(Object.keys(SECRETS) as SignedProvider[])(
    '%s: a correct delivery passes the independent check',
    async (provider) => {
      expect(await verifies(await build(provider))).toBe(true);
    },
  );
});

describe('deliberately wrong signatures fail the independent check', () => {
  // The providers the independent verifiers above read; a brand sharing another's scheme shares its part too.
  const cases = (Object.keys(SECRETS) as SignedProvider[]).flatMap((provider) =>
    SIGNING_FAULTS[provider].map((fault) => ({ provider, fault })),
  );

  it.each(cases)('$provider with $fault', async ({ provider, fault }) => {
    expect(await verifies(await build(provider, fault))).toBe(false);
  });

  it('Careem stale and future timestamps are 600 s off but correctly signed over themselves', async () => {
    for (const [fault, offset] of [
      ['stale_timestamp', -600],
      ['future_timestamp', 600],
    ] as const) {
      const built = await build('CAREEM', fault);
      const timestamp = built.headers['x-careem-timestamp'] ?? '';
      expect(Number(timestamp)).toBe(NOW_SECONDS + offset);
      expect(built.headers['x-careem-signature']).toBe(hmacHex(SECRETS.CAREEM, `${timestamp}.${built.body}`));
    }
  });

  it('Talabat wrong-algorithm tokens are what they claim to be', async () => {
    const none = (await build('TALABAT', 'alg_none')).headers['authorization']?.replace(/^Bearer /, '') ?? '';
    expect(decodeProtectedHeader(none).alg).toBe('none');
    expect(none.endsWith('.')).toBe(true);

    const hs256 = (await build('TALABAT', 'alg_hs256')).headers['authorization']?.replace(/^Bearer /, '') ?? '';
    expect(decodeProtectedHeader(hs256).alg).toBe('HS256');
    // Right secret, wrong algorithm: a verifier that does not pin HS512 would accept it.
    await expect(
      jwtVerify(hs256, new TextEncoder().encode(SECRETS.TALABAT), { currentDate: NOW }),
    ).resolves.toBeDefined();
    await expect(
      jwtVerify(hs256, new TextEncoder().encode(SECRETS.TALABAT), { algorithms: ['HS512'], currentDate: NOW }),
    ).rejects.toThrow();

    const expired = (await build('TALABAT', 'expired_token')).headers['authorization']?.replace(/^Bearer /, '') ?? '';
    expect(decodeJwt(expired).exp).toBeLessThan(NOW_SECONDS);

    const future = (await build('TALABAT', 'future_timestamp')).headers['authorization']?.replace(/^Bearer /, '') ?? '';
    expect((decodeJwt(future).iat ?? 0) - NOW_SECONDS).toBeGreaterThan(300);
  });

  it('missing headers are really missing', async () => {
    expect((await build('DELIVEROO', 'missing_idempotency')).headers).not.toHaveProperty('x-deliveroo-sequence-guid');
    expect((await build('DELIVEROO', 'missing_idempotency')).idempotencyKey).toBeNull();
    expect((await build('JAHEZ', 'missing_idempotency')).headers).not.toHaveProperty('x-request-id');
    expect((await build('JAHEZ', 'missing_auth')).headers).not.toHaveProperty('authorization');
    expect((await build('TALABAT', 'missing_auth')).headers).not.toHaveProperty('authorization');
    expect((await build('CAREEM', 'missing_auth')).headers).not.toHaveProperty('x-careem-signature');
  });

  it('refuses a fault that does not exist in the provider scheme', async () => {
    await expect(build('CAREEM', 'alg_none')).rejects.toThrow(/does not apply to CAREEM/);
    await expect(build('JAHEZ', 'stale_timestamp')).rejects.toThrow(/does not apply to JAHEZ/);
  });
});
