import { PROVIDERS } from '../../ui/providers';
import type { BranchSyncJob } from './branch-sync';
import { availabilityItemIds, newestPerConnection, secondsLeft } from './branch-sync';

const job = (id: string, connectionId: string, request: unknown, status = 'APPLIED'): BranchSyncJob => ({
  id,
  kind: 'AVAILABILITY',
  status: status as BranchSyncJob['status'],
  reason: null,
  attempts: 1,
  provider: PROVIDERS[0]!,
  branchId: 'b1',
  request,
  createdAt: '2026-12-04T10:00:00.000Z',
  updatedAt: '2026-12-04T10:00:00.000Z',
  connection: { id: connectionId, name: connectionId, provider: PROVIDERS[0]! },
});

describe('newestPerConnection', () => {
  const jobs = [
    job('j3', 'c1', { items: [{ itemId: 'i2' }] }, 'PENDING'),
    job('j2', 'c2', { items: [{ itemId: 'i1' }, { itemId: 'i2' }] }, 'FAILED'),
    job('j1', 'c1', { items: [{ itemId: 'i1' }] }),
  ];

  it('keeps the first (newest) job of each connection', () => {
    expect([...newestPerConnection(jobs)].map(([c, j]) => [c, j.id])).toEqual([
      ['c1', 'j3'],
      ['c2', 'j2'],
    ]);
  });

  it("keeps each connection's newest job about one item, skipping newer jobs about others", () => {
    const aboutI1 = newestPerConnection(jobs, (j) => availabilityItemIds(j).includes('i1'));
    expect([...aboutI1].map(([c, j]) => [c, j.id])).toEqual([
      ['c2', 'j2'],
      ['c1', 'j1'],
    ]);
    expect(newestPerConnection(jobs, (j) => availabilityItemIds(j).includes('i9')).size).toBe(0);
  });

  it('reads no items from a request without them', () => {
    expect(availabilityItemIds(job('j', 'c', { status: 'OPEN' }))).toEqual([]);
    expect(availabilityItemIds(job('j', 'c', null))).toEqual([]);
  });
});

describe('secondsLeft', () => {
  const now = Date.parse('2026-12-04T10:00:00.000Z');
  it.each([
    [null, null],
    ['2026-12-04T10:15:00.000Z', 900],
    ['2026-12-04T10:00:00.400Z', 1],
    ['2026-12-04T10:00:00.000Z', null],
    ['2026-12-04T09:00:00.000Z', null],
  ])('until %s -> %s', (until, expected) => {
    expect(secondsLeft(until, now)).toBe(expected);
  });
});
