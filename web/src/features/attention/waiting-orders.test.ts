import { applyOrderChange, initialWaiting, titleWithCount } from './waiting-orders';

describe('orders waiting for an answer', () => {
  it('counts orders waiting at load and rings only for ones that arrive afterwards', () => {
    let state = initialWaiting(['old']);
    expect(state.waiting.size).toBe(1);
    expect(state.ringing.size).toBe(0);

    let change = applyOrderChange(state, { id: 'new', status: 'RECEIVED' });
    expect(change.isNew).toBe(true);
    state = change.state;
    expect([...state.waiting]).toEqual(['old', 'new']);
    expect([...state.ringing]).toEqual(['new']);

    // The same order again (an update) is not announced twice.
    change = applyOrderChange(state, { id: 'new', status: 'RECEIVED' });
    expect(change.isNew).toBe(false);
    state = change.state;

    state = applyOrderChange(state, { id: 'new', status: 'ACCEPTED' }).state;
    expect(state.ringing.size).toBe(0);
    expect([...state.waiting]).toEqual(['old']);
    state = applyOrderChange(state, { id: 'old', status: 'REJECTED' }).state;
    expect(state.waiting.size).toBe(0);
  });

  it('does not announce an order first seen already answered (auto-accept)', () => {
    const { state, isNew } = applyOrderChange(initialWaiting([]), { id: 'a', status: 'ACCEPTED' });
    expect(isNew).toBe(false);
    expect(state.waiting.size).toBe(0);
    expect(applyOrderChange(state, { id: 'a', status: 'RECEIVED' }).isNew).toBe(false);
  });

  it('puts the count in front of the tab title', () => {
    expect(titleWithCount('Nexara · Operations', 3)).toBe('(3) Nexara · Operations');
    expect(titleWithCount('Nexara · Operations', 0)).toBe('Nexara · Operations');
  });
});
