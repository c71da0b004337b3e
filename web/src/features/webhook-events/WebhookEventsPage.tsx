import { useMutation, useQuery } from '@apollo/client/react';
import type { ColDef } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import { useCallback, useMemo, useState } from 'react';
import { isManager, useWorkspace } from '../../common/workspace';
import type { WebhookEventRowFragment } from '../../gql/graphql';
import { DateInput } from '../../ui/DateInput';
import { nameColumn } from '../../ui/NameCell';
import { ProviderBadge } from '../../ui/ProviderBadge';
import { ErrorState } from '../../ui/states';
import { StatusBadge, statusLabel } from '../../ui/StatusBadge';
import { formatDateTimeSeconds, formatRowTime, zonedDate } from '../../ui/time';
import { ConnectionFilter } from '../common/ConnectionFilter';
import { PagedGrid } from '../common/PagedGrid';
import { usePagedRows } from '../common/usePagedRows';
import { ProviderFilter } from '../common/ProviderFilter';
import { SelectFilter } from '../common/SelectFilter';
import { EMPTY_EVENT_FILTER, toWebhookEventFilterInput, type WebhookEventFilterState } from './webhook-event-filter';
import { DEAD_WEBHOOK_EVENT_COUNT, REPLAY_DEAD_WEBHOOK_EVENTS, WEBHOOK_EVENTS } from './webhook-event.operations';
import { useLiveRefresh } from './useLiveRefresh';
import { WebhookEventDrawer } from './WebhookEventDrawer';
import { useTranslation } from '../../i18n/translate';
import { formatCount } from '../../ui/money';

const PAGE = 100;

const STATUSES = ['QUEUED', 'PROCESSING', 'PROCESSED', 'FAILED', 'DEAD'];

const ProviderCell = ({ value }: CustomCellRendererProps<WebhookEventRowFragment, string>) =>
  value ? <ProviderBadge provider={value} /> : null;
const StatusCell = ({ value }: CustomCellRendererProps<WebhookEventRowFragment, string>) =>
  value ? <StatusBadge status={value} /> : null;

type EventHeader = 'received' | 'provider' | 'status' | 'attempts' | 'connection' | 'key' | 'lastError';

function eventColumns(
  timeZone: string,
  now: number,
  header: (key: EventHeader) => string,
): ColDef<WebhookEventRowFragment>[] {
  return [
    {
      headerName: header('received'),
      field: 'receivedAt',
      width: 170,
      valueFormatter: (p) => (p.value ? formatRowTime(p.value as string, timeZone, now, { seconds: true }) : ''),
      tooltipValueGetter: (p) => (p.value ? formatDateTimeSeconds(p.value as string, timeZone) : null),
    },
    { headerName: header('provider'), field: 'provider', width: 130, cellRenderer: ProviderCell },
    { headerName: header('status'), field: 'status', width: 130, cellRenderer: StatusCell },
    { headerName: header('attempts'), field: 'attempts', width: 125, type: 'rightAligned' },
    {
      headerName: header('connection'),
      colId: 'connection',
      valueGetter: (p) => p.data?.connection.name,
      flex: 1,
      minWidth: 150,
      ...nameColumn,
    },
    { headerName: header('key'), field: 'idempotencyKey', flex: 1, minWidth: 175, ...nameColumn },
    { headerName: header('lastError'), field: 'lastError', flex: 1.5, minWidth: 180, ...nameColumn },
  ];
}

const EVENT_COL_DEF: ColDef<WebhookEventRowFragment> = { sortable: true, resizable: true };

