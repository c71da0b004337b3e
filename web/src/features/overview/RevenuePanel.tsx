import { useQuery, useSubscription } from '@apollo/client/react';
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip, type ChartOptions } from 'chart.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Bar } from 'react-chartjs-2';
import { useWorkspace } from '../../common/workspace';
import { formatCount, formatMoney, formatMoneyList, currencyExponent } from '../../ui/money';
import { ProviderBadge } from '../../ui/ProviderBadge';
import { providerStyle } from '../../ui/providers';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { dateOrderFor, formatDateEntry } from '../../ui/date-entry';
import { DateInput } from '../../ui/DateInput';
import { formatShortDateTime, formatTime, zonedDate } from '../../ui/time';
import { formatDuration, formatRate, summarizeByProvider } from '../../ui/metrics-summary';
import { ORDER_METRICS, TODAY_METRICS_CHANGED } from './overview.operations';
import {
  bucketStarts,
  customRangeBounds,
  previousDate,
  RANGES,
  rangeBounds,
  revenueCurrencies,
  revenueSeries,
  type Bucket,
  type RangeKey,
} from './revenue-series';
import { useTranslation } from '../../i18n/translate';

// Only the Chart.js parts a bar chart needs (tree-shaken bundle).
ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

/** Re-read the range at most this often while metrics change. */
const REFRESH_MS = 5000;

function useThrottledRefetch(refetch: () => unknown, trigger: unknown): void {
  const last = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (trigger === undefined) return;
    const wait = Math.max(0, last.current + REFRESH_MS - Date.now());
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      last.current = Date.now();
      void refetch();
    }, wait);
  }, [trigger, refetch]);
  useEffect(() => () => window.clearTimeout(timer.current), []);
}

