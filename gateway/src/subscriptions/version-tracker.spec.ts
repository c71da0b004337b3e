import { VersionTracker } from './version-tracker';

describe('VersionTracker', () => {
  it('answers each version once and in order: repeats and late ones are skipped, gaps are filled', () => {
    const tracker = new VersionTracker();
    expect(tracker.versionsFor('a', 3)).toEqual([3]); // first heard of: that version alone
    expect(tracker.versionsFor('a', 3)).toEqual([]); // a repeat
    expect(tracker.versionsFor('a', 2)).toEqual([]); // late: a later one was sent
    expect(tracker.versionsFor('a', 6)).toEqual([4, 5, 6]); // 4 and 5 were never announced
    expect(tracker.versionsFor('b', 1)).toEqual([1]); // subjects are independent
    expect(tracker.versionsFor('a', 7)).toEqual([7]);
  });

  it('fills at most MAX_GAP versions, and forgets the least recently changed subject past its capacity', () => {
    const tracker = new VersionTracker(2);
    tracker.versionsFor('a', 1);
    expect(tracker.versionsFor('a', 100)).toHaveLength(VersionTracker.MAX_GAP + 1);
    tracker.versionsFor('b', 1);
    tracker.versionsFor('c', 1); // 'a' is forgotten
    expect(tracker.versionsFor('a', 100)).toEqual([100]);
    expect(tracker.versionsFor('c', 2)).toEqual([2]);
  });
});
