/**
 * A push-based async iterator: producers `push`, the graphql-ws server pulls.
 * Closing (client `complete`, socket close) runs `onClose` exactly once.
 */
export function eventStream<T>(onClose: () => void): { push: (value: T) => void; iterator: AsyncIterableIterator<T> } {
  const buffered: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | null = null;
  let closed = false;

  const close = (): void => {
    if (closed) return;
    closed = true;
    onClose();
    waiting?.({ value: undefined, done: true });
    waiting = null;
  };

  const iterator: AsyncIterableIterator<T> = {
    next: () => {
      if (buffered.length) return Promise.resolve({ value: buffered.shift()!, done: false });
      if (closed) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return: () => {
      close();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw: (error: unknown) => {
      close();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };

  return {
    push: (value) => {
      if (closed) return;
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve({ value, done: false });
      } else buffered.push(value);
    },
    iterator,
  };
}
