import { BumpQueue, kitchenStep, type PendingBump } from './kitchen-bump';

describe('kitchen bumps', () => {
  it.each([
    ['RECEIVED', 'STAFF', { action: 'ACCEPT', to: 'ACCEPTED' }],
    ['ACCEPTED', 'STAFF', { action: 'MARK_PREPARING', to: 'PREPARING' }],
    ['PREPARING', 'MANAGER', { action: 'MARK_READY', to: 'READY' }],
    ['READY', 'TENANT_ADMIN', { action: 'MARK_PICKED_UP', to: 'PICKED_UP' }],
    ['PICKED_UP', 'STAFF', null],
    ['CANCELLED', 'MANAGER', null],
    ['DELIVERED', 'PLATFORM_ADMIN', null],
  ])('a tap on %s by %s: %j', (status, role, step) => {
    expect(kitchenStep(status, role)).toEqual(step);
  });

  describe('BumpQueue (the undo window)', () => {
    beforeEach(() => jest.useFakeTimers({ now: 0 }));
    afterEach(() => jest.useRealTimers());

    const bump = (id: string, from: string, to: PendingBump['to']): Omit<PendingBump, 'sendsAt'> => ({
      id,
      displayCode: id.toUpperCase(),
      from,
      to,
      action: 'MARK_READY',
      prepMinutes: null,
    });

    function queue() {
      const sent: PendingBump[] = [];
      const changes: number[] = [];
      const q = new BumpQueue({
        windowMs: 5_000,
        send: (b) => sent.push(b),
        onChange: (pending) => changes.push(pending.length),
      });
      return { q, sent, changes };
    }

    it('sends a bump when its window has passed, not before', () => {
      const { q, sent } = queue();
      q.bump(bump('a', 'PREPARING', 'READY'));
      expect(q.list()).toEqual([expect.objectContaining({ id: 'a', sendsAt: 5_000 })]);
      jest.advanceTimersByTime(4_999);
      expect(sent).toEqual([]);
      jest.advanceTimersByTime(1);
      expect(sent.map((b) => b.id)).toEqual(['a']);
      expect(q.list()).toEqual([]);
    });

    it('never sends a bump taken back inside its window', () => {
      const { q, sent } = queue();
      q.bump(bump('a', 'PREPARING', 'READY'));
      jest.advanceTimersByTime(3_000);
      expect(q.undo('a')).toBe(true);
      jest.advanceTimersByTime(60_000);
      expect(sent).toEqual([]);
      expect(q.undo('a')).toBe(false);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('sends the first bump at once when the same ticket is tapped again', () => {
      const { q, sent } = queue();
      q.bump(bump('a', 'ACCEPTED', 'PREPARING'));
      q.bump(bump('a', 'PREPARING', 'READY'));
      expect(sent.map((b) => b.to)).toEqual(['PREPARING']);
      expect(q.list().map((b) => b.to)).toEqual(['READY']);
    });

    it('sends everything still waiting when flushed (the page is being left)', () => {
      const { q, sent, changes } = queue();
      q.bump(bump('a', 'ACCEPTED', 'PREPARING'));
      q.bump(bump('b', 'READY', 'PICKED_UP'));
      q.flush();
      expect(sent.map((b) => b.id)).toEqual(['a', 'b']);
      expect(jest.getTimerCount()).toBe(0);
      expect(changes.at(-1)).toBe(0);
    });
  });
});
