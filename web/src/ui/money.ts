import { displayLocale } from '../i18n/display-locale';

/**
 * Money arrives as integer minor units of an ISO 4217 currency. The exponent
 * comes from Intl, which follows ISO 4217 (ECMA-402): 1250 KWD is 1.250,
 * 1250 SAR is 12.50, 1250 JPY is 1,250.
 */
export type MoneyValue = { amount: number; currency: string };

const formats = new Map<string, Intl.NumberFormat>();

function currencyFormat(currency: string, locale: string | undefined): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'code' });
    formats.set(key, format);
  }
  return format;
}

export function currencyExponent(currency: string): number {
  return currencyFormat(currency, 'en').resolvedOptions().maximumFractionDigits ?? 2;
}

export function formatMoney(amount: number, currency: string, locale = displayLocale()): string {
  const format = currencyFormat(currency, locale);
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

/**
 * 1250 SAR -> "12.50", 1250 KWD -> "1.250", 1250 JPY -> "1250", -5 SAR -> "-0.05": exact, by string
 * arithmetic, never through floating point (CSV files, prices being edited).
 */
export function minorUnitsToDecimal(amount: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const negative = amount < 0;
  const digits = String(Math.abs(Math.trunc(amount)));
  if (exponent === 0) return `${negative ? '-' : ''}${digits}`;
  const padded = digits.padStart(exponent + 1, '0');
  return `${negative ? '-' : ''}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

const amountFormats = new Map<string, Intl.NumberFormat>();

/**
 * The amount alone, with its currency's exponent and no code: "12.50" for
 * 1250 SAR, "1.250" for 1250 KWD. For columns where the currency is said
 * once (a printed ticket's lines under a "Total SAR ..." line).
 */
export function formatAmount(amount: number, currency: string, locale = displayLocale() ?? 'en'): string {
  const digits = currencyExponent(currency);
  const key = `${locale}|amount|${digits}`;
  let format = amountFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    amountFormats.set(key, format);
  }
  return format.format(amount / 10 ** digits);
}

/** Several currencies side by side, never added together: "SAR 12.50 · KWD 1.250". */
export function formatMoneyList(values: readonly MoneyValue[], locale = displayLocale()): string {
  if (values.length === 0) return '—';
  return values.map((value) => formatMoney(value.amount, value.currency, locale)).join(' · ');
}

/** A count in the dashboard's digits ("1,234", "١٬٢٣٤"). */
export function formatCount(value: number): string {
  return value.toLocaleString(displayLocale());
}

/** Sums amounts per currency (sorted by code); different currencies stay apart. */
export function sumByCurrency(values: readonly MoneyValue[]): MoneyValue[] {
  const totals = new Map<string, number>();
  for (const value of values) totals.set(value.currency, (totals.get(value.currency) ?? 0) + value.amount);
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => ({ currency, amount }));
}
