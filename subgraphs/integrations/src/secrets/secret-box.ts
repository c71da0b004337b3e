import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Provider secrets at rest: AES-256-GCM under a key from the environment.
 * Each sealed secret names the key that sealed it, so keys can rotate: new
 * secrets use the active (first) key while every configured key still opens
 * what it sealed. Nothing here logs or puts a secret or a key in an error.
 */

/** The environment variable holding the keys, named in every configuration error. */
export const SECRETS_KEYS_VARIABLE = 'SECRETS_ENCRYPTION_KEYS';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const AUTH_TAG_BYTES = 16;
const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/_-]+={0,2}$/;

export type EncryptionKey = { id: string; key: Buffer };

/** What is stored: the key id beside the ciphertext, the per-encryption IV and the GCM tag. */
export type SealedSecret = { keyId: string; iv: Buffer; ciphertext: Buffer; authTag: Buffer };

/** The row a secret belongs to; authenticated with the ciphertext so a copied row does not open elsewhere. */
export type SecretBinding = { tenantId: string; connectionId: string };

export type SecretBox = {
  /** The key id new secrets are sealed under. */
  readonly activeKeyId: string;
  seal: (plaintext: string, binding: SecretBinding) => SealedSecret;
  open: (sealed: SealedSecret, binding: SecretBinding) => string;
};

export class SecretKeyConfigError extends Error {
  override name = 'SecretKeyConfigError';
}

export class SecretDecryptionError extends Error {
  override name = 'SecretDecryptionError';
}

/**
 * Parses `keyId:base64key[,keyId:base64key...]`. Messages name the variable
 * and the entry's position (and its id once that is known to be well formed),
 * never the key material.
 */
export function parseEncryptionKeys(value: string | undefined, variable = SECRETS_KEYS_VARIABLE): EncryptionKey[] {
  const problem = (text: string): SecretKeyConfigError => new SecretKeyConfigError(`${variable} ${text}`);
  if (value === undefined || value.trim() === '') {
    throw problem(
      'is required: comma-separated keyId:base64key entries, each key 32 random bytes (the first encrypts)',
    );
  }
  const keys: EncryptionKey[] = [];
  for (const [index, rawEntry] of value.split(',').entries()) {
    const position = `entry ${index + 1}`;
    const entry = rawEntry.trim();
    const colon = entry.indexOf(':');
    if (colon < 0) throw problem(`${position} must have the form keyId:base64key`);
    const id = entry.slice(0, colon).trim();
    const encoded = entry.slice(colon + 1).trim();
    if (!KEY_ID_PATTERN.test(id)) {
      throw problem(`${position} has an invalid key id (use 1-64 letters, digits, '.', '_' or '-')`);
    }
    if (keys.some((key) => key.id === id)) throw problem(`${position} repeats key id "${id}"`);
    // Buffer's decoder skips characters it does not know, so check the alphabet first (standard or URL-safe).
    if (!BASE64_PATTERN.test(encoded)) throw problem(`${position} (key id "${id}") is not base64`);
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== KEY_BYTES) {
      throw problem(`${position} (key id "${id}") must decode to exactly ${KEY_BYTES} bytes, not ${key.length}`);
    }
    keys.push({ id, key });
  }
  return keys;
}

/** Binds a ciphertext to its tenant and connection (GCM additional authenticated data). */
function additionalData(binding: SecretBinding): Buffer {
  return Buffer.from(`nexara/connection-secret/v1/${binding.tenantId}/${binding.connectionId}`, 'utf8');
}

export function createSecretBox(keys: readonly EncryptionKey[]): SecretBox {
  const active = keys[0];
  if (!active) throw new SecretKeyConfigError(`${SECRETS_KEYS_VARIABLE} holds no key`);
  for (const key of keys) {
    if (key.key.length !== KEY_BYTES) {
      throw new SecretKeyConfigError(`${SECRETS_KEYS_VARIABLE}: key "${key.id}" must be exactly ${KEY_BYTES} bytes`);
    }
  }
  const byId = new Map(keys.map((key) => [key.id, key.key]));

  return {
    activeKeyId: active.id,
    seal(plaintext, binding) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, active.key, iv, { authTagLength: AUTH_TAG_BYTES });
      cipher.setAAD(additionalData(binding));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return { keyId: active.id, iv, ciphertext, authTag: cipher.getAuthTag() };
    },
    open(sealed, binding) {
      const key = byId.get(sealed.keyId);
      if (!key) {
        throw new SecretDecryptionError(
          `No encryption key "${sealed.keyId}" is configured: ` +
            `keep it in ${SECRETS_KEYS_VARIABLE} until every secret it sealed is rotated`,
        );
      }
      if (sealed.iv.length !== IV_BYTES || sealed.authTag.length !== AUTH_TAG_BYTES) {
        throw new SecretDecryptionError(
          'The stored secret is malformed (IV or authentication tag has the wrong length)',
        );
      }
      try {
        const decipher = createDecipheriv(ALGORITHM, key, sealed.iv, { authTagLength: AUTH_TAG_BYTES });
        decipher.setAAD(additionalData(binding));
        decipher.setAuthTag(sealed.authTag);
        return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
      } catch {
        // GCM says only "unable to authenticate": the row was altered, copied to another connection, or sealed under another key.
        throw new SecretDecryptionError(
          `The stored secret does not authenticate under key "${sealed.keyId}" for this connection`,
        );
      }
    },
  };
}

/** A SecretBox from the variable's raw value (service start-up). */
export function secretBoxFromConfig(value: string | undefined): SecretBox {
  return createSecretBox(parseEncryptionKeys(value));
}
