import { GraphQLError } from 'graphql';
import { checkExpiry, isActive, normalizeScopes } from './api-key.service';

function codeOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof GraphQLError) return error.extensions['code'];
    throw error;
  }
  return 'accepted';
}

describe('API key rules', () => {
  describe('scopes', () => {
    it.each([
      [['orders:read'], ['orders:read']],
      [
        ['connections:read', 'orders:read'],
        ['orders:read', 'connections:read'],
      ],
      [
        ['orders:write', 'orders:write', 'orders:read'],
        ['orders:read', 'orders:write'],
      ],
    ])('accepts %p as %p (each once, in the kit order)', (input, stored) => {
      expect(normalizeScopes(input)).toEqual(stored);
    });

    it.each([[[]], [['orders:delete']], [['orders:read', 'admin']], [['ORDERS_READ']]])('rejects %p', (input) => {
      expect(codeOf(() => normalizeScopes(input))).toBe('BAD_USER_INPUT');
    });
  });

  describe('expiry', () => {
    const now = new Date('2026-01-01T12:00:00Z');

    it('is optional', () => {
      expect(checkExpiry(null, now)).toBeNull();
      expect(checkExpiry(undefined, now)).toBeNull();
    });

    it('accepts a time in the future', () => {
      const later = new Date('2026-01-01T12:00:01Z');
      expect(checkExpiry(later, now)).toBe(later);
    });

    it.each([
      ['now', '2026-01-01T12:00:00Z'],
      ['the past', '2025-12-31T23:59:59Z'],
      ['an invalid date', 'not a date'],
    ])('rejects %s', (_case, value) => {
      expect(codeOf(() => checkExpiry(new Date(value), now))).toBe('BAD_USER_INPUT');
    });
  });

  describe('active', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    it.each([
      ['never expires, not revoked', null, null, true],
      ['expires later', null, new Date('2026-01-02T00:00:00Z'), true],
      ['expired', null, new Date('2026-01-01T11:59:59Z'), false],
      ['expires this instant', null, now, false],
      ['revoked', new Date('2025-12-01T00:00:00Z'), null, false],
    ])('%s -> %p', (_case, revokedAt, expiresAt, active) => {
      expect(isActive({ revokedAt, expiresAt }, now)).toBe(active);
    });
  });
});
