import { useEffect, useRef } from 'react';
import { useLiveStatus } from './live-status';

/**
 * A `request()` that re-reads a page with `refresh`: one re-read at a time,
 * requests during one folded into a single next one. Also re-reads when the
 * live connection comes back, since what was announced meanwhile is not
 * replayed. Pages call `request` from their subscriptions' `onData`.
 */
export function useCoalescedLiveRefresh(refresh: () => Promise<unknown>): () => void {
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  const state = useRef({ running: false, again: false });

  const request = useRef(() => {
    const run = (): void => {
      state.current.running = true;
      state.current.again = false;
      void refreshRef
        .current()
        .catch(() => undefined)
        .finally(() => {
          state.current.running = false;
          if (state.current.again) run();
        });
    };
    if (state.current.running) state.current.again = true;
    else run();
  }).current;

  const live = useLiveStatus();
  const wasDown = useRef(false);
  useEffect(() => {
    if (live === 'reconnecting') wasDown.current = true;
    if (live === 'live' && wasDown.current) {
      wasDown.current = false;
      request();
    }
  }, [live, request]);
  return request;
}
