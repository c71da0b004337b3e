import { appError, PUBLIC_TAG } from '@nexara/kit';
import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * Relay-style page information, shared by every subgraph that pages (orders,
 * integrations): one class, so the declarations federation merges are the same
 * by construction. Public: partners page orders with it.
 */
@Directive('@shareable')
@Directive(PUBLIC_TAG)
@ObjectType('PageInfo')
export class PageInfoType {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export const INVALID_CURSOR_MESSAGE =
  'The cursor is not valid: pass `after` an endCursor or edge cursor this API returned.';

/** A BAD_USER_INPUT error for a cursor this API did not make. */
export function invalidCursor(message = INVALID_CURSOR_MESSAGE): Error {
  return appError('BAD_USER_INPUT', message);
}

/**
 * A position in a list sorted newest first, then by id. `at` is kept as
 * PostgreSQL printed it, to the microsecond (`YYYY-MM-DDTHH:MM:SS.ffffffZ`): a
 * JavaScript Date would drop the last three digits and skip or repeat rows at
 * a page edge.
 */
export type TimeCursor = { at: string; id: string };

export type TimeCursorCodec = {
  encode: (cursor: TimeCursor) => string;
  /** Throws BAD_USER_INPUT for anything `encode` did not make. */
  decode: (text: string) => TimeCursor;
};

/** A cursor codec for one list; `version` (e.g. `w1`) keeps one list's cursors out of another. */
export function timeCursorCodec(version: string): TimeCursorCodec {
  const pattern = new RegExp(
    `^${version}\\|(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z)\\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$`,
    'i',
  );
  return {
    encode: (cursor) => Buffer.from(`${version}|${cursor.at}|${cursor.id}`, 'utf8').toString('base64url'),
    decode: (text) => {
      const match = pattern.exec(Buffer.from(text, 'base64url').toString('utf8'));
      if (!match || Number.isNaN(Date.parse(match[1]!))) throw invalidCursor();
      return { at: match[1]!, id: match[2]!.toLowerCase() };
    },
  };
}
