import {
  contextTokenSigner,
  contextTokenVerifier,
  signContextToken,
  verifyContextToken,
  type Identity,
} from './identity';

const SECRET = 'a-test-internal-secret-of-32-chars!!';
const shim: Identity = { kind: 'service', service: 'webhook-shim', tenantId: null };

describe(contextTokenSigner.name, () => {
  it('hands out one valid token per identity until half its lifetime has passed, then a fresh one', async () => {
    let clock = 1_000_000;
    const sut = contextTokenSigner(SECRET, { ttlSeconds: 60, now: () => clock });
    const first = await sut(shim);
    expect(await verifyContextToken(first, SECRET)).toEqual(shim);
    clock += 29_000;
    expect(await sut({ tenantId: null, service: 'webhook-shim', kind: 'service' })).toBe(first); // same fields, any order
    clock += 1_000;
    // jose stamps whole seconds: wait for the next one so a fresh token differs from the first.
    await new Promise((resolve) => setTimeout(resolve, 1_000 - (Date.now() % 1_000) + 5));
    const second = await sut(shim);
    expect(second).not.toBe(first);
    expect(await verifyContextToken(second, SECRET)).toEqual(shim);
  });

  it('never hands one identity the token of another', async () => {
    const sut = contextTokenSigner(SECRET);
    const user: Identity = { kind: 'user', userId: 'u1', tenantId: 't1', role: 'STAFF' };
    const otherTenant: Identity = { ...user, tenantId: 't2' };
    expect(await verifyContextToken(await sut(user), SECRET)).toEqual(user);
    expect(await verifyContextToken(await sut(otherTenant), SECRET)).toEqual(otherTenant);
    expect(await verifyContextToken(await sut(user), SECRET)).toEqual(user);
  });
});

describe(contextTokenVerifier.name, () => {
  it('trusts a token it verified until the token expires, then checks it again', async () => {
    let clock = Date.now();
    const sut = contextTokenVerifier(SECRET, { now: () => clock });
    const token = await signContextToken(shim, SECRET, { ttlSeconds: 60 });
    expect(await sut(token)).toEqual(shim);
    expect(await sut(token)).toEqual(shim);
    clock += 61_000; // past `exp`: verified again, and jose (on the real clock) still accepts it
    expect(await sut(token)).toEqual(shim);
  });

  it('refuses a token signed with another key, every time', async () => {
    const sut = contextTokenVerifier(SECRET);
    const forged = await signContextToken(shim, 'another-secret-of-at-least-32-chars!!');
    await expect(sut(forged)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(sut(forged)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses an expired token even when it was verified before', async () => {
    const sut = contextTokenVerifier(SECRET);
    const token = await signContextToken(shim, SECRET, { ttlSeconds: 1 });
    expect(await sut(token)).toEqual(shim);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await expect(sut(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});
