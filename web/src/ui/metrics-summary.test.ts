import { formatDuration, formatRate, summarizeByProvider, summarizeMetrics } from './metrics-summary';

const bucket = (
  provider: string,
  orders: number,
  accepted: number,
  decided: number,
  avg: number | null,
  revenue: [number, string][] = [],
) => ({
  provider,
  orders,
  acceptedOrders: accepted,
  decidedOrders: decided,
  avgAcceptSeconds: avg,
  revenue: revenue.map(([amount, currency]) => ({ amount, currency })),
});

describe('metrics summary', () => {
  it('combines rates from counts, not by averaging rates', () => {
    // 1 of 1 and 1 of 9 decided: 2 of 10 = 20 % (the mean of the rates would say 55.6 %).
    const summary = summarizeMetrics([bucket('CAREEM', 1, 1, 1, 60), bucket('TALABAT', 10, 1, 9, 180)]);
    expect(summary.acceptanceRate).toBeCloseTo(0.2);
    expect(summary.avgAcceptSeconds).toBeCloseTo(120);
    expect(summary.orders).toBe(11);
  });

  it('keeps currencies apart and says nothing when nothing was decided', () => {
    const summary = summarizeMetrics([
      bucket('JAHEZ', 2, 0, 0, null, [[500, 'SAR']]),
      bucket('JAHEZ', 1, 0, 0, null, [
        [250, 'KWD'],
        [100, 'SAR'],
      ]),
    ]);
    expect(summary).toEqual({
      orders: 3,
      revenue: [
        { amount: 250, currency: 'KWD' },
        { amount: 600, currency: 'SAR' },
      ],
      acceptanceRate: null,
      avgAcceptSeconds: null,
    });
  });

  it('groups buckets per provider', () => {
    const byProvider = summarizeByProvider([
      bucket('CAREEM', 1, 1, 1, 30),
      bucket('JAHEZ', 2, 1, 2, 90),
      bucket('CAREEM', 3, 3, 3, 10),
    ]);
    expect(byProvider.map((p) => [p.provider, p.summary.orders, p.summary.acceptanceRate])).toEqual([
      ['CAREEM', 4, 1],
      ['JAHEZ', 2, 0.5],
    ]);
    expect(byProvider[0]!.summary.avgAcceptSeconds).toBeCloseTo(15);
  });

  it('formats rates and durations for tiles', () => {
    expect(formatRate(0.5714)).toBe('57.1%');
    expect(formatRate(null)).toBe('—');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(135)).toBe('2 min 15 s');
    expect(formatDuration(120)).toBe('2 min');
  });
});
