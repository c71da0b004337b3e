import { useMutation } from '@apollo/client/react';
import { ModuleRegistry, TextEditorModule, type CellEditRequestEvent, type ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo, useState } from 'react';
import type { MenuFieldsFragment, MenuItemRowFragment, Provider, UpdateMenuItemInput } from '../../gql/graphql';
import { useTranslation } from '../../i18n/translate';
import { minorUnitsToDecimal } from '../../ui/money';
import { nameColumn } from '../../ui/NameCell';
import { providerStyle } from '../../ui/providers';
import { InlineError } from '../../ui/states';
import { useGridBasics } from '../common/useGridBasics';
import { UPDATE_MENU_ITEM } from './menu.operations';

// Inline editing of names and prices: this page's chunk alone carries the text editor.
ModuleRegistry.registerModules([TextEditorModule]);

type ItemRow = MenuItemRowFragment & { category: string };

const PRICE_COLUMN = 'price';
const providerColumn = (provider: Provider) => `price_${provider}`;

/** The price a provider sees outside any modifier group: its own override, if any. */
function providerPrice(item: MenuItemRowFragment, provider: Provider): string {
  const override = item.priceOverrides.find((o) => o.provider === provider && !o.context);
  return override ? minorUnitsToDecimal(override.price.amount, override.price.currency) : '';
}

/**
 * What one edited cell asks of updateMenuItem (fields left out stay): a name
 * keeps its other language; a provider price replaces that provider's plain
 * override (emptied: none) and keeps every other override as it is.
 */
export function itemChange(
  item: MenuItemRowFragment,
  column: string,
  value: string,
  menu: Pick<MenuFieldsFragment, 'modifierGroups'>,
): UpdateMenuItemInput {
  const text = value.trim();
  if (column === 'nameEn') return { id: item.id, name: { en: text, ar: item.name.ar ?? null } };
  if (column === 'nameAr') return { id: item.id, name: { en: item.name.en, ar: text || null } };
  if (column === PRICE_COLUMN) return { id: item.id, price: text };
  const provider = column.slice('price_'.length) as Provider;
  const groupRef = (id: string | null | undefined) => menu.modifierGroups.find((g) => g.id === id)?.ref ?? null;
  const kept = item.priceOverrides
    .filter((o) => !(o.provider === provider && !o.context))
    .map((o) => ({
      provider: o.provider ?? null,
      context: groupRef(o.context),
      price: minorUnitsToDecimal(o.price.amount, o.price.currency),
    }));
  return { id: item.id, priceOverrides: text ? [...kept, { provider, price: text }] : kept };
}

/** The menu's items: names and prices edited in place (double-click), one price column per provider. */
export function MenuItemsGrid({ menu, providers }: { menu: MenuFieldsFragment; providers: readonly Provider[] }) {
  const { t } = useTranslation('menu');
  const gridBasics = useGridBasics();
  const [update, updateState] = useMutation(UPDATE_MENU_ITEM);
  const [saved, setSaved] = useState<string | null>(null);
  const rows = useMemo<ItemRow[]>(() => {
    const categoryOf = new Map(menu.categories.flatMap((c) => c.itemIds.map((id) => [id, c.name.en] as const)));
    return menu.items.map((item) => ({ ...item, category: categoryOf.get(item.id) ?? '' }));
  }, [menu]);
  const columnDefs = useMemo<ColDef<ItemRow>[]>(
    () => [
      { headerName: t('column.category'), field: 'category', width: 150, ...nameColumn },
      { headerName: t('column.ref'), field: 'ref', width: 120, ...nameColumn },
      {
        headerName: t('column.nameEn'),
        colId: 'nameEn',
        valueGetter: (p) => p.data?.name.en,
        editable: true,
        flex: 1,
        minWidth: 160,
      },
      {
        headerName: t('column.nameAr'),
        colId: 'nameAr',
        valueGetter: (p) => p.data?.name.ar ?? '',
        editable: true,
        flex: 1,
        minWidth: 160,
      },
      {
        headerName: t('column.price'),
        colId: PRICE_COLUMN,
        valueGetter: (p) => (p.data ? minorUnitsToDecimal(p.data.price.amount, p.data.price.currency) : ''),
        editable: true,
        width: 120,
        type: 'rightAligned',
      },
      ...providers.map((provider): ColDef<ItemRow> => ({
        headerName: t('column.providerPrice', { provider: providerStyle(provider).label }),
        colId: providerColumn(provider),
        valueGetter: (p) => (p.data ? providerPrice(p.data, provider) : ''),
        editable: true,
        width: 150,
        type: 'rightAligned',
      })),
    ],
    [t, providers],
  );

  const onEdit = (event: CellEditRequestEvent<ItemRow>) => {
    const value = typeof event.newValue === 'string' ? event.newValue : String(event.newValue ?? '');
    if (value === String(event.oldValue ?? '')) return;
    setSaved(null);
    const input = itemChange(event.data, event.column.getColId(), value, menu);
    void update({ variables: { input } }).then(
      (result) => result.data && setSaved(result.data.updateMenuItem.name.en),
      () => undefined,
    );
  };

  return (
    <>
      <p className="muted small">{t('editHint')}</p>
      <InlineError error={updateState.error} />
      {saved && (
        <p role="status" className="notice">
          {t('saved', { name: saved })}
        </p>
      )}
      <div className="grid-host" data-testid="menu-items-grid">
        <AgGridReact<ItemRow>
          {...gridBasics}
          rowData={rows}
          columnDefs={columnDefs}
          defaultColDef={{ resizable: true }}
          getRowId={(p) => p.data.id}
          readOnlyEdit
          onCellEditRequest={onEdit}
        />
      </div>
    </>
  );
}
