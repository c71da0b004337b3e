import { GraphQLError } from 'graphql';
import {
  cursorTimestamp,
  decodeOrderCursor,
  encodeOrderCursor,
  requireCursorSort,
  type OrderCursor,
} from './order-cursor';

describe('order cursor', () => {
  const id = '0b3f3c9d-7a10-4c1a-9e55-6f1d8c3a2b7e';

  it.each<[string, OrderCursor]>([
    [
      'a placed-at position with microsecond precision',
      { sort: { field: 'PLACED_AT', direction: 'DESC' }, key: '1795919960129123', id },
    ],
    ['a position before 1970', { sort: { field: 'PLACED_AT', direction: 'ASC' }, key: '-1000000', id }],
    ['a total', { sort: { field: 'TOTAL', direction: 'DESC' }, key: '123456', id }],
    ['a status', { sort: { field: 'STATUS', direction: 'ASC' }, key: 'PICKED_UP', id }],
    ['a provider', { sort: { field: 'PROVIDER', direction: 'DESC' }, key: 'JAHEZ', id }],
    ['an order without an accept-by deadline', { sort: { field: 'ACCEPT_BY', direction: 'ASC' }, key: null, id }],
  ])('round-trips %s', (_label, cursor) => {
    const encoded = encodeOrderCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeOrderCursor(encoded)).toEqual(cursor);
  });

  it('reads a cursor from before orderBy as newest first', () => {
    const old = Buffer.from(`o1:1795919960129123:${id}`).toString('base64url');
    expect(decodeOrderCursor(old)).toEqual({
      sort: { field: 'PLACED_AT', direction: 'DESC' },
      key: '1795919960129123',
      id,
    });
  });

  it('refuses a cursor under a different sort, naming both', () => {
    const cursor: OrderCursor = { sort: { field: 'TOTAL', direction: 'ASC' }, key: '1', id };
    expect(() => requireCursorSort(cursor, { field: 'TOTAL', direction: 'ASC' })).not.toThrow();
    expect(() => requireCursorSort(cursor, { field: 'TOTAL', direction: 'DESC' })).toThrow(
      /TOTAL, direction: ASC.*TOTAL, direction: DESC/,
    );
  });

  it.each([
    ['empty', ''],
    ['not base64 of a cursor', 'hello'],
    ['wrong version', Buffer.from('o2:1:0b3f3c9d-7a10-4c1a-9e55-6f1d8c3a2b7e').toString('base64url')],
    ['a bad id', Buffer.from('o1:1:not-a-uuid').toString('base64url')],
    ['a bad timestamp', Buffer.from('o1:1e9:0b3f3c9d-7a10-4c1a-9e55-6f1d8c3a2b7e').toString('base64url')],
    ['SQL in it', Buffer.from('o1:1;drop table x:0b3f3c9d-7a10-4c1a-9e55-6f1d8c3a2b7e').toString('base64url')],
    [
      'an unknown sort field',
      Buffer.from('o2:CUSTOMER:ASC:x:0b3f3c9d-7a10-4c1a-9e55-6f1d8c3a2b7e').toString('base64url'),
    ],
    ['an unknown direction', Buffer.from('o2:TOTAL:UP:1:0b3f3c9d-7a10-4c1a-9e55-6f1d8c3a2b7e').toString('base64url')],
    [
      'a status that does not exist',
      Buffer.from("o2:STATUS:ASC:x' or 1=1:0b3f3c9d-7a10-4c1a-9e55-6f1d8c3a2b7e").toString('base64url'),
    ],
    [
      'a total beyond bigint',
      Buffer.from('o2:TOTAL:ASC:9999999999999999999:0b3f3c9d-7a10-4c1a-9e55-6f1d8c3a2b7e').toString('base64url'),
    ],
    [
      'no key where one is needed',
      Buffer.from('o2:PLACED_AT:DESC::0b3f3c9d-7a10-4c1a-9e55-6f1d8c3a2b7e').toString('base64url'),
    ],
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
