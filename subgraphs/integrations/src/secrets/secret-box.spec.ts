import { randomBytes } from 'node:crypto';
import {
  SECRETS_KEYS_VARIABLE,
  SecretDecryptionError,
  SecretKeyConfigError,
  createSecretBox,
  parseEncryptionKeys,
  secretBoxFromConfig,
  type SealedSecret,
} from './secret-box';

const keyEntry = (id: string, bytes = 32): string => `${id}:${randomBytes(bytes).toString('base64')}`;
const binding = {
  tenantId: '0b6f5d49-0a51-4c39-9d6c-1f0a2c7d3e11',
  connectionId: '7d2e9a15-3c4b-4f6e-8a1d-2b3c4d5e6f70',
};
const secret = 'whsec_provider-issued-secret-value';

describe('secret box', () => {
  it('round-trips a secret and seals it under the active key with a fresh 12-byte IV', () => {
    const sut = secretBoxFromConfig(`${keyEntry('k1')},${keyEntry('k0')}`);

    const first = sut.seal(secret, binding);
    const second = sut.seal(secret, binding);

    expect(sut.activeKeyId).toBe('k1');
    expect(first.keyId).toBe('k1');
    expect(first.iv).toHaveLength(12);
    expect(first.authTag).toHaveLength(16);
    expect(first.iv.equals(second.iv)).toBe(false);
    expect(first.ciphertext.equals(second.ciphertext)).toBe(false);
    expect(first.ciphertext.includes(Buffer.from(secret))).toBe(false);
    expect(sut.open(first, binding)).toBe(secret);
    expect(sut.open(second, binding)).toBe(secret);
  });

  it('round-trips non-ASCII and empty text', () => {
    const sut = secretBoxFromConfig(keyEntry('k1'));
    for (const text of ['', 'مفتاح-سري-🔑', 'x'.repeat(4096)]) {
      expect(sut.open(sut.seal(text, binding), binding)).toBe(text);
    }
  });

  describe('rotation', () => {
    it('still opens a ciphertext sealed under an older key after a new active key is added', () => {
      const oldEntry = keyEntry('2025-01');
      const before = secretBoxFromConfig(oldEntry);
      const sealedUnderOld = before.seal(secret, binding);

      const after = secretBoxFromConfig(`${keyEntry('2026-06')},${oldEntry}`);
      const sealedUnderNew = after.seal(secret, binding);

      expect(after.activeKeyId).toBe('2026-06');
      expect(sealedUnderNew.keyId).toBe('2026-06');
      expect(after.open(sealedUnderOld, binding)).toBe(secret);
      expect(after.open(sealedUnderNew, binding)).toBe(secret);
    });

    it('refuses, with a clear error, a ciphertext whose key id is no longer configured', () => {
      const sealed = secretBoxFromConfig(keyEntry('retired')).seal(secret, binding);
      const sut = secretBoxFromConfig(keyEntry('current'));

      expect(() => sut.open(sealed, binding)).toThrow(SecretDecryptionError);
      expect(() => sut.open(sealed, binding)).toThrow(/No encryption key "retired" is configured/);
    });

    it('does not open a ciphertext when the row names the wrong key id', () => {
      const sut = secretBoxFromConfig(`${keyEntry('a')},${keyEntry('b')}`);
      const sealed = sut.seal(secret, binding);

      expect(() => sut.open({ ...sealed, keyId: 'b' }, binding)).toThrow(SecretDecryptionError);
    });
  });

  describe('tamper detection', () => {
    const sut = secretBoxFromConfig(keyEntry('k1'));
    const sealed = sut.seal(secret, binding);
    const flipFirstBit = (buffer: Buffer): Buffer => {
      const copy = Buffer.from(buffer);
      copy[0] = copy[0]! ^ 0x01;
      return copy;
    };
    const tampered: [string, SealedSecret][] = [
      ['ciphertext bit flipped', { ...sealed, ciphertext: flipFirstBit(sealed.ciphertext) }],
      ['ciphertext truncated', { ...sealed, ciphertext: sealed.ciphertext.subarray(1) }],
      ['ciphertext extended', { ...sealed, ciphertext: Buffer.concat([sealed.ciphertext, Buffer.from([0])]) }],
      ['auth tag bit flipped', { ...sealed, authTag: flipFirstBit(sealed.authTag) }],
      ['auth tag truncated', { ...sealed, authTag: sealed.authTag.subarray(0, 12) }],
      ['IV bit flipped', { ...sealed, iv: flipFirstBit(sealed.iv) }],
    ];

    it.each(tampered)('rejects a stored secret with its %s', (_case, altered) => {
      expect(() => sut.open(altered, binding)).toThrow(SecretDecryptionError);
    });

    it('never puts the plaintext in the error', () => {
      try {
        sut.open({ ...sealed, authTag: flipFirstBit(sealed.authTag) }, binding);
        throw new Error('expected the tampered secret to be refused');
      } catch (error) {
        expect(String(error)).not.toContain(secret);
        expect(error).toBeInstanceOf(SecretDecryptionError);
      }
    });
  });

  describe('additional authenticated data', () => {
    const sut = secretBoxFromConfig(keyEntry('k1'));
    const sealed = sut.seal(secret, binding);

    it.each([
      ['another connection of the same tenant', { ...binding, connectionId: 'a9b8c7d6-0000-4000-8000-000000000001' }],
      ['the same connection id in another tenant', { ...binding, tenantId: 'f1e2d3c4-0000-4000-8000-000000000002' }],
      ['tenant and connection swapped', { tenantId: binding.connectionId, connectionId: binding.tenantId }],
    ])('does not open a row copied to %s', (_case, otherBinding) => {
      expect(() => sut.open(sealed, otherBinding)).toThrow(SecretDecryptionError);
    });
  });

  describe('key configuration', () => {
    const invalid: [string, string | undefined, RegExp][] = [
      ['missing', undefined, /is required/],
      ['empty', '  ', /is required/],
      ['an entry without a key id', randomBytes(32).toString('base64'), /entry 1 must have the form keyId:base64key/],
      ['an empty key id', `:${randomBytes(32).toString('base64')}`, /entry 1 has an invalid key id/],
      ['a key id with spaces', `my key:${randomBytes(32).toString('base64')}`, /entry 1 has an invalid key id/],
      [
        'a key that is too short',
        keyEntry('short', 16),
        /entry 1 \(key id "short"\) must decode to exactly 32 bytes, not 16/,
      ],
      ['a key that is too long', keyEntry('long', 33), /must decode to exactly 32 bytes, not 33/],
      ['a key that is not base64', 'k1:not base64 at all!', /entry 1 \(key id "k1"\) is not base64/],
      ['a bad second entry', `${keyEntry('k1')},k2:${randomBytes(8).toString('base64')}`, /entry 2 \(key id "k2"\)/],
      ['a repeated key id', `${keyEntry('k1')},${keyEntry('k1')}`, /entry 2 repeats key id "k1"/],
      ['a trailing comma', `${keyEntry('k1')},`, /entry 2 must have the form/],
    ];

    it.each(invalid)('rejects %s, naming the variable', (_case, value, message) => {
      expect(() => parseEncryptionKeys(value)).toThrow(SecretKeyConfigError);
      expect(() => parseEncryptionKeys(value)).toThrow(new RegExp(`^${SECRETS_KEYS_VARIABLE} `));
      expect(() => parseEncryptionKeys(value)).toThrow(message);
    });

    it('never echoes key material in a configuration error', () => {
      const material = randomBytes(16).toString('base64');
      expect(() => parseEncryptionKeys(`k1:${material}`)).toThrow(SecretKeyConfigError);
      try {
        parseEncryptionKeys(`k1:${material}`);
      } catch (error) {
        expect(String(error)).not.toContain(material);
      }
    });

    it('accepts standard and URL-safe base64 and spaces around entries; the first entry is active', () => {
      const keys = parseEncryptionKeys(
        ` a:${randomBytes(32).toString('base64')} , b:${randomBytes(32).toString('base64url')} `,
      );
      expect(keys.map((key) => key.id)).toEqual(['a', 'b']);
      expect(keys.every((key) => key.key.length === 32)).toBe(true);
      expect(createSecretBox(keys).activeKeyId).toBe('a');
    });

    it('refuses an empty key list', () => {
      expect(() => createSecretBox([])).toThrow(SecretKeyConfigError);
    });
  });
});
