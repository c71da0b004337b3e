import {
  CellStyleModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  ColumnAutoSizeModule,
  HighlightChangesModule,
  LocaleModule,
  ModuleRegistry,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  ScrollApiModule,
  themeQuartz,
  TooltipModule,
  type ColDef,
} from 'ag-grid-community';
import { useMemo } from 'react';
import { useTranslation } from '../i18n/translate';

/**
 * AG Grid with only the modules the dashboard uses (the all-modules bundle
 * is 1.7 MB): client-side rows filled page by page from the API, async
 * transactions for live changes, row classes and flashing cells, and the
 * column API (`getColumnState`, which the orders grid reads on each sort
 * change; without it AG Grid logs error #200 and returns nothing),
 * tooltips (as browser titles, for text a column cuts short), and row
 * selection (the orders grid's bulk accept), and the locale module (its
 * own words in the dashboard's language, `localeText`). Sorting
 * and overlays are part of the core.
 */
ModuleRegistry.registerModules([
  ClientSideRowModelModule,
  ClientSideRowModelApiModule,
  RowApiModule,
  ScrollApiModule,
  RowStyleModule,
  CellStyleModule,
  ColumnApiModule,
  ColumnAutoSizeModule,
  HighlightChangesModule,
  TooltipModule,
  RowSelectionModule,
  LocaleModule,
]);

/**
 * For a text column a narrow grid may cut short (names, keys, errors): the
 * cell's full text as its title, shown by the browser on hover (grids set
 * `enableBrowserTooltips`).
 */
export const fullTextTitle: Pick<ColDef, 'tooltipValueGetter'> = {
  tooltipValueGetter: (p) => {
    const text = (p.valueFormatted as string | null | undefined) ?? (p.value as string | null | undefined);
    return text ? String(text) : null;
  },
};

/** AG Grid's own words (its loading overlay) in the dashboard's language. */
export function useGridLocaleText(): Record<string, string> {
  const { t, i18n } = useTranslation('ui');
  return useMemo(() => ({ loadingOoo: t('gridLoading') }), [t, i18n.resolvedLanguage]);
}

export const gridTheme = themeQuartz.withParams({
  accentColor: '#2346d6',
  fontFamily: 'inherit',
  fontSize: 14,
  headerFontWeight: 600,
  rowHeight: 44,
  headerHeight: 40,
  borderColor: '#e3e7ef',
  headerBackgroundColor: '#f7f8fb',
  wrapperBorderRadius: 10,
});
