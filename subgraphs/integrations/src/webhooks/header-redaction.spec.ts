import { credentialFingerprint, inboundHeaders, storedHeaders } from './header-redaction';

const JWT = 'eyJhbGciOiJIUzUxMiJ9.eyJzZXJ2aWNlIjoibWlkZGxld2FyZSJ9.c2lnbmF0dXJl';
const JAHEZ_TOKEN = 'jahez-connection-token-0123456789abcdef';
const HMAC = 'a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778';

describe('header redaction', () => {
  it.each([
    [
      'Talabat (bearer JWT)',
      { 'Content-Type': 'application/json', Authorization: `Bearer ${JWT}`, 'User-Agent': 'DH-Middleware/2.1' },
      {
        'content-type': 'application/json',
        'user-agent': 'DH-Middleware/2.1',
        authorization: `Bearer [redacted ${credentialFingerprint(JWT)}]`,
      },
    ],
    [
      'Jahez (bearer token, request id)',
      { 'content-type': 'application/json', authorization: `Bearer ${JAHEZ_TOKEN}`, 'x-request-id': 'f6a1-77' },
      {
        'content-type': 'application/json',
        'x-request-id': 'f6a1-77',
        authorization: `Bearer [redacted ${credentialFingerprint(JAHEZ_TOKEN)}]`,
      },
    ],
    [
      'Deliveroo (HMAC, sequence guid)',
      { 'content-type': 'application/json', 'x-deliveroo-sequence-guid': 'guid-1', 'x-deliveroo-hmac-sha256': HMAC },
      {
        'content-type': 'application/json',
        'x-deliveroo-sequence-guid': 'guid-1',
        'x-deliveroo-hmac-sha256': `[redacted ${credentialFingerprint(HMAC)}]`,
      },
    ],
    [
      'Careem (HMAC, timestamp)',
      { 'content-type': 'application/json', 'x-careem-signature': HMAC, 'x-careem-timestamp': '1767225600' },
      {
        'content-type': 'application/json',
        'x-careem-timestamp': '1767225600',
        'x-careem-signature': `[redacted ${credentialFingerprint(HMAC)}]`,
      },
    ],
  ])('keeps what matters for %s and never a credential', (_provider, headers, expected) => {
    const stored = storedHeaders(headers);

    expect(stored).toEqual(expected);
    const text = JSON.stringify(stored);
    for (const secret of [JWT, JAHEZ_TOKEN, HMAC]) expect(text).not.toContain(secret);
  });

  it('drops every header it was not told to keep (cookies, proxies, the context token)', () => {
    const stored = storedHeaders({
      cookie: 'session=abc',
      'x-forwarded-for': '10.0.0.1',
      'x-nexara-context': 'eyJ...',
      host: 'hub.example.com',
      'content-length': '120',
      'content-type': 'application/json',
    });

    expect(stored).toEqual({ 'content-type': 'application/json' });
  });

  it('redacts an Authorization header without a scheme as a whole', () => {
    expect(storedHeaders({ authorization: JAHEZ_TOKEN })).toEqual({
      authorization: `[redacted ${credentialFingerprint(JAHEZ_TOKEN)}]`,
    });
  });

  it('gives the same credential the same short fingerprint, and different ones different fingerprints', () => {
    expect(credentialFingerprint(JWT)).toMatch(/^sha256:[0-9a-f]{12}$/);
    expect(credentialFingerprint(JWT)).toBe(credentialFingerprint(JWT));
    expect(credentialFingerprint(JWT)).not.toBe(credentialFingerprint(`${JWT}x`));
  });

  it('cuts over-long values so a hostile header cannot bloat the inbox', () => {
    const stored = storedHeaders({ 'user-agent': 'x'.repeat(10_000) });
    expect(stored['user-agent']).toHaveLength(501);
  });

  it('lower-cases header names for the adapters and ignores non-string values', () => {
    expect(inboundHeaders({ 'X-Request-Id': 'r1', Authorization: 'Bearer t', odd: 5 as unknown as string })).toEqual({
      'x-request-id': 'r1',
      authorization: 'Bearer t',
    });
  });
});
