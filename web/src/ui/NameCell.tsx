import type { ColDef } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import { fullTextTitle } from './grid';

/** A grid cell holding a name, key or message as it arrived: never translated (docs/dashboard.md, "Language"). */
function NameCell({ value, valueFormatted }: CustomCellRendererProps) {
  const text = (valueFormatted as string | null | undefined) ?? (value as string | null | undefined);
  return text ? <span translate="no">{text}</span> : null;
}

/** A column of names: the full text as a title (a column may cut it short), never translated. */
export const nameColumn: Pick<ColDef, 'tooltipValueGetter' | 'cellRenderer'> = {
  ...fullTextTitle,
  cellRenderer: NameCell,
};
