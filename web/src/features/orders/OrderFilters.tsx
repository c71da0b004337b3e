import { useEffect, useState } from 'react';
import { DateInput } from '../../ui/DateInput';
import { PROVIDERS, providerStyle } from '../../ui/providers';
import { statusLabel } from '../../ui/StatusBadge';
import { ConnectionFilter } from '../common/ConnectionFilter';
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
  const set = (field: keyof OrderFilterState) => (event: { target: { value: string } }) =>
    onChange({ ...value, [field]: event.target.value });

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
      <label>
        {t('status')}
        <select value={value.status} onChange={set('status')}>
          <option value="">{t('all')}</option>
          <option value="OPEN">{t('open')}</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('provider')}
        <select value={value.provider} onChange={set('provider')}>
          <option value="">{t('all')}</option>
          {PROVIDERS.map((provider) => (
            <option key={provider} value={provider}>
              {providerStyle(provider).label}
            </option>
          ))}
        </select>
      </label>
      <ConnectionFilter
        label={t('connection')}
        allLabel={t('all')}
        value={value.connectionId}
        onChange={set('connectionId')}
      />
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
