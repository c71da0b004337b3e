import { temporaryPassword } from './temporary-password';

describe('temporary password', () => {
  it('is 16 unambiguous characters', () => {
    const password = temporaryPassword();
    expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{16}$/);
  });

  it('redraws bytes that would bias the alphabet', () => {
    // 255 is past the last whole multiple of the alphabet size: skipped, then 0 maps to "A".
    let call = 0;
    const random = (bytes: Uint8Array) => bytes.fill(call++ === 0 ? 255 : 0);
    expect(temporaryPassword(4, random)).toBe('AAAA');
  });
});
