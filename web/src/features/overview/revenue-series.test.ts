import { bucketStarts, rangeBounds, revenueCurrencies, revenueSeries, customRangeBounds } from './revenue-series';

describe('revenue series', () => {
  const now = new Date('2026-03-12T21:30:00.000Z'); // 00:30 on 13 March in Riyadh

  it('reads ranges as whole days of the tenant calendar', () => {
    expect(rangeBounds('today', now, 'Asia/Riyadh')).toEqual({
      from: '2026-03-12T21:00:00.000Z',
      to: '2026-03-13T21:00:00.000Z',
      bucket: 'HOUR',
    });
    expect(rangeBounds('7d', now, 'Asia/Riyadh').from).toBe('2026-03-06T21:00:00.000Z');
  });

  it('lists every bucket, empty ones too', () => {
    const today = rangeBounds('today', now, 'Asia/Riyadh');
    expect(bucketStarts(today.from, today.to, 'HOUR', 'Asia/Riyadh')).toHaveLength(24);
    const week = rangeBounds('7d', now, 'Asia/Riyadh');
    const days = bucketStarts(week.from, week.to, 'DAY', 'Asia/Riyadh');
    expect(days).toHaveLength(7);
    expect(days[1]).toBe('2026-03-07T21:00:00.000Z');
  });

  it('has 23 hours on the day clocks go forward', () => {
    const from = '2026-03-29T00:00:00.000Z';
    const to = '2026-03-29T23:00:00.000Z';
    expect(bucketStarts(from, to, 'HOUR', 'Europe/London')).toHaveLength(23);
  });

  it('puts one currency in major units per provider on the buckets', () => {
    const starts = ['2026-03-12T21:00:00.000Z', '2026-03-12T22:00:00.000Z'];
    const base = { orders: 1, acceptedOrders: 1, decidedOrders: 1, avgAcceptSeconds: 10 };
    const buckets = [
      {
        ...base,
        bucketStart: '2026-03-12T22:00:00.000Z',
        provider: 'CAREEM',
        revenue: [{ amount: 1250, currency: 'KWD' }],
      },
      {
        ...base,
        bucketStart: '2026-03-12T21:00:00.000Z',
        provider: 'CAREEM',
        revenue: [{ amount: 500, currency: 'SAR' }],
      },
      {
        ...base,
        bucketStart: '2026-03-12T21:00:00.000Z',
        provider: 'JAHEZ',
        revenue: [{ amount: 2000, currency: 'KWD' }],
      },
    ];
    expect(revenueSeries(buckets, starts, 'KWD')).toEqual([
      { provider: 'CAREEM', values: [0, 1.25] },
      { provider: 'JAHEZ', values: [2, 0] },
    ]);
    expect(revenueCurrencies(buckets, 'SAR')).toEqual(['SAR', 'KWD']);
  });
});

describe('a custom revenue range', () => {
  it('covers both chosen days in the tenant’s calendar, by hour for one day and by day for more', () => {
    expect(customRangeBounds('2026-03-01', '2026-03-07', 'Asia/Riyadh')).toEqual({
      from: '2026-02-28T21:00:00.000Z',
      to: '2026-03-07T21:00:00.000Z',
      bucket: 'DAY',
    });
    expect(customRangeBounds('2026-03-05', '2026-03-05', 'Asia/Riyadh')).toMatchObject({ bucket: 'HOUR' });
  });

  it('refuses a backwards or too long range', () => {
    expect(customRangeBounds('2026-03-07', '2026-03-01', 'Asia/Riyadh')).toEqual({
      problem: 'The range ends before it starts.',
    });
    expect(customRangeBounds('2025-01-01', '2026-03-01', 'Asia/Riyadh')).toEqual({
      problem: 'At most 400 days at a time.',
    });
  });
});
