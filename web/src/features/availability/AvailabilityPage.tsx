import { useMutation, useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { useTranslation } from '../../i18n/translate';
import { formatCount } from '../../ui/money';
import { Empty, ErrorState, InlineError, Loading } from '../../ui/states';
import { BRANCH_SYNC_JOBS } from '../common/branch.operations';
import { BranchPage } from '../common/BranchPage';
import type { BranchChoice } from '../common/useBranchChoice';
import { useBranchLive } from '../common/useBranchLive';
import { availabilityChange, matchesItemSearch, type ItemAction } from './availability-change';
import { BRANCH_AVAILABILITY, SET_ITEM_AVAILABILITY } from './availability.operations';
import { AvailabilityRow } from './AvailabilityRow';
import { ItemActionButtons } from './ItemActionButtons';

/** How many of the newest availability jobs are read to show each item's last change per provider. */
const RECENT_JOBS = 200;

/**
 * Availability (docs/dashboard.md): every item on a menu of the branch, its
 * state, one tap to change one or several, and what each provider said
 * about the last change, live.
 */
export function AvailabilityPage() {
  const { t } = useTranslation('availability');
  return (
    <BranchPage title={t('title')} loadingLabel={t('loading')}>
      {(branch) => <BranchAvailability branch={branch} />}
    </BranchPage>
  );
}

function BranchAvailability({ branch }: { branch: BranchChoice }) {
  const { t } = useTranslation('availability');
  const branchId = branch.id;
  const timeZone = branch.timeZone;
  const items = useQuery(BRANCH_AVAILABILITY, { variables: { branchId }, fetchPolicy: 'cache-and-network' });
  const jobs = useQuery(BRANCH_SYNC_JOBS, {
    variables: { branchId, kinds: ['AVAILABILITY'], first: RECENT_JOBS },
    fetchPolicy: 'cache-and-network',
  });
  useBranchLive(branchId, () => Promise.all([items.refetch(), jobs.refetch()]));
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [setAvailability, change] = useMutation(SET_ITEM_AVAILABILITY);

  const rows = items.data?.branchAvailability ?? [];
  const shown = useMemo(() => rows.filter((row) => matchesItemSearch(row.item, search)), [rows, search]);
  const recentJobs = useMemo(() => (jobs.data?.catalogSyncJobs.edges ?? []).map((edge) => edge.node), [jobs.data]);
  const selectedShown = shown.filter((row) => selected.has(row.item.id));

  const apply = async (itemIds: string[], action: ItemAction) => {
    if (itemIds.length === 0) return;
    const { state, until } = availabilityChange(action, Date.now(), timeZone);
    const result = await setAvailability({ variables: { input: { branchId, itemIds, state, until } } }).catch(
      () => null,
    );
    if (!result?.data) return;
    setSelected(new Set());
    await Promise.all([items.refetch(), jobs.refetch()]).catch(() => undefined);
  };
  const toggle = (itemId: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(itemId);
    else next.delete(itemId);
    setSelected(next);
  };
  const allShownSelected = shown.length > 0 && selectedShown.length === shown.length;

  return (
    <>
      <div className="filters">
        <label>
          {t('search')}
          <input
            type="search"
            value={search}
            placeholder={t('searchPlaceholder')}
            onChange={(event) => setSearch(event.target.value)}
          />
        </label>
      </div>
      {selectedShown.length > 0 && (
        <div
          className="bulk-bar"
          role="region"
          aria-label={t('selected', { count: selectedShown.length, n: formatCount(selectedShown.length) })}
        >
          <strong>{t('selected', { count: selectedShown.length, n: formatCount(selectedShown.length) })}</strong>
          <ItemActionButtons
            disabled={change.loading}
            onAction={(action) =>
              void apply(
                selectedShown.map((row) => row.item.id),
                action,
              )
            }
          />
          <button type="button" onClick={() => setSelected(new Set())}>
            {t('clearSelection')}
          </button>
        </div>
      )}
      <InlineError error={change.error} />
      {!items.data && items.loading && <Loading label={t('loading')} />}
      {!items.data && items.error && <ErrorState error={items.error} onRetry={() => void items.refetch()} />}
      {items.data && rows.length === 0 && <Empty title={t('noItemsTitle')}>{t('noItemsBody')}</Empty>}
      {items.data && rows.length > 0 && shown.length === 0 && <Empty title={t('noMatch', { query: search })} />}
      {shown.length > 0 && (
        <div className="table-scroll">
          <table className="data stack availability-table" data-testid="availability-table">
            <thead>
              <tr>
                <th>
                  <input
                    type="checkbox"
                    aria-label={t('selectAll')}
                    checked={allShownSelected}
                    onChange={(event) =>
                      setSelected(event.target.checked ? new Set(shown.map((row) => row.item.id)) : new Set())
                    }
                  />
                </th>
                <th>{t('item')}</th>
                <th>{t('state')}</th>
                <th>{t('providers')}</th>
                <th>{t('change')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <AvailabilityRow
                  key={row.item.id}
                  row={row}
                  jobs={recentJobs}
                  timeZone={timeZone}
                  selected={selected.has(row.item.id)}
                  disabled={change.loading}
                  onSelect={(on) => toggle(row.item.id, on)}
                  onAction={(action) => void apply([row.item.id], action)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
