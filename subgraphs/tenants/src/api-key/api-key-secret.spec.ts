import { createHash } from 'node:crypto';
import {
  API_KEY_DISPLAY_PREFIX_LENGTH,
  displayPrefixOf,
  generateApiKeySecret,
  hashApiKeySecret,
  looksLikeApiKeySecret,
} from './api-key-secret';

describe('API key secrets', () => {
  it('are nxk_ and 43 base64url characters (32 random bytes)', () => {
    const { secret } = generateApiKeySecret();
    expect(secret).toMatch(/^nxk_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.slice(4), 'base64url')).toHaveLength(32);
    expect(looksLikeApiKeySecret(secret)).toBe(true);
  });

  it('differ every time', () => {
    const secrets = new Set(Array.from({ length: 200 }, () => generateApiKeySecret().secret));
    expect(secrets.size).toBe(200);
  });

  it('keep the first 12 characters after nxk_ as the display prefix, and nothing more', () => {
    const { secret, prefix } = generateApiKeySecret();
    expect(prefix).toHaveLength(API_KEY_DISPLAY_PREFIX_LENGTH);
    expect(secret.startsWith(`nxk_${prefix}`)).toBe(true);
    expect(displayPrefixOf('nxk_abcdefghijklmnopqrstuvwxyz')).toBe('abcdefghijkl');
  });

  it('are stored as the SHA-256 of the whole secret', () => {
    const { secret, hash } = generateApiKeySecret();
    expect(hash).toEqual(createHash('sha256').update(secret).digest());
    expect(hash).toHaveLength(32);
    expect(hashApiKeySecret(secret)).toEqual(hash);
    expect(hashApiKeySecret(`${secret}x`)).not.toEqual(hash);
  });

  it.each([
    ['no prefix', 'A'.repeat(43)],
    ['wrong prefix', `nxt_${'A'.repeat(43)}`],
    ['too short', `nxk_${'A'.repeat(42)}`],
    ['too long', `nxk_${'A'.repeat(44)}`],
    ['standard base64 characters', `nxk_${'A'.repeat(42)}+`],
    ['padding', `nxk_${'A'.repeat(42)}=`],
    ['a user token', 'eyJhbGciOiJIUzI1NiJ9.e30.sig'],
    ['empty', ''],
  ])('do not mistake %s for a key', (_case, token) => {
    expect(looksLikeApiKeySecret(token)).toBe(false);
  });
});
