import { Link } from '../../app/router';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { AlertList } from '../alerts/AlertList';
import { useLiveAlerts } from '../alerts/useLiveAlerts';

export function AlertsPanel() {
  const { data, loading, error, refetch } = useLiveAlerts(null, 50);
  const unresolved = data?.alerts.filter((alert) => alert.status !== 'RESOLVED') ?? [];
  return (
    <section className="panel" aria-label="Alerts">
      <h2>
        Alerts {unresolved.length > 0 && <span className="badge status status-bad">{unresolved.length}</span>}
        <span className="spacer" />
        <Link to="/alerts">All alerts</Link>
      </h2>
      {!data && loading && <Loading label="Loading alerts…" />}
      {!data && error && <ErrorState error={error} onRetry={() => void refetch()} />}
      {data && unresolved.length === 0 && (
        <Empty title="All clear">No open alerts. New ones appear here at once.</Empty>
      )}
      {unresolved.length > 0 && <AlertList alerts={unresolved} compact limit={6} onChanged={() => void refetch()} />}
    </section>
  );
}
