import { useEffect, useState } from 'react';
import { DateInput } from '../../ui/DateInput';
import { statusLabel } from '../../ui/StatusBadge';
import { ConnectionFilter } from '../common/ConnectionFilter';
import { ProviderFilter } from '../common/ProviderFilter';
import { SelectFilter } from '../common/SelectFilter';
import { EMPTY_ORDER_FILTER, type OrderFilterState } from './order-filter';
import { useTranslation } from '../../i18n/translate';

const STATUSES = ['RECEIVED', 'ACCEPTED', 'PREPARING', 'READY', 'PICKED_UP', 'DELIVERED', 'REJECTED', 'CANCELLED'];
const SEARCH_DEBOUNCE_MS = 300;

type Props = { value: OrderFilterState; onChange: (next: OrderFilterState) => void; timeZone: string };

/** The orders filter bar; each change reloads the grid from the first page (search after a pause in typing). */
export function OrderFilters({ value, onChange, timeZone }: Props) {
  const { t } = useTranslation('orders', { keyPrefix: 'filters' });
  const [search, setSearch] = useState(value.search);
  useEffect(() => {
    if (search === value.search) return;
    const timer = window.setTimeout(() => onChange({ ...value, search }), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [search, value, onChange]);
  // "Open" (any status not finished) first, then each status.
  const statusChoices = [
    { value: 'OPEN', label: t('open') },
    ...STATUSES.map((status) => ({ value: status, label: statusLabel(status) })),
  ];
  const set = (field: keyof OrderFilterState) => (event: { target: { value: string } }) =>
    onChange({ ...value, [field]: event.target.value });
  const picker = (field: 'status' | 'provider' | 'connectionId', label: string) => ({
    label,
    allLabel: t('all'),
    value: value[field],
    onChange: set(field),
  });

  return (
    <form className="filters" role="search" aria-label={t('label')} onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('search')}
        <input
          type="search"
          placeholder={t('searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </label>
      <SelectFilter {...picker('status', t('status'))} options={statusChoices} />
      <ProviderFilter {...picker('provider', t('provider'))} />
      <ConnectionFilter {...picker('connectionId', t('connection'))} />
      <DateInput
        label={t('from')}
        timeZone={timeZone}
        value={value.fromDate}
        onChange={(fromDate) => onChange({ ...value, fromDate })}
      />
      <DateInput
        label={t('to')}
        timeZone={timeZone}
        value={value.toDate}
        onChange={(toDate) => onChange({ ...value, toDate })}
      />
      <button
        type="button"
        className="link-button"
        onClick={() => {
          setSearch('');
          onChange(EMPTY_ORDER_FILTER);
        }}
      >
        {t('clear')}
      </button>
    </form>
  );
}
