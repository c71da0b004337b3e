import { Link } from '../../common/router';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { AlertList } from '../alerts/AlertList';
import { useLiveAlerts } from '../alerts/useLiveAlerts';
import { useTranslation } from '../../i18n/translate';

export function AlertsPanel() {
  const { data, loading, error, refetch } = useLiveAlerts(null, 50);
  const unresolved = data?.alerts.filter((alert) => alert.status !== 'RESOLVED') ?? [];
  const { t } = useTranslation('overview', { keyPrefix: 'alerts' });
  return (
    <section className="panel" aria-label={t('label')}>
      <h2>
        {t('title')} {unresolved.length > 0 && <span className="badge status status-bad">{unresolved.length}</span>}
        <span className="spacer" />
        <Link to="/alerts">{t('all')}</Link>
      </h2>
      {!data && loading && <Loading label={t('loading')} />}
      {!data && error && <ErrorState error={error} onRetry={() => void refetch()} />}
      {data && unresolved.length === 0 && <Empty title={t('clearTitle')}>{t('clearBody')}</Empty>}
      {unresolved.length > 0 && <AlertList alerts={unresolved} compact limit={6} onChanged={() => void refetch()} />}
    </section>
  );
}
