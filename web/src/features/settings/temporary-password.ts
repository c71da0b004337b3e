/**
 * A first password for an invited user (the API creates users with one;
 * there is no e-mail invitation flow): 16 characters from an unambiguous
 * alphabet, from the browser's cryptographic random source.
 */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export function temporaryPassword(
  length = 16,
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  const bytes = random(new Uint8Array(length));
  // 256 is not a multiple of the alphabet size: redraw bytes past the last whole multiple to stay uniform.
  const limit = 256 - (256 % ALPHABET.length);
  let password = '';
  for (const byte of bytes) {
    if (byte < limit) password += ALPHABET[byte % ALPHABET.length];
  }
  return password.length === length ? password : password + temporaryPassword(length - password.length, random);
}
