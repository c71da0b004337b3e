import { PASSWORD_HASH_PARAMS, dummyPasswordHash, hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  const password = 'correct horse battery';

  it('stores scrypt parameters, a 16-byte salt and a 32-byte key', async () => {
    const encoded = await hashPassword(password);
    const [scheme, N, r, p, salt, key] = encoded.split('$');
    expect(scheme).toBe('scrypt');
    expect([Number(N), Number(r), Number(p)]).toEqual([PASSWORD_HASH_PARAMS.N, 8, 1]);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64')).toHaveLength(32);
    expect(encoded).not.toContain(password);
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const encoded = await hashPassword(password);
    await expect(verifyPassword(password, encoded)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery!', encoded)).resolves.toBe(false);
    await expect(verifyPassword('Correct horse battery', encoded)).resolves.toBe(false);
    await expect(verifyPassword('', encoded)).resolves.toBe(false);
  });

  it('salts every hash differently', async () => {
    const [first, second] = await Promise.all([hashPassword(password), hashPassword(password)]);
    expect(first).not.toBe(second);
    expect(first.split('$')[4]).not.toBe(second.split('$')[4]);
    await expect(verifyPassword(password, second)).resolves.toBe(true);
  });

  describe('rejects a tampered or malformed hash', () => {
    let encoded: string;
    beforeAll(async () => {
      encoded = await hashPassword(password);
    });

    const flipFirstByte = (b64: string): string => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] = bytes[0]! ^ 0xff;
      return bytes.toString('base64');
    };
    const replacePart = (index: number, value: (old: string) => string) => (hash: string) => {
      const parts = hash.split('$');
      parts[index] = value(parts[index]!);
      return parts.join('$');
    };

    it.each([
      ['key bytes changed', replacePart(5, flipFirstByte)],
      ['salt changed', replacePart(4, flipFirstByte)],
      ['cost parameter lowered', replacePart(1, () => String(2 ** 14))],
      ['block size changed', replacePart(2, () => '4')],
      ['key truncated', replacePart(5, (key) => Buffer.from(key, 'base64').subarray(0, 16).toString('base64'))],
      ['unknown scheme', replacePart(0, () => 'bcrypt')],
      ['cost not a power of two', replacePart(1, () => '30000')],
      ['absurd cost', replacePart(1, () => String(2 ** 30))],
      ['not base64', replacePart(5, () => '***')],
      ['missing part', (hash: string) => hash.split('$').slice(0, 5).join('$')],
      ['empty', () => ''],
    ])('%s', async (_case, tamper) => {
      await expect(verifyPassword(password, tamper(encoded))).resolves.toBe(false);
    });
  });

  it('keeps one dummy hash that no guessable password matches', async () => {
    const dummy = await dummyPasswordHash();
    expect(await dummyPasswordHash()).toBe(dummy);
    await expect(verifyPassword(password, dummy)).resolves.toBe(false);
  });
});
