import { useQuery, useSubscription } from '@apollo/client/react';
import { Link } from '../../common/router';
import { ProviderBadge } from '../../ui/ProviderBadge';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { StatusBadge } from '../../ui/StatusBadge';
import { formatAgo } from '../../ui/time';
import { useNow } from '../../ui/useNow';
import { formatRate } from '../../ui/metrics-summary';
import { INTEGRATION_HEALTH, INTEGRATION_HEALTH_CHANGED } from './health.operations';
import { useTranslation } from '../../i18n/translate';
import { formatCount } from '../../ui/money';

/**
 * One tile per connection: health state, last delivery, the last hour. Live
 * health events update the cached ConnectionHealth (keyed by connection).
 */
export function IntegrationTiles() {
  const { data, loading, error, refetch } = useQuery(INTEGRATION_HEALTH);
  useSubscription(INTEGRATION_HEALTH_CHANGED);
  const now = useNow(15_000);
  const { t } = useTranslation('integrations');
  const tiles = data?.integrationHealth.filter((health) => !health.connection.archivedAt) ?? [];
  return (
    <section className="panel" aria-label={t('tiles.label')}>
      <h2>
        {t('tiles.label')} <span className="spacer" />
        <Link to="/integrations">{t('tiles.manage')}</Link>
      </h2>
      {!data && loading && <Loading label={t('tiles.checking')} />}
      {!data && error && <ErrorState error={error} onRetry={() => void refetch()} />}
      {data && tiles.length === 0 && <Empty title={t('tiles.noneTitle')}>{t('tiles.noneBody')}</Empty>}
      {data && tiles.length > 0 && (
        <div className="tiles">
          {tiles.map((health) => (
            <div className="tile" key={health.connectionId} title={health.stateReason} data-testid="integration-tile">
              <div>
                <ProviderBadge provider={health.connection.provider} /> <StatusBadge status={health.state} />
                {health.connection.status === 'PAUSED' && <StatusBadge status="PAUSED" />}
              </div>
              <strong translate="no">{health.connection.name}</strong>
              <span className="muted">
                {t('lastDelivery', {
                  when: health.lastDeliveryAt ? formatAgo(health.lastDeliveryAt, now) : t('never'),
                })}
              </span>
              <span className="muted">
                {t('lastHour', {
                  n: formatCount(health.deliveriesLastHour),
                  rate: formatRate(health.successRate),
                })}
                {health.deadCount > 0 && t('dead', { n: formatCount(health.deadCount) })}
              </span>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
