import { setDisplayLocale } from './display-locale';
import { createTranslator } from './i18n';
import { intlLocaleOf, loadLanguagePreference } from './language';

const initial = loadLanguagePreference();

/**
 * The dashboard's one translator, in the language last chosen in this
 * browser until the signed-in user's own choice arrives. Components use
 * `useTranslation` (re-exported here so importing it also sets this up);
 * plain functions call `translator.t`.
 */
export const translator = createTranslator(initial.language);
setDisplayLocale(intlLocaleOf(initial));

export { useTranslation } from 'react-i18next';
