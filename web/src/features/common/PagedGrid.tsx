import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useGridBasics } from './useGridBasics';

type PagedGridProps<TRow extends { id: string }> = {
  /** The grid's `data-testid`. */
  testId: string;
  rows: TRow[];
  columnDefs: ColDef<TRow>[];
  defaultColDef: ColDef<TRow>;
  loading: boolean;
  /** Shown when there are no rows. */
  noRowsText: string;
  /** A row clicked, or Enter on one of its cells. */
  onOpen: (id: string) => void;
  hasNext: boolean;
  loadMoreLabel: string;
  onLoadMore: () => Promise<void>;
};

/**
 * A log page's grid (docs/dashboard.md: webhook deliveries, sync log): rows
 * read a page at a time, newest first, each opening its drawer, and a
 * "Load more" button while the server has more.
 */
export function PagedGrid<TRow extends { id: string }>(props: PagedGridProps<TRow>) {
  const basics = useGridBasics();
  const { onOpen } = props;
  return (
    <>
      <div className="grid-host" data-testid={props.testId}>
        <AgGridReact<TRow>
          {...basics}
          rowData={props.rows}
          columnDefs={props.columnDefs}
          defaultColDef={props.defaultColDef}
          getRowId={(p) => p.data.id}
          onRowClicked={(e) => e.data && onOpen(e.data.id)}
          onCellKeyDown={(e) => {
            if ((e.event as KeyboardEvent | null)?.key === 'Enter' && e.data) onOpen(e.data.id);
          }}
          loading={props.loading && props.rows.length === 0}
          overlayNoRowsTemplate={`<span class="grid-empty">${props.noRowsText}</span>`}
        />
      </div>
      {props.hasNext && (
        <div>
          <button type="button" disabled={props.loading} onClick={() => void props.onLoadMore()}>
            {props.loadMoreLabel}
          </button>
        </div>
      )}
    </>
  );
}
