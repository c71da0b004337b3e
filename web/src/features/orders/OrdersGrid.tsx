import type {
  ColDef,
  GetRowIdParams,
  GridApi,
  GridReadyEvent,
  RowClassParams,
  RowSelectionOptions,
  SortChangedEvent,
} from 'ag-grid-community';
import { AgGridReact, type CustomCellRendererProps } from 'ag-grid-react';
import { useMemo, useState } from 'react';
import type { OrderFilterInput, OrderRowFragment, OrderSortField, OrderSortInput } from '../../gql/graphql';
import { Countdown } from '../../ui/Countdown';
import { nameColumn } from '../../ui/NameCell';
import { formatMoney } from '../../ui/money';
import { ProviderBadge } from '../../ui/ProviderBadge';
import { StatusBadge } from '../../ui/StatusBadge';
import { TestBadge } from '../../ui/TestBadge';
import { formatDateTimeSeconds, formatRowTime, zonedDate } from '../../ui/time';
import { PHONE_QUERY, useMediaQuery } from '../../ui/useMediaQuery';
import { ErrorState, InlineError } from '../../ui/states';
import { useGridBasics } from '../common/useGridBasics';
import { bulkSummary } from './bulk-accept';
import { PREP_MINUTE_CHOICES } from './order-actions';
import { useOrderBulkActions } from './useOrderBulkActions';
import { compareOrderRows, DEFAULT_ORDER_SORT, sortFromColumns } from './order-sort';
import { useOrderRows } from './useOrderRows';
import { useTranslation } from '../../i18n/translate';
import { formatCount } from '../../ui/money';

type Props = { filter: OrderFilterInput; timeZone: string; onOpen: (orderId: string) => void };

const ProviderCell = ({ value }: CustomCellRendererProps<OrderRowFragment, string>) =>
  value ? <ProviderBadge provider={value} /> : null;
const StatusCell = ({ value }: CustomCellRendererProps<OrderRowFragment, string>) =>
  value ? <StatusBadge status={value} /> : null;
const CodeCell = ({ data }: CustomCellRendererProps<OrderRowFragment>) =>
  data ? (
    <>
      #{data.displayCode} {data.test && <TestBadge />} {data.menuWarnings.length > 0 && <MenuWarningBadge />}
    </>
  ) : null;

/** The order names an item its branch has sold out or hidden (docs/control-plane.md, "Orders meet the menu"). */
function MenuWarningBadge() {
  const { t } = useTranslation('orders', { keyPrefix: 'grid' });
  return (
    // A mark, not a word: the code column (125 px, 100 on phones) also holds
    // the code and the Test badge. The drawer spells the warnings out.
    <span
      className="badge badge-menu-warning badge-mark"
      role="img"
      aria-label={t('menuBadgeHint')}
      title={t('menuBadgeHint')}
      data-testid="menu-warning-badge"
    >
      !
    </span>
  );
}
const AcceptByCell = ({ data }: CustomCellRendererProps<OrderRowFragment>) =>
  data?.status === 'RECEIVED' && data.acceptBy ? <Countdown deadline={data.acceptBy} /> : null;

/**
 * A column the server sorts by. The grid sorts its loaded rows the same way,
 * so a live order lands where the server would have put it. AG Grid flips
 * the result for descending itself, hence the flip back.
 */
function serverSorted(field: OrderSortField): Pick<ColDef<OrderRowFragment>, 'sortable' | 'comparator'> {
  return {
    sortable: true,
    comparator: (_a, _b, nodeA, nodeB, isDescending) => {
      if (!nodeA.data || !nodeB.data) return 0;
      const order = compareOrderRows(nodeA.data, nodeB.data, { field, direction: isDescending ? 'DESC' : 'ASC' });
      return isDescending ? -order : order;
    },
  };
}

/** On a phone: the code, state and amount first, customer and connection left out (they are in the drawer). */
const PHONE_ORDER = ['displayCode', 'status', 'total', 'acceptBy', 'placedAt', 'provider'];

type GridHeader = 'order' | 'provider' | 'status' | 'acceptWithin' | 'placed' | 'customer' | 'connection' | 'total';

function orderColumns(
  timeZone: string,
  phone: boolean,
  now: number,
  header: (key: GridHeader) => string,
): ColDef<OrderRowFragment>[] {
  const columns = allOrderColumns(timeZone, now, header);
  if (!phone) return columns;
  const id = (column: ColDef<OrderRowFragment>) => column.colId ?? column.field ?? '';
  return PHONE_ORDER.map((colId) => {
    const column = columns.find((c) => id(c) === colId)!;
    return { ...column, width: colId === 'displayCode' ? 100 : colId === 'status' ? 112 : 120 };
  });
}

