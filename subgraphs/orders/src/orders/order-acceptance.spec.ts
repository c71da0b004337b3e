import type { OrderStatus } from '@nexara/kit';
import { ACCEPTANCE_AT_RISK_MARGIN_MS, acceptanceRiskHorizon, isAcceptanceAtRisk } from './order-acceptance';

describe(isAcceptanceAtRisk.name, () => {
  const now = new Date('2026-11-28T18:30:00.000Z');
  const inMinutes = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

  it('flags two minutes ahead', () => {
    expect(ACCEPTANCE_AT_RISK_MARGIN_MS).toBe(120_000);
    expect(acceptanceRiskHorizon(now)).toEqual(inMinutes(2));
  });

  it.each<[string, OrderStatus, Date | null, boolean]>([
    ['RECEIVED, deadline in 1 min', 'RECEIVED', inMinutes(1), true],
    ['RECEIVED, deadline in exactly 2 min', 'RECEIVED', inMinutes(2), true],
    ['RECEIVED, deadline in 2 min and 1 ms', 'RECEIVED', new Date(inMinutes(2).getTime() + 1), false],
    ['RECEIVED, deadline in 10 min', 'RECEIVED', inMinutes(10), false],
    ['RECEIVED, deadline passed', 'RECEIVED', inMinutes(-30), true],
    ['RECEIVED, no deadline', 'RECEIVED', null, false],
    ['ACCEPTED, deadline passed', 'ACCEPTED', inMinutes(-1), false],
    ['CANCELLED, deadline in 1 min', 'CANCELLED', inMinutes(1), false],
  ])('%s -> %s', (_case, status, acceptBy, expected) => {
    expect(isAcceptanceAtRisk({ status, acceptBy }, now)).toBe(expected);
  });
});
