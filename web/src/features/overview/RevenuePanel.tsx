import { useQuery, useSubscription } from '@apollo/client/react';
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip, type ChartOptions } from 'chart.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Bar } from 'react-chartjs-2';
import { useWorkspace } from '../../app/workspace';
import { formatMoney, formatMoneyList, currencyExponent } from '../../ui/money';
import { ProviderBadge } from '../../ui/ProviderBadge';
import { providerStyle } from '../../ui/providers';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { formatShortDateTime, formatTime } from '../../ui/time';
import { formatDuration, formatRate, summarizeByProvider } from '../../ui/metrics-summary';
import { ORDER_METRICS, TODAY_METRICS_CHANGED } from './overview.operations';
import { bucketStarts, RANGES, rangeBounds, revenueCurrencies, revenueSeries, type RangeKey } from './revenue-series';

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
  const { tenant } = useWorkspace();
  const [rangeKey, setRangeKey] = useState<RangeKey>('today');
  const [chosenCurrency, setChosenCurrency] = useState<string | null>(null);
  const bounds = useMemo(() => rangeBounds(rangeKey, new Date(), tenant.timeZone), [rangeKey, tenant.timeZone]);
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

  return (
    <section className="panel" aria-label="Revenue by provider">
      <h2>
        Revenue by provider
        <span className="spacer" />
        {currencies.length > 1 && (
          <select aria-label="Currency" value={currency} onChange={(e) => setChosenCurrency(e.target.value)}>
            {currencies.map((code) => (
              <option key={code}>{code}</option>
            ))}
          </select>
        )}
        <span className="range-picker" role="group" aria-label="Range">
          {RANGES.map((range) => (
            <button
              key={range.key}
              type="button"
              aria-pressed={range.key === rangeKey}
              onClick={() => setRangeKey(range.key)}
            >
              {range.label}
            </button>
          ))}
        </span>
      </h2>
      {error && !data && <ErrorState error={error} onRetry={() => void refetch()} />}
      {!data && loading && <Loading label="Loading revenue…" />}
      {data && (
        <>
          <div className="chart-host">
            <Bar data={chartData} options={options} aria-label={`Revenue in ${currency} by provider`} role="img" />
          </div>
          <h3>Provider performance ({RANGES.find((r) => r.key === rangeKey)!.label.toLowerCase()})</h3>
          {providers.length === 0 ? (
            <Empty title="No orders in this range" />
          ) : (
            <table className="data" aria-label="Provider performance">
              <thead>
                <tr>
                  <th>Provider</th>
                  <th className="num">Orders</th>
                  <th className="num">Revenue</th>
                  <th className="num">Acceptance</th>
                  <th className="num">Time to accept</th>
                </tr>
              </thead>
              <tbody>
                {providers.map(({ provider, summary }) => (
                  <tr key={provider}>
                    <td>
                      <ProviderBadge provider={provider} />
                    </td>
                    <td className="num">{summary.orders.toLocaleString()}</td>
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
