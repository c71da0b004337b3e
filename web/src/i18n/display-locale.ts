/**
 * The locale numbers, money and dates are written in (docs/dashboard.md,
 * "Language"): undefined in English (the browser's own, as before), an
 * Arabic tag with the user's choice of digits in Arabic. Set by the language
 * provider before the page renders again, read by the formatters in ui/.
 */
let current: string | undefined;

export function setDisplayLocale(locale: string | undefined): void {
  current = locale;
}

export function displayLocale(): string | undefined {
  return current;
}
