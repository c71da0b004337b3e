import { appError } from '@nexara/kit';

/**
 * A position in the inbox (newest first, then id). `receivedAt` is kept as
 * PostgreSQL printed it, to the microsecond: a JavaScript Date would drop the
 * last three digits and skip or repeat events at a page edge.
 */
export type WebhookEventCursor = { receivedAt: string; id: string };

const CURSOR =
  /^w1\|(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function encodeWebhookEventCursor(cursor: WebhookEventCursor): string {
  return Buffer.from(`w1|${cursor.receivedAt}|${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeWebhookEventCursor(text: string): WebhookEventCursor {
  const match = CURSOR.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match || Number.isNaN(Date.parse(match[1]!))) {
    throw appError(
      'BAD_USER_INPUT',
      'The cursor is not valid: pass `after` an endCursor or edge cursor this API returned.',
    );
  }
  return { receivedAt: match[1]!, id: match[2]!.toLowerCase() };
}