function allOrderColumns(
  timeZone: string,
  now: number,
  header: (key: GridHeader) => string,
): ColDef<OrderRowFragment>[] {
  return [
    { headerName: header('order'), field: 'displayCode', width: 125, cellRenderer: CodeCell },
    {
      headerName: header('provider'),
      field: 'provider',
      // Room for the longest provider display name in its badge, with the cell padding (dates-and-truncation checks it).
      width: 160,
      cellRenderer: ProviderCell,
      ...serverSorted('PROVIDER'),
    },
    {
      headerName: header('status'),
      field: 'status',
      width: 125,
      cellRenderer: StatusCell,
      enableCellChangeFlash: true,
      ...serverSorted('STATUS'),
    },
    {
      headerName: header('acceptWithin'),
      colId: 'acceptBy',
      width: 155,
      cellRenderer: AcceptByCell,
      ...serverSorted('ACCEPT_BY'),
    },
    {
      headerName: header('placed'),
      field: 'placedAt',
      width: 140,
      // initialSort, not sort: a `sort` in the definitions is applied again each time the
      // definitions are, which showed a second sort marker next to the user's.
      initialSort: 'desc',
      // The clock alone for today's orders, the date only on other days; the full date in the title.
      valueFormatter: (p) => (p.value ? formatRowTime(p.value as string, timeZone, now) : ''),
      tooltipValueGetter: (p) => (p.value ? formatDateTimeSeconds(p.value as string, timeZone) : null),
      ...serverSorted('PLACED_AT'),
    },
    {
      headerName: header('customer'),
      colId: 'customer',
      valueGetter: (p) => p.data?.customer?.name ?? '—',
      flex: 1,
      minWidth: 140,
      ...nameColumn,
    },
    {
      headerName: header('connection'),
      colId: 'connection',
      valueGetter: (p) => p.data?.connection.name,
      flex: 1.2,
      minWidth: 140,
      ...nameColumn,
    },
    {
      headerName: header('total'),
      colId: 'total',
      width: 130,
      type: 'rightAligned',
      valueGetter: (p) => p.data?.total.amount,
      valueFormatter: (p) => (p.data ? formatMoney(p.data.total.amount, p.data.total.currency) : ''),
      cellClass: 'num',
      ...serverSorted('TOTAL'),
    },
  ];
}

// One server sort at a time, never "unsorted": the server always has an order.
const DEFAULT_COL_DEF: ColDef<OrderRowFragment> = { sortable: false, resizable: true, sortingOrder: ['desc', 'asc'] };

const getRowId = (params: GetRowIdParams<OrderRowFragment>) => params.data.id;

/** Orders waiting for an answer can be ticked for a bulk accept; a ticked one that gets answered meanwhile drops out. */
const ROW_SELECTION: RowSelectionOptions<OrderRowFragment> = {
  mode: 'multiRow',
  checkboxes: true,
  headerCheckbox: true,
  hideDisabledCheckboxes: true,
  enableClickSelection: false,
  isRowSelectable: (node) => node.data?.status === 'RECEIVED',
};

/** A click on a row opens its order, except a click on its tick box. */
const onCheckbox = (event: Event | null | undefined) =>
  event?.target instanceof Element && Boolean(event.target.closest('.ag-selection-checkbox, .ag-checkbox'));

