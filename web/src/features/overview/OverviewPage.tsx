import { IntegrationTiles } from '../integrations/IntegrationTiles';
import { AlertsPanel } from './AlertsPanel';
import { KpiTiles } from './KpiTiles';
import { LiveOrderStream } from './LiveOrderStream';
import { RevenuePanel } from './RevenuePanel';
import { useTranslation } from '../../i18n/translate';

/** The screen the operations team keeps open all day: everything on it is live. */
export function OverviewPage() {
  const { t } = useTranslation('overview');
  return (
    <div className="page overview">
      <h1>{t('title')}</h1>
      <KpiTiles />
      <div className="overview-grid">
        <LiveOrderStream />
        <RevenuePanel />
      </div>
      <div className="overview-grid">
        <IntegrationTiles />
        <AlertsPanel />
      </div>
    </div>
  );
}