export function WebhookEventsPage() {
  const { tenant, user } = useWorkspace();
  const { t } = useTranslation('webhookEvents');
  const [filterState, setFilterState] = useState<WebhookEventFilterState>(EMPTY_EVENT_FILTER);
  const [openId, setOpenId] = useState<string | null>(null);
  const filter = useMemo(() => toWebhookEventFilterInput(filterState, tenant.timeZone), [filterState, tenant.timeZone]);
  const { data, loading, error, refetch, fetchMore } = useQuery(WEBHOOK_EVENTS, {
    variables: { filter, first: PAGE, after: null },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const [replayDead, replayDeadState] = useMutation(REPLAY_DEAD_WEBHOOK_EVENTS);
  const manager = isManager(user.role);
  const dead = useQuery(DEAD_WEBHOOK_EVENT_COUNT, {
    variables: { connectionId: filterState.connectionId },
    skip: !manager || !filterState.connectionId,
    fetchPolicy: 'network-only',
  });
  const deadCount = filterState.connectionId ? (dead.data?.webhookEvents.totalCount ?? 0) : 0;
  const [replayedCount, setReplayedCount] = useState<number | null>(null);
  const filterKey = JSON.stringify(filter);
  const { rows, hasNext, loadMore, refresh, reset } = usePagedRows({
    key: filterKey,
    firstPage: data?.webhookEvents,
    readFirstPage: async () => (await refetch()).data?.webhookEvents,
    pageSize: PAGE,
    readPage: async (after, first) =>
      (await fetchMore({ variables: { after, first }, updateQuery: (previous) => previous })).data?.webhookEvents,
  });
  // The day the rows are read against: a tab left open past midnight shows dates again after the next change.
  const today = zonedDate(new Date(), tenant.timeZone);
  const columnDefs = useMemo(
    () => eventColumns(tenant.timeZone, Date.now(), (key) => t(`column.${key}`)),
    [tenant.timeZone, today, t],
  );
  // Words in the chosen language, read at each render.
  const statusChoices = STATUSES.map((status) => ({ value: status, label: statusLabel(status) }));
  const set = (field: keyof WebhookEventFilterState) => (event: { target: { value: string } }) => {
    setReplayedCount(null);
    setFilterState({ ...filterState, [field]: event.target.value });
  };
  const picker = (field: 'status' | 'provider' | 'connectionId', label: string) => ({
    label,
    allLabel: t('all'),
    value: filterState[field],
    onChange: set(field),
  });

  const reload = useCallback(() => void reset().catch(() => undefined), [reset]);
  const deadRefetch = dead.refetch;
  const hasConnection = Boolean(filterState.connectionId);
  useLiveRefresh(() => Promise.all([refresh(), manager && hasConnection ? deadRefetch() : null]));
  const replayAllDead = async () => {
    if (!filterState.connectionId) return;
    const result = await replayDead({ variables: { connectionId: filterState.connectionId } }).catch(() => null);
    if (result?.data) {
      setReplayedCount(result.data.replayDeadWebhookEvents);
      reload();
      void dead.refetch();
    }
  };

  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('title')}</h1>
        <span className="spacer" />
        <span className="muted small">{t('liveNote')}</span>
      </div>
      <form className="filters" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectFilter {...picker('status', t('status'))} options={statusChoices} />
        <ProviderFilter {...picker('provider', t('provider'))} />
        <ConnectionFilter {...picker('connectionId', t('connection'))} />
        <DateInput
          label={t('from')}
          timeZone={tenant.timeZone}
          value={filterState.fromDate}
          onChange={(fromDate) => set('fromDate')({ target: { value: fromDate } })}
        />
        <DateInput
          label={t('to')}
          timeZone={tenant.timeZone}
          value={filterState.toDate}
          onChange={(toDate) => set('toDate')({ target: { value: toDate } })}
        />
        {manager && deadCount > 0 && (
          <button
            type="button"
            className="danger"
            disabled={replayDeadState.loading}
            onClick={() => void replayAllDead()}
          >
            {t('replayAllDead', { n: formatCount(deadCount) })}
          </button>
        )}
      </form>
      {replayedCount !== null && (
        <p role="status" className="notice">
          {replayedCount === 0
            ? t('noneToReplay')
            : t('replayed', { count: replayedCount, n: formatCount(replayedCount) })}
        </p>
      )}
      {(error ?? replayDeadState.error) && <ErrorState error={(error ?? replayDeadState.error)!} onRetry={reload} />}
      <div className="grid-status muted" role="status">
        {data
          ? t('deliveries', {
              count: data.webhookEvents.totalCount,
              n: formatCount(data.webhookEvents.totalCount),
              shown: formatCount(rows.length),
            })
          : t('loading')}
      </div>
      <PagedGrid<WebhookEventRowFragment>
        testId="webhook-events-grid"
        rows={rows}
        columnDefs={columnDefs}
        defaultColDef={EVENT_COL_DEF}
        loading={loading}
        noRowsText={t('noRows')}
        onOpen={setOpenId}
        hasNext={hasNext}
        loadMoreLabel={t('loadMore', { n: PAGE })}
        onLoadMore={loadMore}
      />
      {openId && <WebhookEventDrawer eventId={openId} onClose={() => setOpenId(null)} onReplayed={reload} />}
    </div>
  );
}
