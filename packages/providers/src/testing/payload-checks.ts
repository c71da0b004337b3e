import type { ExpectedTotals, OrderBuildInput } from '../common/simulation/basket';
import { createRandom } from '../common/simulation/random';

/**
 * Test-side readings for the providers' simulator specs, written without the
 * simulator parts' own helpers: if a part renders money wrongly, these
 * disagree. (Jest's `expect` is global; nothing here runs outside specs.)
 */

/** Minor units from a decimal text ("2.500", "12.5", "7"); throws on more decimals than the exponent allows. */
export function decimalTextToMinor(text: string, exponent: number): number {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`"${text}" is not a plain decimal.`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > exponent) throw new Error(`"${text}" has more than ${exponent} decimals.`);
  const minor = Number(`${whole}${fraction.padEnd(exponent, '0')}`);
  return sign === '-' ? -minor : minor;
}

/** A JSON number as the provider wrote it, read through its shortest decimal text (what JSON carries). */
export function decimalNumberToMinor(value: unknown, exponent: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${String(value)} is not a finite number.`);
  return decimalTextToMinor(String(value), exponent);
}

/** A decimal string must carry exactly the currency's number of decimals (providers that send decimal strings). */
export function hasExactDecimals(text: string, exponent: number): boolean {
  return new RegExp(`^-?\\d+\\.\\d{${exponent}}$`).test(text);
}

export const CURRENCIES = ['AED', 'SAR', 'QAR', 'KWD', 'BHD', 'OMR'];
export const SEEDS = Array.from({ length: 150 }, (_, index) => index * 7919 + 1);
export const NOW = new Date('2026-03-01T18:30:00.000Z');

/** Runs a check over every seed, naming the seed when one fails. */
export function forEverySeed(check: (seed: number) => void): void {
  for (const seed of SEEDS) {
    try {
      check(seed);
    } catch (error) {
      throw new Error(`seed ${seed}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

export function orderInput(currency: string, seed: number): OrderBuildInput {
  return { externalStoreId: `store-${seed % 5}`, currency, random: createRandom(seed), now: NOW };
}

export function expectIdentity(totals: ExpectedTotals): void {
  expect(totals.subtotal + totals.deliveryFee + totals.tax + totals.tip - totals.discount).toBe(totals.total);
  for (const amount of Object.values(totals).filter((value) => typeof value === 'number')) {
    expect(Number.isSafeInteger(amount)).toBe(true);
    expect(amount).toBeGreaterThanOrEqual(0);
  }
}
