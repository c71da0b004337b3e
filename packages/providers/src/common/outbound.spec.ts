import { callbackUrl, pathSegment } from './outbound';

describe('callback URLs', () => {
  it('puts a provider id in one path segment, encoded', () => {
    expect(callbackUrl('https://api.example.test/', `/orders/${pathSegment('kw:7c1e/9d?x#y')}`)).toBe(
      'https://api.example.test/orders/kw%3A7c1e%2F9d%3Fx%23y',
    );
    expect(pathSegment('...')).toBe('...');
  });

  // Found by fuzzing: `/orders/..` resolves to the API's root (so does `%2E%2E`), sending the call elsewhere.
  it.each(['.', '..'])('refuses %p, which URL parsers resolve away', (id) => {
    expect(() => pathSegment(id)).toThrow('cannot be a segment of a callback URL');
  });
});
