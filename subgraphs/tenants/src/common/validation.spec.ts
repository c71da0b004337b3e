import { GraphQLError } from 'graphql';
import {
  checkPassword,
  isUuid,
  normalizeCurrency,
  normalizeEmail,
  normalizeName,
  normalizeSlug,
  normalizeTimeZone,
} from './validation';

function rejection(run: () => unknown): { code: unknown; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof GraphQLError) return { code: error.extensions['code'], message: error.message };
    throw error;
  }
  throw new Error('expected BAD_USER_INPUT, but the value was accepted');
}

describe('input validation', () => {
  describe('slug', () => {
    it.each([
      ['demo-bistro', 'demo-bistro'],
      ['harbor-grill-2', 'harbor-grill-2'],
      ['ab', 'ab'],
      ['  padded  ', 'padded'],
    ])('accepts %p', (input, stored) => {
      expect(normalizeSlug(input)).toBe(stored);
    });

    it.each([
      'Demo-Bistro',
      'demo_bistro',
      'demo bistro',
      '-demo',
      'demo-',
      'demo--bistro',
      'a',
      'x'.repeat(64),
      'café',
      '',
    ])('rejects %p', (input) => {
      const { code, message } = rejection(() => normalizeSlug(input));
      expect(code).toBe('BAD_USER_INPUT');
      expect(message).toMatch(/^slug: /);
    });
  });

  describe('time zone', () => {
    it.each([
      ['Asia/Dubai', 'Asia/Dubai'],
      ['asia/dubai', 'Asia/Dubai'],
      ['Europe/London', 'Europe/London'],
      ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
      ['Asia/Kolkata', 'Asia/Kolkata'],
      ['europe/london', 'Europe/London'],
      ['UTC', 'UTC'],
    ])('accepts %p as %p', (input, stored) => {
      expect(normalizeTimeZone(input)).toBe(stored);
    });

    it.each(['Mars/Olympus_Mons', '+04:00', 'GMT+4', '', 'Asia/Dubai; drop table', 'Not a zone'])(
      'rejects %p',
      (input) => {
        const { code, message } = rejection(() => normalizeTimeZone(input));
        expect(code).toBe('BAD_USER_INPUT');
        expect(message).toMatch(/^timeZone: .*IANA/);
      },
    );
  });

  describe('email', () => {
    it.each([
      ['owner@demo-bistro.test', 'owner@demo-bistro.test'],
      ['  Owner@Demo-Bistro.TEST ', 'owner@demo-bistro.test'],
      ['first.last+tag@example.co.uk', 'first.last+tag@example.co.uk'],
    ])('accepts %p as %p', (input, stored) => {
      expect(normalizeEmail(input)).toBe(stored);
    });

    it.each([
      'owner',
      'owner@',
      '@example.com',
      'owner@example',
      'own er@example.com',
      'a@b@example.com',
      `${'x'.repeat(250)}@example.com`,
    ])('rejects %p', (input) => {
      const { code, message } = rejection(() => normalizeEmail(input));
      expect(code).toBe('BAD_USER_INPUT');
      expect(message).toMatch(/^email: /);
    });

    it('names the field it was given', () => {
      expect(rejection(() => normalizeEmail('nope', 'ownerEmail')).message).toMatch(/^ownerEmail: /);
    });
  });

  describe('currency', () => {
    it.each([
      ['AED', 'AED'],
      ['gbp', 'GBP'],
      ['KWD', 'KWD'],
    ])('accepts %p', (input, stored) => {
      expect(normalizeCurrency(input)).toBe(stored);
    });

    it.each(['XYZ', 'DOLLARS', 'US', ''])('rejects %p', (input) => {
      expect(rejection(() => normalizeCurrency(input)).code).toBe('BAD_USER_INPUT');
    });
  });

  describe('password', () => {
    it('accepts 10 characters or more, untrimmed', () => {
      expect(checkPassword('nexara-demo')).toBe('nexara-demo');
      expect(checkPassword(' 123456789')).toBe(' 123456789');
    });

    it.each(['', 'short', '123456789', 'x'.repeat(257)])('rejects %p', (input) => {
      const { code, message } = rejection(() => checkPassword(input));
      expect(code).toBe('BAD_USER_INPUT');
      expect(message).toMatch(/^password: must be at (least 10|most 256) characters/);
    });
  });

  it('names must not be blank', () => {
    expect(normalizeName('  Demo Bistro ')).toBe('Demo Bistro');
    expect(rejection(() => normalizeName('   ')).message).toBe('name: must not be empty.');
  });

  it('recognises UUIDs', () => {
    expect(isUuid('0b6f1c9e-8a51-4a4b-9d7c-1f2e3d4c5b6a')).toBe(true);
    expect(isUuid('not-a-uuid')).toBe(false);
    expect(isUuid("' or 1=1 --")).toBe(false);
  });
});
