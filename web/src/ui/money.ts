/**
 * Formats integer minor units in their currency. The exponent comes from the
 * browser's ISO 4217 data (Intl), so 1250 KWD prints as 1.250 and 1250 SAR as 12.50.
 */
export function formatMoney(amount: number, currency: string, locale?: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}
