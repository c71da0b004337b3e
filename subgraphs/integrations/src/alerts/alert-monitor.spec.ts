import { BUS_EVENTS } from '@nexara/contracts';
import type { BusEvent, EventBus, Logger } from '@nexara/kit';
import type { DataSource } from 'typeorm';
import type { IntegrationEvents } from '../events/integration-events';
import { startAlertMonitor } from './alert-monitor';

/**
 * The monitor's timing, with jest's fake clock: an evaluation is counted by
 * its first step (asking orders for the tenant's orders at risk); the database
 * step then fails, which the monitor logs and outlives.
 */
describe('startAlertMonitor', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function monitor() {
    let listener: (event: BusEvent) => void = () => undefined;
    const bus = {
      subscribe: (next: (event: BusEvent) => void) => {
        listener = next;
        return () => undefined;
      },
    } as unknown as EventBus;
    const evaluated: string[] = [];
    const started = startAlertMonitor({
      bus,
      dataSource: {
        transaction: () => Promise.reject(new Error('no database here')),
      } as unknown as DataSource,
      events: {} as IntegrationEvents,
      ordersAtRisk: async (tenantId) => {
        evaluated.push(tenantId);
        return [];
      },
      logger: { warn: () => undefined, info: () => undefined } as unknown as Logger,
      intervalMs: 3_600_000,
      triggerDelayMs: 100,
      triggerGapMs: 5_000,
    });
    const health = (tenantId: string) => listener({ tenantId, kind: BUS_EVENTS.connectionHealth, id: 'c' });
    return { started, health, evaluated };
  }

  it('evaluates a tenant soon after its first health event, then at most once per gap during a burst', async () => {
    const { started, health, evaluated } = monitor();
    // A burst: a health event every second for ten seconds, from two tenants.
    for (let second = 0; second < 10; second++) {
      health('a');
      health('b');
      await jest.advanceTimersByTimeAsync(1_000);
    }
    await jest.advanceTimersByTimeAsync(5_000);
    // First at 0.1 s, then 5.1 s, then 10.1 s: three each instead of ten.
    expect(evaluated.filter((t) => t === 'a')).toHaveLength(3);
    expect(evaluated.filter((t) => t === 'b')).toHaveLength(3);

    // After a quiet spell longer than the gap, the next event is evaluated within the short delay again.
    await jest.advanceTimersByTimeAsync(10_000);
    const before = evaluated.length;
    health('a');
    await jest.advanceTimersByTimeAsync(100);
    expect(evaluated.length).toBe(before + 1);
    await started.stop();
  });
});