/** The orders grid: cursor pages on demand, live rows, Enter or click opens the drawer. */
export function OrdersGrid({ filter, timeZone, onOpen }: Props) {
  const [api, setApi] = useState<GridApi<OrderRowFragment> | null>(null);
  const [sort, setSort] = useState<OrderSortInput>(DEFAULT_ORDER_SORT);
  const { state, onViewportChanged, isFresh, retry } = useOrderRows(api, filter, sort);
  const [selected, setSelected] = useState<OrderRowFragment[]>([]);
  const [prepMinutes, setPrepMinutes] = useState(20);
  const bulk = useOrderBulkActions(filter, sort, timeZone);
  const phone = useMediaQuery(PHONE_QUERY);
  const { t } = useTranslation('orders', { keyPrefix: 'grid' });
  const gridBasics = useGridBasics();
  // Read against the tenant's today; a new day (after the next render) brings the dates back.
  const today = zonedDate(new Date(), timeZone);
  const columnDefs = useMemo(
    () => orderColumns(timeZone, phone, Date.now(), (key) => t(key)),
    [timeZone, phone, today, t],
  );
  const getRowClass = useMemo(
    () => (params: RowClassParams<OrderRowFragment>) => {
      const classes = [];
      if (params.data && isFresh(params.data.id)) classes.push('row-fresh');
      if (params.data?.acceptanceAtRisk) classes.push('row-at-risk');
      return classes;
    },
    [isFresh],
  );

  return (
    <section className="grid-panel" aria-label={t('label')}>
      <div className="grid-toolbar">
        <div className="grid-status muted" role="status" aria-live="polite">
          {state.totalCount === null
            ? t('loading')
            : t('count', { count: state.totalCount, n: formatCount(state.totalCount) }) +
              (state.loaded < state.totalCount ? t('loaded', { n: formatCount(state.loaded) }) : '')}
          {state.loading && state.totalCount !== null && t('loadingMore')}
        </div>
        <span className="spacer" />
        {selected.length > 0 && (
          <form
            className="bulk-accept"
            aria-label={t('acceptSelectedLabel')}
            onSubmit={(event) => {
              event.preventDefault();
              void bulk.acceptSelected(selected, prepMinutes);
            }}
          >
            <label>
              {t('readyIn')}
              <select value={prepMinutes} onChange={(e) => setPrepMinutes(Number(e.target.value))}>
                {PREP_MINUTE_CHOICES.map((minutes) => (
                  <option key={minutes} value={minutes}>
                    {t('minutes', { n: minutes })}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="primary" disabled={bulk.accepting}>
              {bulk.accepting ? t('accepting') : t('acceptSelected', { n: selected.length })}
            </button>
          </form>
        )}
        <button type="button" disabled={bulk.exporting !== null} onClick={() => void bulk.exportCsv()}>
          {bulk.exporting
            ? bulk.exporting.total === null
              ? t('exporting', { fetched: formatCount(bulk.exporting.fetched) })
              : t('exportingOf', {
                  fetched: formatCount(bulk.exporting.fetched),
                  total: formatCount(bulk.exporting.total),
                })
            : t('exportCsv')}
        </button>
      </div>
      {bulk.outcomes && (
        <div
          className={bulk.outcomes.some((o) => o.error) ? 'notice notice-warning' : 'notice'}
          data-testid="bulk-outcome"
        >
          <p>
            {bulkSummary(bulk.outcomes)}{' '}
            <button type="button" className="link-button" onClick={bulk.dismissOutcomes}>
              {t('dismiss')}
            </button>
          </p>
          {bulk.outcomes.some((o) => o.error) && (
            <ul>
              {bulk.outcomes
                .filter((o) => o.error)
                .map((o) => (
                  <li key={o.order.id}>
                    #{o.order.displayCode}: {o.error}
                  </li>
                ))}
            </ul>
          )}
        </div>
      )}
      {bulk.exportError && <InlineError error={bulk.exportError} />}
      {state.error && <ErrorState error={state.error} onRetry={retry} />}
      <div className="grid-host" data-testid="orders-grid">
        <AgGridReact<OrderRowFragment>
          {...gridBasics}
          columnDefs={columnDefs}
          defaultColDef={DEFAULT_COL_DEF}
          suppressMultiSort
          onSortChanged={(event: SortChangedEvent<OrderRowFragment>) =>
            setSort(sortFromColumns(event.api.getColumnState()))
          }
          getRowId={getRowId}
          getRowClass={getRowClass}
          rowSelection={ROW_SELECTION}
          onSelectionChanged={(event) => setSelected(event.api.getSelectedRows())}
          asyncTransactionWaitMillis={100}
          onGridReady={(event: GridReadyEvent<OrderRowFragment>) => setApi(event.api)}
          onViewportChanged={onViewportChanged}
          onModelUpdated={onViewportChanged}
          onRowClicked={(event) => {
            if (event.data && !onCheckbox(event.event)) onOpen(event.data.id);
          }}
          onCellKeyDown={(event) => {
            const key = (event.event as KeyboardEvent | null)?.key;
            if (key === 'Enter' && event.data) onOpen(event.data.id);
          }}
          loading={state.totalCount === null && !state.error}
          overlayNoRowsTemplate={`<span class="grid-empty">${t('noRows')}</span>`}
        />
      </div>
    </section>
  );
}
