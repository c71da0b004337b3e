import { useQuery } from '@apollo/client/react';
import type { ColDef } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import { useMemo, useRef, useState } from 'react';
import { useWorkspace } from '../../common/workspace';
import { useCoalescedLiveRefresh } from '../../common/useLiveRefresh';
import type { CatalogSyncJobFilter, CatalogSyncKind, CatalogSyncStatus, SyncJobRowFragment } from '../../gql/graphql';
import { useTranslation } from '../../i18n/translate';
import { formatCount } from '../../ui/money';
import { nameColumn } from '../../ui/NameCell';
import { ProviderBadge } from '../../ui/ProviderBadge';
import { ErrorState } from '../../ui/states';
import { StatusBadge, statusLabel } from '../../ui/StatusBadge';
import { formatDateTimeSeconds, formatRowTime } from '../../ui/time';
import { ConnectionFilter } from '../common/ConnectionFilter';
import { PagedGrid } from '../common/PagedGrid';
import { usePagedRows } from '../common/usePagedRows';
import { SelectFilter } from '../common/SelectFilter';
import { CATALOG_SYNC_JOBS } from './sync-job.operations';
import { SyncJobDrawer } from './SyncJobDrawer';
import { useSyncJobsLive } from './useSyncJobsLive';

const PAGE = 100;
const KINDS: CatalogSyncKind[] = ['MENU', 'AVAILABILITY', 'STORE_STATUS', 'BUSY_MODE', 'OPENING_HOURS'];
const STATUSES: CatalogSyncStatus[] = ['PENDING', 'APPLIED', 'FAILED'];

type Filter = { kind: string; status: string; connectionId: string };

function toFilter(state: Filter): CatalogSyncJobFilter {
  return {
    ...(state.kind ? { kind: [state.kind as CatalogSyncKind] } : {}),
    ...(state.status ? { status: [state.status as CatalogSyncStatus] } : {}),
    ...(state.connectionId ? { connectionId: state.connectionId } : {}),
  };
}

const ProviderCell = ({ value }: CustomCellRendererProps<SyncJobRowFragment, string>) =>
  value ? <ProviderBadge provider={value} /> : null;
const StatusCell = ({ value }: CustomCellRendererProps<SyncJobRowFragment, string>) =>
  value ? <StatusBadge status={value} /> : null;

type JobHeader = 'created' | 'kind' | 'provider' | 'connection' | 'status' | 'attempts' | 'reason';

function jobColumns(
  timeZone: string,
  header: (key: JobHeader) => string,
  kind: (value: CatalogSyncKind) => string,
): ColDef<SyncJobRowFragment>[] {
  const now = Date.now();
  return [
    {
      headerName: header('created'),
      field: 'createdAt',
      width: 170,
      valueFormatter: (p) => (p.value ? formatRowTime(p.value as string, timeZone, now, { seconds: true }) : ''),
      tooltipValueGetter: (p) => (p.value ? formatDateTimeSeconds(p.value as string, timeZone) : null),
    },
    { headerName: header('kind'), field: 'kind', width: 150, valueFormatter: (p) => kind(p.value as CatalogSyncKind) },
    { headerName: header('provider'), field: 'provider', width: 140, cellRenderer: ProviderCell },
    {
      headerName: header('connection'),
      colId: 'connection',
      valueGetter: (p) => p.data?.connection.name,
      flex: 1,
      minWidth: 150,
      ...nameColumn,
    },
    { headerName: header('status'), field: 'status', width: 130, cellRenderer: StatusCell },
    { headerName: header('attempts'), field: 'attempts', width: 100, type: 'rightAligned' },
    { headerName: header('reason'), field: 'reason', flex: 1.5, minWidth: 180, ...nameColumn },
  ];
}

const COL_DEF: ColDef<SyncJobRowFragment> = { sortable: true, resizable: true };

/** The sync log (docs/dashboard.md, "Sync log"): every change pushed to a provider, newest first, live. */
export function SyncLogPage() {
  const { tenant } = useWorkspace();
  const { t } = useTranslation('syncLog');
  const [filterState, setFilterState] = useState<Filter>({ kind: '', status: '', connectionId: '' });
  const [openId, setOpenId] = useState<string | null>(null);
  const [retried, setRetried] = useState(false);
  const filter = useMemo(() => toFilter(filterState), [filterState]);
  const filterKey = JSON.stringify(filter);
  const { data, loading, error, refetch, fetchMore } = useQuery(CATALOG_SYNC_JOBS, {
    variables: { filter, first: PAGE, after: null },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const {
    rows,
    hasNext,
    loadMore,
    refresh: reread,
  } = usePagedRows({
    key: filterKey,
    firstPage: data?.catalogSyncJobs,
    readFirstPage: async () => (await refetch()).data?.catalogSyncJobs,
    pageSize: PAGE,
    readPage: async (after, first) =>
      (await fetchMore({ variables: { after, first }, updateQuery: (previous) => previous })).data?.catalogSyncJobs,
  });
  const columnDefs = useMemo(
    () =>
      jobColumns(
        tenant.timeZone,
        (key) => t(`column.${key}`),
        (kind) => t(`kinds.${kind}`),
      ),
    [tenant.timeZone, t],
  );

  // A job already shown changes in place (the cache holds it by id); a new one needs the rows shown read again,
  // one re-read at a time (jobs announced during one fold into the next), and again after a reconnect.
  const refresh = useCoalescedLiveRefresh(reread);
  const shown = useRef(new Set<string>());
  shown.current = new Set(rows.map((row) => row.id));
  useSyncJobsLive((job) => {
    if (!shown.current.has(job.id)) refresh();
  });

  // Words in the chosen language, read at each render.
  const kindChoices = KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }));
  const statusChoices = STATUSES.map((status) => ({ value: status, label: statusLabel(status) }));
  const set = (field: keyof Filter) => (event: { target: { value: string } }) =>
    setFilterState({ ...filterState, [field]: event.target.value });
  const picker = (field: keyof Filter, label: string) => ({
    label,
    allLabel: t('all'),
    value: filterState[field],
    onChange: set(field),
  });

  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('title')}</h1>
        <span className="spacer" />
        <span className="muted small">{t('liveNote')}</span>
      </div>
      <form className="filters" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectFilter {...picker('kind', t('kind'))} options={kindChoices} />
        <SelectFilter {...picker('status', t('status'))} options={statusChoices} />
        <ConnectionFilter {...picker('connectionId', t('connection'))} />
      </form>
      {retried && (
        <p role="status" className="notice">
          {t('drawer.retried')}
        </p>
      )}
      {error && <ErrorState error={error} onRetry={refresh} />}
      <div className="grid-status muted" role="status">
        {data ? t('jobs', { count: rows.length, n: formatCount(rows.length) }) : t('loading')}
      </div>
      <PagedGrid<SyncJobRowFragment>
        testId="sync-log-grid"
        rows={rows}
        columnDefs={columnDefs}
        defaultColDef={COL_DEF}
        loading={loading}
        noRowsText={t('noRows')}
        onOpen={setOpenId}
        hasNext={hasNext}
        loadMoreLabel={t('loadMore', { n: PAGE })}
        onLoadMore={loadMore}
      />
      {openId && (
        <SyncJobDrawer
          key={openId}
          jobId={openId}
          onClose={() => {
            setOpenId(null);
            setRetried(false);
          }}
          onRetried={(next) => {
            refresh();
            setRetried(true);
            setOpenId(next);
          }}
        />
      )}
    </div>
  );
}
