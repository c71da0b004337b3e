import { useQuery, useSubscription } from '@apollo/client/react';
import { formatMoneyList } from '../../ui/money';
import { ErrorState } from '../../ui/states';
import { formatDuration, formatRate, summarizeMetrics } from '../../ui/metrics-summary';
import { TODAY_METRICS, TODAY_METRICS_CHANGED } from './overview.operations';
import { useTranslation } from '../../i18n/translate';
import { formatCount } from '../../ui/money';

function Kpi({ label, value, small }: { label: string; value: string; small?: boolean }) {
  return (
    <div className="kpi">
      <span className="kpi-label">{label}</span>
      <span className={`kpi-value${small ? ' small' : ''}`}>{value}</span>
    </div>
  );
}

/** Today's numbers; `metricsChanged` replaces them as orders change (at most about once a second). */
export function KpiTiles() {
  const { data, error, refetch } = useQuery(TODAY_METRICS);
  const live = useSubscription(TODAY_METRICS_CHANGED);
  const today = live.data?.metricsChanged ?? data?.todayMetrics;
  const { t } = useTranslation('overview', { keyPrefix: 'kpi' });
  if (error && !today) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const summary = today ? summarizeMetrics(today.providers) : null;
  const show = (text: (s: NonNullable<typeof summary>) => string) => (summary ? text(summary) : '…');
  const revenue = summary ? formatMoneyList(summary.revenue) : '…';
  return (
    <section className="kpis" aria-label={t('today')}>
      <Kpi label={t('orders')} value={show((s) => formatCount(s.orders))} />
      <Kpi label={t('revenue')} value={revenue} small={revenue.length > 14} />
      <Kpi label={t('acceptance')} value={show((s) => formatRate(s.acceptanceRate))} />
      <Kpi label={t('avgAccept')} value={show((s) => formatDuration(s.avgAcceptSeconds))} />
      <Kpi label={t('open')} value={today ? formatCount(today.openOrders) : '…'} />
    </section>
  );
}
