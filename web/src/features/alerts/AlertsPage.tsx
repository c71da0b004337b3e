import { useState } from 'react';
import type { AlertStatus } from '../../gql/graphql';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { AlertList } from './AlertList';
import { useLiveAlerts } from './useLiveAlerts';
import { useTranslation } from '../../i18n/translate';

const TABS: readonly AlertStatus[] = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'];

export function AlertsPage() {
  const [status, setStatus] = useState<AlertStatus>('OPEN');
  const { data, loading, error, refetch } = useLiveAlerts(status);
  const { t } = useTranslation('alerts');
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <div className="tabs" role="tablist" aria-label={t('tabs')}>
        {TABS.map((tab) => (
          <button key={tab} type="button" role="tab" aria-selected={tab === status} onClick={() => setStatus(tab)}>
            {t(tab)}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={t(status)}>
        {!data && loading && <Loading label={t('loading')} />}
        {!data && error && <ErrorState error={error} onRetry={() => void refetch()} />}
        {data && data.alerts.length === 0 && <Empty title={t(`empty${status}`)} />}
        {data && data.alerts.length > 0 && <AlertList alerts={data.alerts} onChanged={() => void refetch()} />}
      </div>
    </div>
  );
}
