import { useQuery, useSubscription } from '@apollo/client/react';
import { Link } from '../../app/router';
import { ProviderBadge } from '../../ui/ProviderBadge';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { StatusBadge } from '../../ui/StatusBadge';
import { formatAgo } from '../../ui/time';
import { useNow } from '../../ui/useNow';
import { formatRate } from '../../ui/metrics-summary';
import { INTEGRATION_HEALTH, INTEGRATION_HEALTH_CHANGED } from './health.operations';

/**
 * One tile per connection: health state, last delivery, the last hour. Live
 * health events update the cached ConnectionHealth (keyed by connection).
 */
export function IntegrationTiles() {
  const { data, loading, error, refetch } = useQuery(INTEGRATION_HEALTH);
  useSubscription(INTEGRATION_HEALTH_CHANGED);
  const now = useNow(15_000);
  return (
    <section className="panel" aria-label="Integrations">
      <h2>
        Integrations <span className="spacer" />
        <Link to="/integrations">Manage</Link>
      </h2>
      {!data && loading && <Loading label="Checking integrations…" />}
      {!data && error && <ErrorState error={error} onRetry={() => void refetch()} />}
      {data && data.integrationHealth.length === 0 && (
        <Empty title="No connections yet">Connect a provider on the Integrations page.</Empty>
      )}
      {data && data.integrationHealth.length > 0 && (
        <div className="tiles">
          {data.integrationHealth.map((health) => (
            <div className="tile" key={health.connectionId} title={health.stateReason} data-testid="integration-tile">
              <div>
                <ProviderBadge provider={health.connection.provider} /> <StatusBadge status={health.state} />
                {health.connection.status === 'PAUSED' && <StatusBadge status="PAUSED" />}
              </div>
              <strong>{health.connection.name}</strong>
              <span className="muted">
                Last delivery {health.lastDeliveryAt ? formatAgo(health.lastDeliveryAt, now) : 'never'}
              </span>
              <span className="muted">
                {health.deliveriesLastHour} in the last hour · {formatRate(health.successRate)} processed
                {health.deadCount > 0 && ` · ${health.deadCount} dead`}
              </span>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
