/**
 * ISO 4217 minor-unit exponents of the currencies the simulator prices menus in.
 * Written out here (not taken from a library the platform also uses) so that a
 * wrong exponent on the platform side shows up as a mismatch instead of being
 * shared. Kuwait, Bahrain, Oman and Jordan count in thousandths (fils/baisa),
 * which is exactly where a hard-coded "2 decimals" goes wrong.
 */
export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = {
  AED: 2,
  SAR: 2,
  QAR: 2,
  EGP: 2,
  GBP: 2,
  KWD: 3,
  BHD: 3,
  OMR: 3,
  JOD: 3,
};

export function currencyExponentOf(currency: string): number {
  const exponent = CURRENCY_EXPONENTS[currency];
  if (exponent === undefined) {
    throw new Error(
      `The simulator has no ISO 4217 exponent for currency "${currency}"; known: ${Object.keys(CURRENCY_EXPONENTS).join(', ')}.`,
    );
  }
  return exponent;
}

/** Renders integer minor units as a decimal string with exactly the currency's exponent digits ("2.500" KWD, "18.50" AED). */
export function minorToDecimalString(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new Error(`Minor-unit amount must be a safe integer, got ${minor}.`);
  const exponent = currencyExponentOf(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = Math.abs(minor)
    .toString()
    .padStart(exponent + 1, '0');
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/**
 * Renders minor units as a JSON number (for providers that send numbers). `Number("18.50")` is the
 * double nearest to 18.5, which JSON prints back as `18.5`: what a provider
 * written in a float-happy language sends.
 */
export function minorToDecimalNumber(minor: number, currency: string): number {
  return Number(minorToDecimalString(minor, currency));
}

/** Prices of the menus are written in AED; these factors give believable local prices (approximate exchange rates). */
const PRICE_LEVEL_PER_AED: Readonly<Record<string, number>> = {
  AED: 1,
  SAR: 1.02,
  QAR: 0.99,
  EGP: 13,
  GBP: 0.21,
  KWD: 0.084,
  BHD: 0.1025,
  OMR: 0.105,
  JOD: 0.193,
};

/** Menu prices end on a 5 of the smallest unit (18.45 AED, 1.375 KWD), like real menus and odd enough to catch float slips. */
const PRICE_GRID_MINOR = 5;

/** Converts a menu price in AED fils to the currency's minor units, snapped to the price grid (never below one grid step). */
export function localPriceMinor(aedMinor: number, currency: string): number {
  const level = PRICE_LEVEL_PER_AED[currency];
  if (level === undefined) throw new Error(`The simulator has no price level for currency "${currency}".`);
  if (aedMinor === 0) return 0;
  const exponent = currencyExponentOf(currency);
  const raw = (aedMinor / 100) * level * 10 ** exponent;
  return Math.max(PRICE_GRID_MINOR, Math.round(raw / PRICE_GRID_MINOR) * PRICE_GRID_MINOR);
}

/** Standard VAT rate (percent) of the country that uses the currency; 0 where there is no VAT (Kuwait, Qatar). */
export const VAT_PERCENT: Readonly<Record<string, number>> = {
  AED: 5,
  SAR: 15,
  BHD: 10,
  OMR: 5,
  KWD: 0,
  QAR: 0,
  EGP: 14,
  JOD: 16,
  GBP: 20,
};

export function vatPercentOf(currency: string): number {
  return VAT_PERCENT[currency] ?? 0;
}

/** Integer percentage of a minor-unit amount, rounded half up (amounts are non-negative). */
export function percentOfMinor(amount: number, percent: number): number {
  return Math.floor((amount * percent + 50) / 100);
}
