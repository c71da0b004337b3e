import { jsonObjectOf } from './json-body';

describe(jsonObjectOf.name, () => {
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['an object', '{"token":"t-1","n":1}', { token: 't-1', n: 1 }],
    ['an array', '[1,2]', null],
    ['a string', '"text"', null],
    ['null', 'null', null],
    ['broken JSON', '{"token":', null],
  ])('reads %s', (_name, text, expected) => {
    expect(jsonObjectOf(Buffer.from(text))).toEqual(expected);
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(jsonObjectOf(Buffer.from([0x7b, 0xff, 0x7d]))).toBeNull();
  });

  it('parses the same body once, however often it is read (the key, then the parse)', () => {
    const parse = jest.spyOn(JSON, 'parse');
    const body = Buffer.from('{"token":"t-2"}');
    const first = jsonObjectOf(body);
    expect(jsonObjectOf(body)).toBe(first);
    expect(parse).toHaveBeenCalledTimes(1);

    const broken = Buffer.from('{');
    expect(jsonObjectOf(broken)).toBeNull();
    expect(jsonObjectOf(broken)).toBeNull();
    expect(parse).toHaveBeenCalledTimes(2);
  });

  it('reads another Buffer of the same bytes afresh', () => {
    const parse = jest.spyOn(JSON, 'parse');
    const a = jsonObjectOf(Buffer.from('{"token":"t-3"}'));
    const b = jsonObjectOf(Buffer.from('{"token":"t-3"}'));
    expect(b).toEqual(a);
    expect(b).not.toBe(a);
    expect(parse).toHaveBeenCalledTimes(2);
  });
});
