import type { GraphQLError } from 'graphql';
import type { PartnerIdentity } from './api-keys';
import { isApiKeyShaped } from './api-keys';
import { authenticatePartner } from './authenticate';

const KEY = `nxk_${'a'.repeat(43)}`;
const PARTNER: PartnerIdentity = { kind: 'partner', apiKeyId: 'k1', tenantId: 't1', scopes: ['orders:read'] };

describe('authenticatePartner', () => {
  const lookups: string[] = [];
  const authenticator = async (secret: string) => {
    lookups.push(secret);
    return secret === KEY ? PARTNER : null;
  };

  it('resolves a known key to its partner identity', async () => {
    await expect(authenticatePartner({ authorization: `Bearer ${KEY}` }, authenticator)).resolves.toEqual(PARTNER);
  });

  it.each([
    ['no Authorization header', {}, /Authorization: Bearer nxk_/],
    ['not a bearer token', { authorization: `Basic ${KEY}` }, /Bearer nxk_/],
    ['a dashboard token', { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x' }, /API keys \(nxk_\.\.\.\) only/],
    ['an unknown key', { authorization: `Bearer nxk_${'b'.repeat(43)}` }, /unknown, revoked or expired/],
  ])('refuses %s with 401 and a Bearer challenge', async (_name, headers, message) => {
    const error = (await authenticatePartner(headers, authenticator).catch((e: unknown) => e)) as GraphQLError;
    expect(error.message).toMatch(message);
    expect(error.extensions['code']).toBe('UNAUTHENTICATED');
    const http = error.extensions['http'] as { status: number; headers: Map<string, string> };
    expect(http.status).toBe(401);
    expect(http.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it('only well-formed keys are worth a lookup', () => {
    expect(isApiKeyShaped(KEY)).toBe(true);
    expect(isApiKeyShaped(`${KEY}x`)).toBe(false);
    expect(isApiKeyShaped('nxk_short')).toBe(false);
  });
});
