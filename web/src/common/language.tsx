import { useMutation } from '@apollo/client/react';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { graphql } from '../gql';
import {
  directionOf,
  intlLocaleOf,
  loadLanguagePreference,
  saveLanguagePreference,
  toLocaleEnum,
  type LanguagePreference,
} from '../i18n/language';
import { translator } from '../i18n/translate';
import { setDisplayLocale } from '../i18n/display-locale';

export const SET_MY_LOCALE = graphql(`
  mutation SetMyLocale($locale: Locale!, $arabicDigits: Boolean) {
    setMyLocale(locale: $locale, arabicDigits: $arabicDigits) {
      id
      locale
      arabicDigits
    }
  }
`);

type LanguageState = LanguagePreference & {
  /** Shows the dashboard in `next` at once (this browser only). */
  show: (next: LanguagePreference) => void;
  /** A key that changes with the language: pages keyed on it render again in the new one. */
  key: string;
};

function applyToDocument(preference: LanguagePreference): void {
  document.documentElement.lang = preference.language;
  document.documentElement.dir = directionOf(preference.language);
}

/** Everything but React's part of a change of language. */
function applyPreference(next: LanguagePreference): void {
  saveLanguagePreference(next);
  setDisplayLocale(intlLocaleOf(next));
  void translator.changeLanguage(next.language);
  applyToDocument(next);
}

/** Outside a provider (a component rendered alone in a test) the language still changes, without a new render. */
const LanguageContext = createContext<LanguageState>({
  ...loadLanguagePreference(),
  show: applyPreference,
  key: 'default',
});

/** The language the dashboard is shown in: i18next's, the formatters' locale and the page's `lang`/`dir`. */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const [preference, setPreference] = useState(loadLanguagePreference);
  useEffect(() => applyToDocument(preference), [preference]);
  const show = useCallback((next: LanguagePreference) => {
    applyPreference(next);
    setPreference(next);
  }, []);
  const value = useMemo(
    () => ({ ...preference, show, key: `${preference.language}-${preference.arabicDigits}` }),
    [preference, show],
  );
  return (
    <I18nextProvider i18n={translator}>
      <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>
    </I18nextProvider>
  );
}

export function useLanguage(): LanguageState {
  return useContext(LanguageContext);
}

/** Shows the dashboard in `next` and keeps it as the signed-in user's choice (every device, next sign-in). */
export function useChooseLanguage(): (next: LanguagePreference) => void {
  const { show } = useLanguage();
  const [setMyLocale] = useMutation(SET_MY_LOCALE);
  return useCallback(
    (next: LanguagePreference) => {
      show(next);
      void setMyLocale({
        variables: { locale: toLocaleEnum(next.language), arabicDigits: next.arabicDigits },
      }).catch(() => undefined);
    },
    [show, setMyLocale],
  );
}
