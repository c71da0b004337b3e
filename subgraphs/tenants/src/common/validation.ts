import { appError, canonicalTimeZone, isCurrencyCode } from '@nexara/kit';

/**
 * Input rules shared by tenants, branches and users. Each returns the value
 * as it is stored (trimmed, lower-cased, canonical) or throws BAD_USER_INPUT
 * with a message that names the field and says what is expected.
 */

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const MIN_PASSWORD_LENGTH = 10;
/** Above this a password is rejected: scrypt would happily hash megabytes on every login attempt. */
export const MAX_PASSWORD_LENGTH = 256;
const MAX_NAME_LENGTH = 200;
const MAX_EMAIL_LENGTH = 254;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalid(field: string, message: string): never {
  throw appError('BAD_USER_INPUT', `${field}: ${message}`, { field });
}

export function normalizeSlug(value: string, field = 'slug'): string {
  const slug = value.trim();
  if (slug.length < 2 || slug.length > 63) invalid(field, 'must be 2 to 63 characters long.');
  if (!SLUG_PATTERN.test(slug)) {
    invalid(field, 'use lowercase letters a-z, digits and single hyphens between them (e.g. "demo-bistro").');
  }
  return slug;
}

export function normalizeEmail(value: string, field = 'email'): string {
  const email = value.trim().toLowerCase();
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(email)) {
    invalid(field, 'must be an email address such as owner@example.com.');
  }
  return email;
}

/** Any IANA name Intl knows (links such as "US/Eastern" too), its case fixed (see `canonicalTimeZone`). */
export function normalizeTimeZone(value: string, field = 'timeZone'): string {
  const zone = canonicalTimeZone(value);
  if (!zone)
    invalid(field, `must be an IANA time zone such as "Asia/Dubai" or "Europe/London"; "${value.trim()}" is not one.`);
  return zone;
}

export function normalizeCurrency(value: string, field = 'currency'): string {
  const currency = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency) || !isCurrencyCode(currency)) {
    invalid(field, 'must be an ISO 4217 currency code such as "AED" or "GBP".');
  }
  return currency;
}

export function normalizeName(value: string, field = 'name'): string {
  const name = value.trim();
  if (name.length === 0) invalid(field, 'must not be empty.');
  if (name.length > MAX_NAME_LENGTH) invalid(field, `must be at most ${MAX_NAME_LENGTH} characters.`);
  return name;
}

export function normalizeOptionalText(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text.length > 500) invalid(field, 'must be at most 500 characters.');
  return text.length === 0 ? null : text;
}

/** Passwords are never trimmed: every character the user typed counts. */
export function checkPassword(value: string, field = 'password'): string {
  if (value.length < MIN_PASSWORD_LENGTH) invalid(field, `must be at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (value.length > MAX_PASSWORD_LENGTH) invalid(field, `must be at most ${MAX_PASSWORD_LENGTH} characters.`);
  return value;
}

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
