import { createHmac } from 'node:crypto';
import type { Rejection } from '../../adapter';
import { matchesAny } from '../compare';
import { rejection } from '../errors';

/** How far in the future a token's `iat` (or `nbf`) may be: clock skew between Delivery Hero and us. */
export const DELIVERY_HERO_MAX_CLOCK_SKEW_SECONDS = 300;

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function hs512(secret: string, signingInput: string): string {
  return createHmac('sha512', secret).update(signingInput).digest('base64url');
}

function decodeJsonPart(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(utf8.decode(Buffer.from(part, 'base64url')));
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    return isObject ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A compact HS512 JWS over `claims`, keyed by the secret's UTF-8 bytes. */
export function signHs512Jwt(claims: Record<string, unknown>, secret: string): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS512', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${header}.${payload}.${hs512(secret, `${header}.${payload}`)}`;
}

/**
 * Delivery Hero's middleware token: HS512 only, decided from the header
 * BEFORE any signature work (so `none`, HS256 with the secret as an HMAC key,
 * or an RS/ES header naming a key we do not have are refused outright), then
 * the signature against every secret of the connection, and only then the
 * claims: `service: "middleware"`, `exp` present and not passed, `iat`
 * present and at most 300 s ahead of our clock.
 *
 * node:crypto rather than jose: the check must be synchronous for the
 * adapter interface, and it is small enough to read whole. The tests verify
 * it against tokens jose signs, and the tokens it signs with jose.
 */
export function verifyMiddlewareToken(token: string, secrets: readonly string[], now: Date): Rejection | null {
  const parts = token.split('.');
  const wellFormed =
    parts.length === 3 && BASE64URL.test(parts[0]!) && BASE64URL.test(parts[1]!) && /^[A-Za-z0-9_-]*$/.test(parts[2]!);
  if (!wellFormed) {
    return rejection(401, 'INVALID_TOKEN', 'The bearer token is not a compact JWT.');
  }
  const [encodedHeader, encodedClaims, signature] = parts as [string, string, string];
  const header = decodeJsonPart(encodedHeader);
  if (!header) return rejection(401, 'INVALID_TOKEN', 'The JWT header is not a JSON object.');
  if (header['alg'] !== 'HS512') {
    const alg = typeof header['alg'] === 'string' ? header['alg'].slice(0, 20) : 'none given';
    return rejection(401, 'WRONG_ALGORITHM', `Only HS512 tokens are accepted (this one uses ${JSON.stringify(alg)}).`);
  }
  if (header['crit'] !== undefined) {
    return rejection(401, 'INVALID_TOKEN', 'The JWT header names critical extensions this endpoint does not support.');
  }

  const signingInput = `${encodedHeader}.${encodedClaims}`;
  const expected = secrets.map((secret) => hs512(secret, signingInput));
  if (!signature || !matchesAny(expected, signature)) {
    return rejection(401, 'BAD_SIGNATURE', 'The JWT signature does not verify.');
  }

  const claims = decodeJsonPart(encodedClaims);
  if (!claims) return rejection(401, 'INVALID_TOKEN', 'The JWT claims are not a JSON object.');
  if (claims['service'] !== 'middleware') {
    return rejection(401, 'INVALID_TOKEN', 'The JWT claim "service" must be "middleware".');
  }
  const nowSeconds = now.getTime() / 1000;
  const exp = claims['exp'];
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    return rejection(401, 'INVALID_TOKEN', 'The JWT has no numeric "exp" claim.');
  }
  if (nowSeconds >= exp) return rejection(401, 'TOKEN_EXPIRED', 'The JWT has expired.');
  const iat = claims['iat'];
  if (typeof iat !== 'number' || !Number.isFinite(iat)) {
    return rejection(401, 'INVALID_TOKEN', 'The JWT has no numeric "iat" claim.');
  }
  if (iat > nowSeconds + DELIVERY_HERO_MAX_CLOCK_SKEW_SECONDS) {
    return rejection(
      401,
      'FUTURE_TIMESTAMP',
      `The JWT was issued more than ${DELIVERY_HERO_MAX_CLOCK_SKEW_SECONDS} s in the future.`,
    );
  }
  const nbf = claims['nbf'];
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowSeconds + DELIVERY_HERO_MAX_CLOCK_SKEW_SECONDS)) {
    return rejection(401, 'INVALID_TOKEN', 'The JWT is not valid yet ("nbf").');
  }
  return null;
}
