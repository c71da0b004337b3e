import { useLanguage } from '../../common/language';
import { gridTheme, useGridLocaleText } from '../../ui/grid';

/**
 * What every dashboard grid sets the same way (docs/dashboard.md): the house
 * theme, right-to-left in Arabic, AG Grid's own words in the dashboard's
 * language, and browser titles for text a column cuts short.
 */
export function useGridBasics() {
  const rtl = useLanguage().language === 'ar';
  const localeText = useGridLocaleText();
  return { theme: gridTheme, enableRtl: rtl, localeText, enableBrowserTooltips: true } as const;
}
