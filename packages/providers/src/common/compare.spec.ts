import { constantTimeEqual, matchesAny } from './compare';

describe('constant-time comparison', () => {
  it.each<[string | Buffer, string | Buffer, boolean]>([
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['abc', 'abcd', false],
    ['', '', true],
    ['', 'a', false],
    [Buffer.from('secret'), 'secret', true],
    ['x'.repeat(10_000), 'x'.repeat(10_000), true],
    ['x'.repeat(10_000), `${'x'.repeat(9_999)}y`, false],
  ])('%s vs %s -> %s (any lengths, no throw)', (a, b, expected) => {
    expect(constantTimeEqual(a, b)).toBe(expected);
  });

  it('matches any candidate and compares all of them', () => {
    expect(matchesAny(['one', 'two'], 'two')).toBe(true);
    expect(matchesAny(['one', 'two'], 'one')).toBe(true);
    expect(matchesAny(['one', 'two'], 'three')).toBe(false);
    expect(matchesAny([], '')).toBe(false);
  });
});
