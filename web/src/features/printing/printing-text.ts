import { translator } from '../../i18n/translate';
import type { en } from '../../i18n/strings/printing.strings';

/** The printing catalog in the dashboard's current language, for `fill(...)`. */
export function printingText(): typeof en {
  return translator.getResourceBundle(translator.resolvedLanguage ?? 'en', 'printing') as typeof en;
}
