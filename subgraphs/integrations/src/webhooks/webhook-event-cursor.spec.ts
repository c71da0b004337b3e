import { GraphQLError } from 'graphql';
import { decodeWebhookEventCursor, encodeWebhookEventCursor } from './webhook-event-cursor';

describe('webhook event cursor', () => {
  const position = { receivedAt: '2026-11-29T10:15:30.123456Z', id: '3f0c2b9e-8d1a-4c55-9e0b-6a7d1e2f3a4b' };

  it('round-trips the microsecond position and the id', () => {
    expect(decodeWebhookEventCursor(encodeWebhookEventCursor(position))).toEqual(position);
  });

  it('is opaque (base64url) to clients', () => {
    expect(encodeWebhookEventCursor(position)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['an audit cursor', Buffer.from(`a1|${position.receivedAt}|${position.id}`).toString('base64url')],
    ['millisecond precision', Buffer.from(`w1|2026-11-29T10:15:30.123Z|${position.id}`).toString('base64url')],
    ['an impossible date', Buffer.from(`w1|2026-13-45T10:15:30.123456Z|${position.id}`).toString('base64url')],
    ['a bad id', Buffer.from(`w1|${position.receivedAt}|nope`).toString('base64url')],
  ])('refuses %s with BAD_USER_INPUT', (_case, text) => {
    let error: unknown;
    try {
      decodeWebhookEventCursor(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions['code']).toBe('BAD_USER_INPUT');
  });
});