/** Revenue by provider over the chosen range (Chart.js), and each provider's numbers for it. */
export function RevenuePanel() {
  const { t } = useTranslation('overview', { keyPrefix: 'revenue' });
  const { tenant } = useWorkspace();
  const [rangeKey, setRangeKey] = useState<RangeKey | 'custom'>('today');
  const [custom, setCustom] = useState(() => {
    const today = zonedDate(new Date(), tenant.timeZone);
    let from = today;
    for (let i = 1; i < 7; i += 1) from = previousDate(from);
    return { fromDate: from, toDate: today };
  });
  const [chosenCurrency, setChosenCurrency] = useState<string | null>(null);
  const customBounds = useMemo(
    () => customRangeBounds(custom.fromDate, custom.toDate, tenant.timeZone),
    [custom, tenant.timeZone],
  );
  const lastGoodCustom = useRef<{ from: string; to: string; bucket: Bucket } | null>(null);
  if (!('problem' in customBounds)) lastGoodCustom.current = customBounds;
  const bounds = useMemo(
    () =>
      rangeKey === 'custom' && lastGoodCustom.current
        ? lastGoodCustom.current
        : rangeBounds(rangeKey === 'custom' ? '7d' : rangeKey, new Date(), tenant.timeZone),
    [rangeKey, tenant.timeZone, customBounds],
  );
  const { data, error, loading, refetch } = useQuery(ORDER_METRICS, { variables: bounds });
  const live = useSubscription(TODAY_METRICS_CHANGED);
  useThrottledRefetch(refetch, live.data);

  const buckets = useMemo(() => data?.orderMetrics ?? [], [data]);
  const currencies = revenueCurrencies(buckets, tenant.currency);
  const currency = chosenCurrency && currencies.includes(chosenCurrency) ? chosenCurrency : currencies[0]!;
  const starts = useMemo(
    () => bucketStarts(bounds.from, bounds.to, bounds.bucket, tenant.timeZone),
    [bounds, tenant.timeZone],
  );
  const chartData = useMemo(
    () => ({
      labels: starts.map((start) =>
        bounds.bucket === 'HOUR'
          ? formatTime(start, tenant.timeZone).slice(0, 5)
          : formatShortDateTime(start, tenant.timeZone).split(',')[0],
      ),
      datasets: revenueSeries(buckets, starts, currency).map(({ provider, values }) => ({
        label: providerStyle(provider).label,
        data: values,
        backgroundColor: providerStyle(provider).color,
        stack: 'revenue',
      })),
    }),
    [buckets, starts, currency, bounds.bucket, tenant.timeZone],
  );
  const options = useMemo<ChartOptions<'bar'>>(() => {
    const scale = 10 ** currencyExponent(currency);
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { stacked: true, grid: { display: false } },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: currency } },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (item) => `${item.dataset.label}: ${formatMoney(Math.round(Number(item.raw) * scale), currency)}`,
          },
        },
      },
    };
  }, [currency]);
  const providers = summarizeByProvider(buckets);
  const rangeLabel =
    rangeKey === 'custom'
      ? `${formatDateEntry(custom.fromDate, dateOrderFor(tenant.timeZone))} – ${formatDateEntry(custom.toDate, dateOrderFor(tenant.timeZone))}`
      : t(rangeKey).toLowerCase();

  return (
    <section className="panel" aria-label={t('label')}>
      <h2>
        {t('title')}
        <span className="spacer" />
        {currencies.length > 1 && (
          <select aria-label={t('currency')} value={currency} onChange={(e) => setChosenCurrency(e.target.value)}>
            {currencies.map((code) => (
              <option key={code}>{code}</option>
            ))}
          </select>
        )}
        <span className="range-picker" role="group" aria-label={t('range')}>
          {RANGES.map((range) => (
            <button
              key={range.key}
              type="button"
              aria-pressed={range.key === rangeKey}
              onClick={() => setRangeKey(range.key)}
            >
              {t(range.key)}
            </button>
          ))}
          <button type="button" aria-pressed={rangeKey === 'custom'} onClick={() => setRangeKey('custom')}>
            {t('custom')}
          </button>
        </span>
      </h2>
      {rangeKey === 'custom' && (
        <form className="filters custom-range" aria-label={t('customRange')} onSubmit={(e) => e.preventDefault()}>
          <DateInput
            label={t('from')}
            timeZone={tenant.timeZone}
            value={custom.fromDate}
            onChange={(fromDate) => fromDate && setCustom((c) => ({ ...c, fromDate }))}
          />
          <DateInput
            label={t('to')}
            timeZone={tenant.timeZone}
            value={custom.toDate}
            onChange={(toDate) => toDate && setCustom((c) => ({ ...c, toDate }))}
          />
          {'problem' in customBounds && (
            <p role="alert" className="error">
              {customBounds.problem}
            </p>
          )}
        </form>
      )}
      {error && !data && <ErrorState error={error} onRetry={() => void refetch()} />}
      {!data && loading && <Loading label={t('loading')} />}
      {data && (
        <>
          <div className="chart-host">
            <Bar data={chartData} options={options} aria-label={t('chart', { currency })} role="img" />
          </div>
          <h3>{t('performance', { range: rangeLabel })}</h3>
          {providers.length === 0 ? (
            <Empty title={t('none')} />
          ) : (
            <table className="data" aria-label={t('performanceLabel')}>
              <thead>
                <tr>
                  <th>{t('provider')}</th>
                  <th className="num">{t('orders')}</th>
                  <th className="num">{t('revenue')}</th>
                  <th className="num">{t('acceptance')}</th>
                  <th className="num">{t('timeToAccept')}</th>
                </tr>
              </thead>
              <tbody>
                {providers.map(({ provider, summary }) => (
                  <tr key={provider}>
                    <td>
                      <ProviderBadge provider={provider} />
                    </td>
                    <td className="num">{formatCount(summary.orders)}</td>
                    <td className="num">{formatMoneyList(summary.revenue)}</td>
                    <td className="num">{formatRate(summary.acceptanceRate)}</td>
                    <td className="num">{formatDuration(summary.avgAcceptSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
