import { isStorableText, MAX_MODIFIER_DEPTH, MoneyError, storableText, toMinorUnits } from '@nexara/kit';
import { PayloadError } from './errors';
import { jsonObjectOf, type JsonObject } from './json-body';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Typed reads from a provider's JSON with the path of every field, so a
 * payload that does not match the provider's contract fails with a reason a
 * person can act on ("body.order.items[1].quantity must be a whole number").
 */
export class PayloadObject {
  private constructor(
    readonly value: JsonObject,
    readonly path: string,
  ) {}

  /** The delivery's body; throws PayloadError when it is not a JSON object. */
  static fromBody(rawBody: Buffer): PayloadObject {
    const value = jsonObjectOf(rawBody);
    if (!value) throw new PayloadError('The body is not a JSON object.');
    return new PayloadObject(value, 'body');
  }

  static of(value: unknown, path: string): PayloadObject {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new PayloadError(`${path} must be an object`);
    }
    return new PayloadObject(value as JsonObject, path);
  }

  pathOf(key: string): string {
    return `${this.path}.${key}`;
  }

  /** Absent or JSON null. */
  isMissing(key: string): boolean {
    return this.value[key] === undefined || this.value[key] === null;
  }

  object(key: string): PayloadObject {
    return PayloadObject.of(this.value[key], this.pathOf(key));
  }

  optionalObject(key: string): PayloadObject | null {
    return this.isMissing(key) ? null : this.object(key);
  }

  /** A required array of objects (may be empty unless `nonEmpty`). */
  objects(key: string, options: { nonEmpty?: boolean } = {}): PayloadObject[] {
    const value = this.value[key];
    if (!Array.isArray(value)) throw new PayloadError(`${this.pathOf(key)} must be an array`);
    if (options.nonEmpty && value.length === 0) throw new PayloadError(`${this.pathOf(key)} must not be empty`);
    return value.map((element, index) => PayloadObject.of(element, `${this.pathOf(key)}[${index}]`));
  }

  /** An array of objects that may be absent or null (read as empty). */
  optionalObjects(key: string): PayloadObject[] {
    return this.isMissing(key) ? [] : this.objects(key);
  }

  /**
   * The modifiers under `key` of a line (depth 1) or of a modifier at
   * `depth - 1`, each read by `read` at its depth. Nesting past
   * MAX_MODIFIER_DEPTH is refused here: a hostile payload can nest thousands
   * deep, and reading it recursively would exhaust the stack.
   */
  modifiers<T>(key: string, depth: number, read: (modifier: PayloadObject, depth: number) => T): T[] {
    const modifiers = this.optionalObjects(key);
    if (modifiers.length > 0 && depth > MAX_MODIFIER_DEPTH) {
      throw new PayloadError(`${this.pathOf(key)} nests modifiers deeper than ${MAX_MODIFIER_DEPTH} levels`);
    }
    return modifiers.map((modifier) => read(modifier, depth));
  }

  /** A required, non-blank string, trimmed. */
  string(key: string): string {
    const value = this.optionalString(key);
    if (value === null) throw new PayloadError(`${this.pathOf(key)} is required`);
    return value;
  }

  /** A string trimmed; null when absent, null or blank. */
  optionalString(key: string): string | null {
    if (this.isMissing(key)) return null;
    const value = this.value[key];
    if (typeof value !== 'string') throw new PayloadError(`${this.pathOf(key)} must be a string`);
    const trimmed = this.storable(key, value).trim();
    return trimmed ? trimmed : null;
  }

  /** An identifier sent as a string or a whole number; returned as text. */
  id(key: string): string {
    const value = this.value[key];
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    if (typeof value === 'string' && value.trim()) return this.storable(key, value).trim();
    throw new PayloadError(`${this.pathOf(key)} must be a non-empty string or a whole number`);
  }

  /**
   * Provider text goes into the orders tables: a NUL or an unpaired surrogate
   * there would fail every attempt to store the order, so it fails here, once.
   */
  private storable(key: string, value: string): string {
    if (!isStorableText(value)) {
      throw new PayloadError(
        `${this.pathOf(key)} holds a character no order can store (U+0000 or an unpaired surrogate)`,
      );
    }
    return value;
  }

  optionalId(key: string): string | null {
    return this.isMissing(key) ? null : this.id(key);
  }

  /** Free text that may also arrive as a number (house numbers, postcodes); null when absent or blank. */
  optionalText(key: string): string | null {
    const value = this.value[key];
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return this.optionalString(key);
  }

  /** A whole number of at least `min` (default 1), as a number or a string of digits. */
  integer(key: string, min = 1): number {
    const value = this.value[key];
    const parsed = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
    if (typeof parsed !== 'number' || !Number.isSafeInteger(parsed) || parsed < min) {
      throw new PayloadError(`${this.pathOf(key)} must be a whole number of at least ${min}`);
    }
    return parsed;
  }

  optionalInteger(key: string, min = 1): number | null {
    return this.isMissing(key) ? null : this.integer(key, min);
  }

  optionalBoolean(key: string): boolean | null {
    if (this.isMissing(key)) return null;
    const value = this.value[key];
    if (typeof value !== 'boolean') throw new PayloadError(`${this.pathOf(key)} must be true or false`);
    return value;
  }

  /** One of `allowed`, exactly as written. */
  oneOf<T extends string>(key: string, allowed: readonly T[]): T {
    const value = this.string(key);
    if (!(allowed as readonly string[]).includes(value)) {
      throw new PayloadError(`${this.pathOf(key)} "${truncate(value)}" is not one of ${allowed.join(', ')}`);
    }
    return value as T;
  }

  /**
   * A decimal amount (JSON number or string, e.g. 12.5 or "12.50") in
   * `currency`, as integer minor units by the ISO 4217 exponent, exactly.
   */
  money(key: string, currency: string, options: { mayBeNegative?: boolean } = {}): number {
    const value = this.value[key];
    if (typeof value !== 'number' && typeof value !== 'string') {
      throw new PayloadError(`${this.pathOf(key)} must be a decimal amount`);
    }
    return checkedAmount(this.pathOf(key), () => toMinorUnits(value, currency), options);
  }

  /** Like `money`, but absent or null reads as zero. */
  optionalMoney(key: string, currency: string, options: { mayBeNegative?: boolean } = {}): number {
    return this.isMissing(key) ? 0 : this.money(key, currency, options);
  }

  /** An amount already in minor units (a JSON whole number). */
  minorUnits(key: string, options: { mayBeNegative?: boolean } = {}): number {
    const value = this.value[key];
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new PayloadError(`${this.pathOf(key)} must be a whole number of minor units`);
    }
    return checkedAmount(this.pathOf(key), () => value, options);
  }

  /** An ISO 8601 date-time with a zone offset, returned as UTC ISO text. */
  instant(key: string): string {
    const value = this.optionalInstant(key);
    if (value === null) throw new PayloadError(`${this.pathOf(key)} is required`);
    return value;
  }

  optionalInstant(key: string): string | null {
    const text = this.optionalString(key);
    if (text === null) return null;
    const time = ISO_INSTANT.test(text) ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(time)) {
      throw new PayloadError(`${this.pathOf(key)} "${truncate(text)}" must be an ISO 8601 date-time with a time zone`);
    }
    return new Date(time).toISOString();
  }

  /** A latitude (limit 90) or longitude (limit 180) sent as a number or numeric string; null when absent. */
  optionalCoordinate(key: string, limit: 90 | 180): number | null {
    if (this.isMissing(key)) return null;
    const value = this.value[key];
    const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof parsed !== 'number' || !Number.isFinite(parsed) || Math.abs(parsed) > limit) {
      throw new PayloadError(`${this.pathOf(key)} must be a number between -${limit} and ${limit}`);
    }
    return parsed;
  }
}

function checkedAmount(path: string, read: () => number, options: { mayBeNegative?: boolean }): number {
  let amount: number;
  try {
    amount = read();
  } catch (error) {
    // The message quotes the provider's value: keep it short and storable.
    if (error instanceof MoneyError) throw new PayloadError(`${path}: ${truncate(error.message, 200)}`);
    throw error;
  }
  if (amount < 0 && !options.mayBeNegative) throw new PayloadError(`${path} must not be negative`);
  return amount;
}

/** Provider text quoted in a reason stays short, and storable (the reason is kept on the event). */
export function truncate(text: string, max = 60): string {
  return storableText(text.length > max ? `${text.slice(0, max)}…` : text);
}
