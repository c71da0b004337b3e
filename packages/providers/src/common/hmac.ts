import { createHmac } from 'node:crypto';

/** Lowercase hex HMAC-SHA256 of the parts concatenated (raw bytes kept as they are). */
export function hmacSha256Hex(secret: string, ...parts: readonly (string | Buffer)[]): string {
  const hmac = createHmac('sha256', secret);
  for (const part of parts) hmac.update(part);
  return hmac.digest('hex');
}
