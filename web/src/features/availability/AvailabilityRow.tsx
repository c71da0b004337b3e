import { useTranslation } from '../../i18n/translate';
import type { BranchAvailabilityQuery } from '../../gql/graphql';
import { StatusBadge } from '../../ui/StatusBadge';
import { formatRowTime } from '../../ui/time';
import { useNow } from '../../ui/useNow';
import { availabilityItemIds, newestPerConnection, type BranchSyncJob } from '../common/branch-sync';
import { SyncStates } from '../common/SyncStates';
import { ITEM_ACTIONS, type ItemAction } from './availability-change';

type Row = BranchAvailabilityQuery['branchAvailability'][number];

/** One item: its state (and when a snooze ends), each provider's answer to its last change, a picker to change it. */
export function AvailabilityRow({
  row,
  jobs,
  timeZone,
  selected,
  disabled,
  onSelect,
  onAction,
}: {
  row: Row;
  jobs: readonly BranchSyncJob[];
  timeZone: string;
  selected: boolean;
  disabled: boolean;
  onSelect: (on: boolean) => void;
  onAction: (action: ItemAction) => void;
}) {
  const { t, i18n } = useTranslation('availability');
  const now = useNow(30_000);
  const name = (i18n.resolvedLanguage === 'ar' && row.item.name.ar) || row.item.name.en;
  const latest = [...newestPerConnection(jobs, (job) => availabilityItemIds(job).includes(row.item.id)).values()];
  return (
    <tr data-testid="availability-row" data-item={row.item.id} data-state={row.state} aria-selected={selected}>
      <td data-label="">
        <input
          type="checkbox"
          aria-label={t('select', { name })}
          checked={selected}
          onChange={(event) => onSelect(event.target.checked)}
        />
      </td>
      <td data-label={t('item')}>
        <span translate="no" dir="auto">
          {name}
        </span>
        {row.item.externalPosId && (
          <span className="muted pos-id" translate="no">
            {' '}
            {row.item.externalPosId}
          </span>
        )}
      </td>
      <td data-label={t('state')}>
        <StatusBadge status={row.state} />
        {row.until && (
          <span className="muted until" data-testid="until">
            {' '}
            {t('until', { time: formatRowTime(row.until, timeZone, now) })}
          </span>
        )}
      </td>
      <td data-label={t('providers')}>
        {latest.length > 0 ? <SyncStates jobs={latest} label={name} /> : <span className="muted">{t('notSent')}</span>}
      </td>
      <td data-label={t('change')}>
        <select
          aria-label={t('changeOf', { name })}
          value=""
          disabled={disabled}
          onChange={(event) => {
            if (event.target.value) onAction(event.target.value as ItemAction);
          }}
        >
          <option value="">{t('choose')}</option>
          {ITEM_ACTIONS.map((action) => (
            <option key={action} value={action} disabled={action === row.state}>
              {t(`action.${action}`)}
            </option>
          ))}
        </select>
      </td>
    </tr>
  );
}
