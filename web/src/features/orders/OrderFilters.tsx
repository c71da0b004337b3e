import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { DateInput } from '../../ui/DateInput';
import { PROVIDERS, providerStyle } from '../../ui/providers';
import { statusLabel } from '../../ui/StatusBadge';
import { CONNECTION_CHOICES } from '../common/connection.operations';
import { EMPTY_ORDER_FILTER, type OrderFilterState } from './order-filter';

const STATUSES = ['RECEIVED', 'ACCEPTED', 'PREPARING', 'READY', 'PICKED_UP', 'DELIVERED', 'REJECTED', 'CANCELLED'];
const SEARCH_DEBOUNCE_MS = 300;

type Props = { value: OrderFilterState; onChange: (next: OrderFilterState) => void; timeZone: string };

/** The orders filter bar; each change reloads the grid from the first page (search after a pause in typing). */
export function OrderFilters({ value, onChange, timeZone }: Props) {
  const { data } = useQuery(CONNECTION_CHOICES);
  const [search, setSearch] = useState(value.search);
  useEffect(() => {
    if (search === value.search) return;
    const timer = window.setTimeout(() => onChange({ ...value, search }), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [search, value, onChange]);
  const set = (field: keyof OrderFilterState) => (event: { target: { value: string } }) =>
    onChange({ ...value, [field]: event.target.value });

  return (
    <form className="filters" role="search" aria-label="Filter orders" onSubmit={(e) => e.preventDefault()}>
      <label>
        Search
        <input
          type="search"
          placeholder="Code, order id, customer, phone"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </label>
      <label>
        Status
        <select value={value.status} onChange={set('status')}>
          <option value="">All</option>
          <option value="OPEN">Open (needs work)</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Provider
        <select value={value.provider} onChange={set('provider')}>
          <option value="">All</option>
          {PROVIDERS.map((provider) => (
            <option key={provider} value={provider}>
              {providerStyle(provider).label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Connection
        <select value={value.connectionId} onChange={set('connectionId')}>
          <option value="">All</option>
          {data?.connections.map((connection) => (
            <option key={connection.id} value={connection.id}>
              {connection.name}
            </option>
          ))}
        </select>
      </label>
      <DateInput
        label="From"
        timeZone={timeZone}
        value={value.fromDate}
        onChange={(fromDate) => onChange({ ...value, fromDate })}
      />
      <DateInput
        label="To"
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
        Clear
      </button>
    </form>
  );
}
