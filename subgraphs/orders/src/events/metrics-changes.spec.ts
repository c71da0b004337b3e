import { coalescedMetricsChanges } from './metrics-changes';

describe(coalescedMetricsChanges.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('publishes once per tenant per window, after the window closes', () => {
    const published: string[] = [];
    const changes = coalescedMetricsChanges((tenantId) => published.push(tenantId), 1_000);

    changes.changed('a');
    jest.advanceTimersByTime(400);
    changes.changed('a');
    changes.changed('b');
    changes.changed('a');
    expect(published).toEqual([]);

    jest.advanceTimersByTime(600);
    expect(published).toEqual(['a']);
    jest.advanceTimersByTime(400);
    expect(published).toEqual(['a', 'b']);
  });

  it('opens a new window for a change made after the last one was published', () => {
    const published: string[] = [];
    const changes = coalescedMetricsChanges((tenantId) => published.push(tenantId), 1_000);

    changes.changed('a');
    jest.advanceTimersByTime(1_000);
    changes.changed('a');
    expect(published).toEqual(['a']);
    jest.advanceTimersByTime(1_000);
    expect(published).toEqual(['a', 'a']);
  });

  it('publishes nothing after close', () => {
    const published: string[] = [];
    const changes = coalescedMetricsChanges((tenantId) => published.push(tenantId), 1_000);

    changes.changed('a');
    changes.close();
    jest.advanceTimersByTime(5_000);
    expect(published).toEqual([]);
  });
});
