import { GraphQLError } from 'graphql';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';

describe('audit cursor', () => {
  it('round-trips a microsecond timestamp and an id', () => {
    const cursor = { at: '2026-11-30T08:15:42.123456Z', id: '0b3f3c9d-7a10-4c1a-9e55-6f1d8c3a2b7e' };

    expect(decodeAuditCursor(encodeAuditCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ['not base64 of a cursor', 'hello'],
    ['an order cursor', Buffer.from('o1:1795919960129123:0b3f3c9d-7a10-4c1a-9e55-6f1d8c3a2b7e').toString('base64url')],
    ['a forged SQL fragment', Buffer.from("a1|2026-11-30T08:15:42.123456Z' or 1=1|x").toString('base64url')],
    [
      'a timestamp without microseconds',
      Buffer.from('a1|2026-11-30T08:15:42Z|0b3f3c9d-7a10-4c1a-9e55-6f1d8c3a2b7e').toString('base64url'),
    ],
    [
      'an impossible date',
      Buffer.from('a1|2026-13-45T08:15:42.123456Z|0b3f3c9d-7a10-4c1a-9e55-6f1d8c3a2b7e').toString('base64url'),
    ],
    ['empty', ''],
  ])('rejects a cursor that is %s with BAD_USER_INPUT', (_label, text) => {
    let thrown: unknown;
    try {
      decodeAuditCursor(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GraphQLError);
    expect((thrown as GraphQLError).extensions['code']).toBe('BAD_USER_INPUT');
  });
});
