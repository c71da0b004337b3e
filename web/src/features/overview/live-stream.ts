/** The live order stream's list logic, apart from React so it can be tested on its own. */
export type StreamOrder = { id: string; placedAt: string; status: string };

export const STREAM_LENGTH = 40;

/**
 * Merges a changed order into the stream (newest first, at most `limit`).
 * A known order is replaced where it is (its new status, say); an unknown
 * one enters at its place by placedAt, unless it is older than
 * everything shown. `isNew` says whether to announce it (a new order waiting
 * to be accepted).
 */
export function mergeIntoStream<T extends StreamOrder>(
  stream: readonly T[],
  order: T,
  limit = STREAM_LENGTH,
): { stream: T[]; isNew: boolean } {
  if (stream.some((entry) => entry.id === order.id)) {
    return { stream: stream.map((entry) => (entry.id === order.id ? order : entry)), isNew: false };
  }
  const oldest = stream.at(-1);
  if (stream.length >= limit && oldest && order.placedAt < oldest.placedAt)
    return { stream: [...stream], isNew: false };
  const next = [...stream, order]
    .sort((a, b) => (a.placedAt < b.placedAt ? 1 : a.placedAt > b.placedAt ? -1 : 0))
    .slice(0, limit);
  return { stream: next, isNew: order.status === 'RECEIVED' && next.includes(order) };
}
