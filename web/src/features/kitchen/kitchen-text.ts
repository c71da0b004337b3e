import { translator } from '../../i18n/translate';
import type { en } from '../../i18n/strings/kitchen.strings';

/** The kitchen catalog in the dashboard's current language, for `fill(...)`. */
export function kitchenText(): typeof en {
  return translator.getResourceBundle(translator.resolvedLanguage ?? 'en', 'kitchen') as typeof en;
}
