import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from './language';
import { RESOURCES } from './resources';

/** One i18next instance for the dashboard, its catalogs bundled (no loading, so the first paint is translated). */
export function createTranslator(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: RESOURCES,
    lng: language,
    fallbackLng: 'en',
    defaultNS: 'app',
    ns: Object.keys(RESOURCES.en),
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance;
}
