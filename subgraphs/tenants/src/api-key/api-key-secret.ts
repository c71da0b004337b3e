import { createHash, randomBytes } from 'node:crypto';

/** Every partner API key starts with this, so it is recognisable in a header, a log or a secret scanner. */
export const API_KEY_SECRET_PREFIX = 'nxk_';

const SECRET_BYTES = 32;
/** How much of the random part is kept in clear (`prefix`) so people can tell their keys apart. */
export const API_KEY_DISPLAY_PREFIX_LENGTH = 12;

/** `nxk_` and base64url of 32 bytes (43 characters, no padding). */
const SECRET_PATTERN = /^nxk_[A-Za-z0-9_-]{43}$/;

export type NewApiKeySecret = {
  /** The full secret: handed to the caller once, never stored. */
  secret: string;
  /** The first characters after `nxk_`, stored to show which key is which. */
  prefix: string;
  hash: Buffer;
};

/**
 * SHA-256 of the whole secret. A slow KDF would add nothing: the secret is 32
 * random bytes, so there is no dictionary to try, and the hash is computed on
 * every partner request.
 */
export function hashApiKeySecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

export function generateApiKeySecret(): NewApiKeySecret {
  const secret = API_KEY_SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64url');
  return { secret, prefix: displayPrefixOf(secret), hash: hashApiKeySecret(secret) };
}

export function displayPrefixOf(secret: string): string {
  return secret.slice(API_KEY_SECRET_PREFIX.length, API_KEY_SECRET_PREFIX.length + API_KEY_DISPLAY_PREFIX_LENGTH);
}

/**
 * Whether a bearer token has the shape of an API key (for the gateway to pick
 * the key check over the user-token check). Not a validity check: verification
 * never needs it, since only well-formed secrets ever had their hash stored.
 */
export function looksLikeApiKeySecret(token: string): boolean {
  return SECRET_PATTERN.test(token);
}
