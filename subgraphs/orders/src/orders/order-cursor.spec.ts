import { GraphQLError } from 'graphql';
import { cursorTimestamp, decodeOrderCursor, encodeOrderCursor } from './order-cursor';

describe('order cursor', () => {
  it('round-trips a position with microsecond precision', () => {
    const cursor = { placedAtMicros: '1795919960129123', id: '0b3f3c9d-7a10-4c1a-9e55-6f1d8c3a2b7e' };
    const encoded = encodeOrderCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeOrderCursor(encoded)).toEqual(cursor);
  });

  it('round-trips positions before 1970', () => {
    const cursor = { placedAtMicros: '-1000000', id: '0b3f3c9d-7a10-4c1a-9e55-6f1d8c3a2b7e' };
    expect(decodeOrderCursor(encodeOrderCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ['empty', ''],
    ['not base64 of a cursor', 'hello'],
    ['wrong version', Buffer.from('o2:1:0b3f3c9d-7a10-4c1a-9e55-6f1d8c3a2b7e').toString('base64url')],
    ['a bad id', Buffer.from('o1:1:not-a-uuid').toString('base64url')],
    ['a bad timestamp', Buffer.from("o1:1e9:0b3f3c9d-7a10-4c1a-9e55-6f1d8c3a2b7e").toString('base64url')],
    ['SQL in it', Buffer.from("o1:1;drop table x:0b3f3c9d-7a10-4c1a-9e55-6f1d8c3a2b7e").toString('base64url')],
  ])('rejects a cursor that is %s with BAD_USER_INPUT', (_label, text) => {
    let thrown: unknown;
    try {
      decodeOrderCursor(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GraphQLError);
    expect((thrown as GraphQLError).extensions['code']).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['0', '1970-01-01T00:00:00.000000Z'],
    ['1795919960129123', '2026-11-29T02:39:20.129123Z'],
    ['1', '1970-01-01T00:00:00.000001Z'],
    ['-1', '1969-12-31T23:59:59.999999Z'],
    ['-1000000', '1969-12-31T23:59:59.000000Z'],
  ])('turns %s microseconds into the exact timestamp %s', (micros, expected) => {
    expect(cursorTimestamp(micros)).toBe(expected);
  });

  it('refuses a timestamp no Date can hold', () => {
    expect(() => cursorTimestamp('9000000000000000000')).toThrow(GraphQLError);
  });
});
