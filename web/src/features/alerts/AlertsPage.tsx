import { useState } from 'react';
import type { AlertStatus } from '../../gql/graphql';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { AlertList } from './AlertList';
import { useLiveAlerts } from './useLiveAlerts';

const TABS: { status: AlertStatus; label: string; empty: string }[] = [
  { status: 'OPEN', label: 'Open', empty: 'No open alerts: everything is running.' },
  { status: 'ACKNOWLEDGED', label: 'Acknowledged', empty: 'Nobody is working on an alert right now.' },
  { status: 'RESOLVED', label: 'Resolved', empty: 'No resolved alerts yet.' },
];

export function AlertsPage() {
  const [status, setStatus] = useState<AlertStatus>('OPEN');
  const { data, loading, error, refetch } = useLiveAlerts(status);
  const tab = TABS.find((t) => t.status === status)!;
  return (
    <div className="page">
      <h1>Alerts</h1>
      <div className="tabs" role="tablist" aria-label="Alert status">
        {TABS.map((t) => (
          <button
            key={t.status}
            type="button"
            role="tab"
            aria-selected={t.status === status}
            onClick={() => setStatus(t.status)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={tab.label}>
        {!data && loading && <Loading label="Loading alerts…" />}
        {!data && error && <ErrorState error={error} onRetry={() => void refetch()} />}
        {data && data.alerts.length === 0 && <Empty title={tab.empty} />}
        {data && data.alerts.length > 0 && <AlertList alerts={data.alerts} onChanged={() => void refetch()} />}
      </div>
    </div>
  );
}
