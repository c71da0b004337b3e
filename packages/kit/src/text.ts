/**
 * What PostgreSQL refuses in a string: U+0000 anywhere (text and jsonb), and
 * an unpaired UTF-16 surrogate inside jsonb (text quietly turns one into
 * U+FFFD). JSON from outside can carry both (`"\u0000"`, `"\ud800"`).
 */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|\p{Cs}/u;
// eslint-disable-next-line no-control-regex
const UNSTORABLE_ALL = /\u0000|\p{Cs}/gu;

/** Can this string be stored as text or inside jsonb as it is? */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** `text` with every character PostgreSQL refuses replaced by U+FFFD: for messages that quote outside input. */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE_ALL, '\ufffd');
}
