import { GraphQLError } from 'graphql';
import { timeCursorCodec } from './pagination';

describe('time cursors', () => {
  const audit = timeCursorCodec('a1');
  const inbox = timeCursorCodec('w1');
  const position = { at: '2026-11-29T10:15:30.123456Z', id: '3f0c2b9e-8d1a-4c55-9e0b-6a7d1e2f3a4b' };

  it('round-trips the microsecond position and the id', () => {
    expect(audit.decode(audit.encode(position))).toEqual(position);
    expect(inbox.decode(inbox.encode(position))).toEqual(position);
  });

  it('is opaque (base64url) to clients', () => {
    expect(inbox.encode(position)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['empty', ''],
    ['another list cursor', audit.encode(position)],
    ['an order cursor', Buffer.from(`o1:1795919960129123:${position.id}`).toString('base64url')],
    ['a forged SQL fragment', Buffer.from("w1|2026-11-30T08:15:42.123456Z' or 1=1|x").toString('base64url')],
    ['millisecond precision', Buffer.from(`w1|2026-11-29T10:15:30.123Z|${position.id}`).toString('base64url')],
    ['an impossible date', Buffer.from(`w1|2026-13-45T10:15:30.123456Z|${position.id}`).toString('base64url')],
    ['a bad id', Buffer.from(`w1|${position.at}|nope`).toString('base64url')],
  ])('refuses %s with BAD_USER_INPUT', (_case, text) => {
    let thrown: unknown;
    try {
      inbox.decode(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GraphQLError);
    expect((thrown as GraphQLError).extensions['code']).toBe('BAD_USER_INPUT');
  });
});
