/**
 * The dashboard's languages and how each is shown (docs/dashboard.md,
 * "Language"): the user's choice is kept on their user (setMyLocale) and,
 * for the sign-in page and the first paint, in this browser.
 */
export const LANGUAGES = ['en', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

export type LanguagePreference = { language: Language; arabicDigits: boolean };

export const DEFAULT_PREFERENCE: LanguagePreference = { language: 'en', arabicDigits: false };

const PREFERENCE_KEY = 'nexara.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The choice last made in this browser, else English. */
export function loadLanguagePreference(): LanguagePreference {
  try {
    const stored = JSON.parse(localStorage.getItem(PREFERENCE_KEY) ?? 'null') as Partial<LanguagePreference> | null;
    if (stored && isLanguage(stored.language)) {
      return { language: stored.language, arabicDigits: stored.arabicDigits === true };
    }
  } catch {
    // A damaged entry is no choice.
  }
  return DEFAULT_PREFERENCE;
}

export function saveLanguagePreference(preference: LanguagePreference): void {
  localStorage.setItem(PREFERENCE_KEY, JSON.stringify(preference));
}

/**
 * The Intl locale of a preference: undefined in English (the browser's, as
 * the dashboard always wrote numbers), Arabic with the Gregorian calendar
 * (the tenant's dates are Gregorian) and the digits the user chose.
 */
export function intlLocaleOf(preference: LanguagePreference): string | undefined {
  if (preference.language === 'en') return undefined;
  return `ar-u-ca-gregory-nu-${preference.arabicDigits ? 'arab' : 'latn'}`;
}

export function directionOf(language: Language): 'rtl' | 'ltr' {
  return language === 'ar' ? 'rtl' : 'ltr';
}

/** GraphQL's Locale enum (EN, AR) and back. */
export const toLocaleEnum = (language: Language) => (language === 'ar' ? 'AR' : 'EN') as 'AR' | 'EN';
export const fromLocaleEnum = (locale: string): Language => (locale === 'AR' ? 'ar' : 'en');
