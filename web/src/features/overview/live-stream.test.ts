import { mergeIntoStream } from './live-stream';

const order = (id: string, minute: number, status = 'RECEIVED') => ({
  id,
  status,
  placedAt: `2026-03-12T10:${String(minute).padStart(2, '0')}:00.000Z`,
});

describe('live order stream', () => {
  it('puts a new order on top and announces it', () => {
    const { stream, isNew } = mergeIntoStream([order('b', 5), order('a', 1)], order('c', 9));
    expect(stream.map((o) => o.id)).toEqual(['c', 'b', 'a']);
    expect(isNew).toBe(true);
  });

  it('updates a known order in place without announcing it', () => {
    const { stream, isNew } = mergeIntoStream([order('b', 5), order('a', 1)], order('a', 1, 'ACCEPTED'));
    expect(stream.map((o) => [o.id, o.status])).toEqual([
      ['b', 'RECEIVED'],
      ['a', 'ACCEPTED'],
    ]);
    expect(isNew).toBe(false);
  });

  it('ignores an old order changing below a full stream', () => {
    const { stream, isNew } = mergeIntoStream([order('b', 5), order('a', 1)], order('z', 0, 'READY'), 2);
    expect(stream.map((o) => o.id)).toEqual(['b', 'a']);
    expect(isNew).toBe(false);
  });

  it('does not chime for an order that arrives already accepted (auto-accept)', () => {
    expect(mergeIntoStream([order('a', 1)], order('n', 2, 'ACCEPTED')).isNew).toBe(false);
  });

  it('keeps at most the limit, newest first', () => {
    const { stream } = mergeIntoStream([order('c', 3), order('b', 2)], order('d', 4), 2);
    expect(stream.map((o) => o.id)).toEqual(['d', 'c']);
  });
});
